// integrasim command line: parse arguments into option structs, call the library, print.
#include <CLI/CLI.hpp>

#include <iostream>

#include "cli/commands.h"
#include "cli/seed_text.h"
#include "core/build_info.h"
#include "core/compiled_model.h"
#include "core/diagnostics.h"

int main(int argc, char** argv) {
  using namespace integrasim;
  CLI::App app{"integrasim: Monte Carlo simulation of integration programmes for refugees and immigrants"};
  app.set_version_flag("--version",
                       std::string("integrasim ") + build_version() + " (" + build_git_revision() + ")");
  app.require_subcommand(1);

  // --seed is read as text and checked before conversion (cli/seed_text.h says why).
  const auto add_seed_option = [](CLI::App* command, std::optional<std::int64_t>& seed,
                                  const std::string& help) {
    command
        ->add_option_function<std::string>(
            "--seed",
            [&seed](const std::string& typed) {
              std::string text = typed;
              const std::string problem = cli::check_seed_text(text);
              if (!problem.empty()) throw CLI::ValidationError("command line: --seed " + problem);
              seed = std::stoll(text);
            },
            help)
        ->type_name("INT");
  };

  std::string command_line;
  for (int i = 0; i < argc; ++i) command_line += (i ? " " : "") + std::string(argv[i]);

  cli::RunOptions run;
  run.command_line = command_line;
  auto* run_cmd =
      app.add_subcommand("run", "Simulate a scenario and write summary, monthly, effects and manifest files");
  run_cmd->add_option("scenario", run.scenario_path,
                      "Scenario file (TOML); default: the built-in default scenario");
  run_cmd->add_option("--out", run.out_dir, "Output folder (default: output/<scenario name>)");
  add_seed_option(run_cmd, run.seed, "Master seed (overrides the scenario)");
  run_cmd->add_option("--persons", run.persons, "Persons to simulate (overrides the scenario)");
  run_cmd->add_option("--threads", run.threads, "Worker threads; results are identical for any number")
      ->capture_default_str();
  run_cmd
      ->add_option("--csv-dialect", run.csv_dialect,
                   "standard (comma) or excel-da (semicolon, decimal comma, BOM)")
      ->capture_default_str();
  run_cmd->add_option("--catalogue", run.catalogue_dir,
                      "Evidence catalogue folder (default: the built-in catalogue)");
  run_cmd->add_flag("--quiet", run.quiet, "Print nothing on success");
  run_cmd
      ->add_option("--draws", run.draws,
                   "Parameter draws for a probabilistic sensitivity analysis (0 = off); writes draws.csv, "
                   "parameters.csv and uncertainty.csv")
      ->capture_default_str();
  run_cmd->add_flag("--sobol", run.sobol, "With --draws: draw parameters along a Sobol sequence");
  run_cmd->add_option("--draw", run.draw,
                      "Re-run parameter draw D alone (the same numbers as draw D of --draws; with --sobol "
                      "for a Sobol draw) and write its full results");

  cli::CheckOptions check;
  auto* check_cmd =
      app.add_subcommand("check", "Validate a scenario and print it fully resolved with sources");
  check_cmd->add_option("scenario", check.scenario_path, "Scenario file (TOML)")->required();
  check_cmd->add_option("--catalogue", check.catalogue_dir, "Evidence catalogue folder (default: built-in)");

  cli::BenchOptions bench;
  auto* bench_cmd =
      app.add_subcommand("bench", "Measure engine throughput on the built-in reference benchmark");
  bench_cmd->add_option("--persons", bench.persons, "Persons per run")->capture_default_str();
  bench_cmd->add_option("--threads", bench.threads, "Worker threads")->capture_default_str();
  bench_cmd->add_option("--repeats", bench.repeats, "Runs; the median is reported")->capture_default_str();

  cli::ValidateOptions validate;
  auto* validate_cmd =
      app.add_subcommand("validate", "Run the reference scenarios and compare them with published targets");
  validate_cmd
      ->add_option("--registry", validate.registry_dir,
                   "Registry folder with targets.csv and the reference scenarios")
      ->capture_default_str();
  validate_cmd->add_option("--persons", validate.persons,
                           "Persons per reference scenario (overrides the scenarios)");
  validate_cmd->add_option("--threads", validate.threads, "Worker threads")->capture_default_str();
  validate_cmd->add_option("--only", validate.only, "in-sample or out-of-sample (default: all targets)");
  validate_cmd->add_option("--out", validate.out_dir, "Also write validation.csv into this folder");
  validate_cmd->add_option("--catalogue", validate.catalogue_dir,
                           "Evidence catalogue folder (default: built-in)");

  cli::EvidenceOptions evidence;
  auto* evidence_cmd =
      app.add_subcommand("evidence", "Print the evidence catalogue as a table, optionally filtered");
  evidence_cmd->add_option("--intervention", evidence.intervention, "Only rows of this intervention id");
  evidence_cmd->add_option("--subgroup", evidence.subgroup,
                           "Only rows that can apply to this subgroup, e.g. 'female & refugee'");
  evidence_cmd->add_option("--status", evidence.status,
                           "Only rows with this status: estimate, derived, calibrated, placeholder");
  evidence_cmd->add_option("--catalogue", evidence.catalogue_dir,
                           "Evidence catalogue folder (default: built-in)");

  cli::CalibrateOptions calibrate;
  calibrate.command_line = command_line;
  auto* calibrate_cmd = app.add_subcommand(
      "calibrate", "Fit catalogue values to published targets (Levenberg-Marquardt, common random numbers)");
  calibrate_cmd
      ->add_option("config", calibrate.config_path,
                   "Calibration file (TOML), e.g. scenarios/calibration/baseline_internship.toml")
      ->required();
  calibrate_cmd->add_option("--out", calibrate.out_dir, "Output folder (default: output/calibration-<name>)");
  calibrate_cmd->add_option("--persons", calibrate.persons,
                            "Persons per reference scenario (overrides the calibration file)");
  calibrate_cmd
      ->add_option("--threads", calibrate.threads, "Worker threads; results are identical for any number")
      ->capture_default_str();
  calibrate_cmd
      ->add_option("--csv-dialect", calibrate.csv_dialect,
                   "standard (comma) or excel-da (semicolon, decimal comma, BOM)")
      ->capture_default_str();
  calibrate_cmd->add_option("--catalogue", calibrate.catalogue_dir,
                            "Evidence catalogue folder (default: built-in)");
  calibrate_cmd->add_flag("--apply", calibrate.apply,
                          "Rewrite the fitted rows of the --catalogue folder in place (status calibrated)");
  calibrate_cmd->add_flag("--quiet", calibrate.quiet, "Print nothing on success");

  cli::SensitivityCommandOptions sensitivity;
  sensitivity.command_line = command_line;
  auto* sensitivity_cmd = app.add_subcommand(
      "sensitivity",
      "One-way sensitivity (tornado.csv) and value of information per uncertain value (voi.csv)");
  sensitivity_cmd->add_option("scenario", sensitivity.scenario_path,
                              "Scenario file (TOML); default: the built-in default scenario");
  sensitivity_cmd
      ->add_option("--draws", sensitivity.draws, "Parameter draws for EVPI/EVPPI (0 = tornado only)")
      ->capture_default_str();
  sensitivity_cmd->add_flag("--sobol", sensitivity.sobol, "Draw parameters along a Sobol sequence");
  sensitivity_cmd->add_option("--persons", sensitivity.persons,
                              "Persons per simulation (overrides the scenario)");
  add_seed_option(sensitivity_cmd, sensitivity.seed, "Master seed (overrides the scenario)");
  sensitivity_cmd
      ->add_option("--threads", sensitivity.threads, "Worker threads; results are identical for any number")
      ->capture_default_str();
  sensitivity_cmd->add_option(
      "--metric", sensitivity.metric,
      "Decision metric (default months_self_support; net_monetary_value with --value-per-month)");
  sensitivity_cmd->add_option(
      "--value-per-month", sensitivity.value_per_month,
      "DKK per month of self-support: decide on net monetary value = value x months - costs");
  sensitivity_cmd->add_option("--cohort", sensitivity.cohort,
                              "Cohort size for the cohort totals (default: the scenario's persons)");
  sensitivity_cmd
      ->add_option("--group", sensitivity.groups,
                   "A named group for EVPPI, NAME=ID[,ID...] (ids may contain *); repeatable")
      ->allow_extra_args(false);
  sensitivity_cmd->add_option("--out", sensitivity.out_dir,
                              "Output folder (default: output/<scenario name>-sensitivity)");
  sensitivity_cmd
      ->add_option("--csv-dialect", sensitivity.csv_dialect,
                   "standard (comma) or excel-da (semicolon, decimal comma, BOM)")
      ->capture_default_str();
  sensitivity_cmd->add_option("--catalogue", sensitivity.catalogue_dir,
                              "Evidence catalogue folder (default: built-in)");
  sensitivity_cmd->add_flag("--quiet", sensitivity.quiet, "Print nothing on success");

  cli::ExploreOptions explore;
  explore.command_line = command_line;
  auto* explore_cmd = app.add_subcommand("explore",
                                         "Enumerate pathways of building blocks, simulate each against the "
                                         "comparator and rank them per subgroup");
  explore_cmd
      ->add_option("spec", explore.spec_path,
                   "Explorer spec (TOML), e.g. scenarios/explore/language_company.toml")
      ->required();
  explore_cmd->add_option("--out", explore.out_dir, "Output folder (default: output/explore-<name>)");
  add_seed_option(explore_cmd, explore.seed, "Master seed (overrides the base scenario)");
  explore_cmd->add_option("--persons", explore.persons, "Persons to simulate (overrides the base scenario)");
  explore_cmd
      ->add_option("--threads", explore.threads, "Worker threads; results are identical for any number")
      ->capture_default_str();
  explore_cmd
      ->add_option("--draws", explore.draws, "Parameter draws for the probability of being best (0 = none)")
      ->capture_default_str();
  explore_cmd
      ->add_option("--csv-dialect", explore.csv_dialect,
                   "standard (comma) or excel-da (semicolon, decimal comma, BOM)")
      ->capture_default_str();
  explore_cmd->add_option("--catalogue", explore.catalogue_dir,
                          "Evidence catalogue folder (default: built-in)");
  explore_cmd->add_flag("--quiet", explore.quiet, "Print nothing on success");
  explore_cmd->add_flag("--no-prefix-reuse", explore.no_prefix_reuse,
                        "Simulate every candidate from entry instead of continuing shared prefixes (same "
                        "results; to measure the speed-up)");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? 0 : 2;
  }
  try {
    if (*run_cmd) return cli::run_command(run);
    if (*check_cmd) return cli::check_command(check);
    if (*bench_cmd) return cli::bench_command(bench);
    if (*validate_cmd) return cli::validate_command(validate);
    if (*evidence_cmd) return cli::evidence_command(evidence);
    if (*calibrate_cmd) return cli::calibrate_command(calibrate);
    if (*explore_cmd) return cli::explore_command(explore);
    if (*sensitivity_cmd) return cli::sensitivity_command(sensitivity);
  } catch (const InputError& e) {
    std::cerr << "error: " << e.what() << "\n";
    return 2;
  } catch (const InternalError& e) {
    std::cerr << e.what() << "\n";  // "internal error: ..."
    return 1;
  } catch (const std::exception& e) {
    std::cerr << "internal error: " << escape_control(e.what()) << "\n";
    return 1;
  }
  return 2;
}
