// integrasim command line: parse arguments into option structs, call the library, print.
#include <CLI/CLI.hpp>

#include <algorithm>
#include <iostream>
#include <new>
#include <system_error>
#include <thread>

#include "cli/commands.h"
#include "cli/mpi_exchange.h"
#include "cli/seed_text.h"
#include "core/build_info.h"
#include "core/compiled_model.h"
#include "core/diagnostics.h"
#include "core/limits.h"

namespace {

using namespace integrasim;

// All cores, at least 1 (hardware_concurrency may report 0) and at most what --threads
// accepts. Results are identical for any number, so the default costs no reproducibility;
// the manifest records the number used.
int all_cores() {
  const unsigned cores = std::thread::hardware_concurrency();
  return static_cast<int>(std::clamp<unsigned>(cores, 1, static_cast<unsigned>(k_max_threads)));
}

// Options several subcommands share, worded once.
void add_threads_option(CLI::App* command, int& threads,
                        const std::string& help =
                            "Worker threads (default: all cores); results are identical "
                            "for any number") {
  threads = all_cores();
  command->add_option("--threads", threads, help);
}

bool is_command(const CLI::App& app, const std::string& typed) {
  const auto subs = app.get_subcommands([](const CLI::App*) { return true; });
  return std::any_of(subs.begin(), subs.end(), [&](const CLI::App* sub) { return sub->check_name(typed); });
}

// `integrasim bogus`: CLI11 would say only that an argument was not expected. A first
// argument that is neither an option nor a command is named, with the commands there are.
int unknown_command(const CLI::App& app, const std::string& typed) {
  std::string names;
  for (const CLI::App* sub : app.get_subcommands([](const CLI::App*) { return true; })) {
    if (!names.empty()) names += ", ";
    names += sub->get_name();
  }
  std::cerr << "error: unknown command '" << escape_control(typed) << "'; commands: " << names
            << " (integrasim --help explains them)\n";
  return 2;
}

void add_dialect_option(CLI::App* command, std::string& dialect) {
  command
      ->add_option("--csv-dialect", dialect, "standard (comma) or excel-da (semicolon, decimal comma, BOM)")
      ->capture_default_str();
}

void add_catalogue_option(CLI::App* command, std::string& folder) {
  command->add_option("--catalogue", folder, "Evidence catalogue folder (default: the built-in catalogue)");
}

void add_report_options(CLI::App* command, std::string& language, bool& no_report) {
  command->add_option("--language", language, "Language of report.html: da (Danish) or en (English)")
      ->capture_default_str();
  command->add_flag("--no-report", no_report, "Do not write report.html");
}

void add_quiet_flag(CLI::App* command, bool& quiet) {
  command->add_flag("--quiet", quiet, "Print nothing on success");
}

void add_no_xlsx_flag(CLI::App* command, bool& no_xlsx) {
  command->add_flag("--no-xlsx", no_xlsx, "Leave out results.xlsx (the workbook of the same tables)");
}

void add_max_memory_option(CLI::App* command, std::string& size) {
  command
      ->add_option("--max-memory", size,
                   "Refuse a run whose estimated memory exceeds SIZE, e.g. 8G or 500M (default: the memory "
                   "available now)")
      ->type_name("SIZE");
}

// --seed is read as text and checked before conversion (cli/seed_text.h says why).
void add_seed_option(CLI::App* command, std::optional<std::int64_t>& seed, const std::string& help) {
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
}

CLI::App* add_run(CLI::App& app, cli::RunOptions& run) {
  auto* cmd =
      app.add_subcommand("run", "Simulate a scenario and write summary, monthly, effects and manifest files");
  cmd->add_option("scenario", run.scenario_path,
                  "Scenario file (TOML); default: the built-in default scenario");
  cmd->add_option("--out", run.out_dir, "Output folder (default: output/<scenario name>)");
  add_seed_option(cmd, run.seed, "Master seed (overrides the scenario)");
  cmd->add_option("--persons", run.persons, "Persons to simulate (overrides the scenario)");
  add_threads_option(cmd, run.threads);
  add_max_memory_option(cmd, run.max_memory);
  add_dialect_option(cmd, run.csv_dialect);
  add_catalogue_option(cmd, run.catalogue_dir);
  add_quiet_flag(cmd, run.quiet);
  add_no_xlsx_flag(cmd, run.no_xlsx);
  cmd->add_option("--draws", run.draws,
                  "Parameter draws for a probabilistic sensitivity analysis (0 = off); writes draws.csv, "
                  "parameters.csv and uncertainty.csv")
      ->capture_default_str();
  cmd->add_flag("--sobol", run.sobol, "With --draws: draw parameters along a Sobol sequence");
  cmd->add_option("--draw", run.draw,
                  "Re-run parameter draw D alone (the same numbers as draw D of --draws; with --sobol "
                  "for a Sobol draw) and write its full results");
  add_report_options(cmd, run.language, run.no_report);
  return cmd;
}

CLI::App* add_check(CLI::App& app, cli::CheckOptions& check) {
  auto* cmd = app.add_subcommand("check", "Validate a scenario and print it fully resolved with sources");
  cmd->add_option("scenario", check.scenario_path, "Scenario file (TOML)")->required();
  add_catalogue_option(cmd, check.catalogue_dir);
  return cmd;
}

CLI::App* add_bench(CLI::App& app, cli::BenchOptions& bench) {
  auto* cmd = app.add_subcommand("bench", "Measure engine throughput on the built-in reference benchmark");
  cmd->add_option("--persons", bench.persons, "Persons per run")->capture_default_str();
  add_threads_option(cmd, bench.threads, "Worker threads (default: all cores)");
  cmd->add_option("--repeats", bench.repeats, "Runs; the median is reported")->capture_default_str();
  return cmd;
}

CLI::App* add_validate(CLI::App& app, cli::ValidateOptions& validate) {
  auto* cmd =
      app.add_subcommand("validate", "Run the reference scenarios and compare them with published targets");
  cmd->add_option("--registry", validate.registry_dir,
                  "Registry folder with targets.csv and the reference scenarios")
      ->capture_default_str();
  cmd->add_option("--persons", validate.persons, "Persons per reference scenario (overrides the scenarios)");
  add_threads_option(cmd, validate.threads,
                     "Worker threads (default: all cores); results are identical for any number");
  add_max_memory_option(cmd, validate.max_memory);
  cmd->add_option("--only", validate.only, "in-sample or out-of-sample (default: all targets)");
  cmd->add_option("--out", validate.out_dir, "Also write validation.csv into this folder");
  add_catalogue_option(cmd, validate.catalogue_dir);
  return cmd;
}

CLI::App* add_evidence(CLI::App& app, cli::EvidenceOptions& evidence) {
  auto* cmd = app.add_subcommand("evidence", "Print the evidence catalogue as a table, optionally filtered");
  cmd->add_option("--intervention", evidence.intervention, "Only rows of this intervention id");
  cmd->add_option("--subgroup", evidence.subgroup,
                  "Only rows that can apply to this subgroup, e.g. 'female & refugee'");
  cmd->add_option("--status", evidence.status,
                  "Only rows with this status: estimate, derived, calibrated, placeholder");
  add_catalogue_option(cmd, evidence.catalogue_dir);
  return cmd;
}

CLI::App* add_calibrate(CLI::App& app, cli::CalibrateOptions& calibrate) {
  auto* cmd = app.add_subcommand(
      "calibrate", "Fit catalogue values to published targets (Levenberg-Marquardt, common random numbers)");
  cmd->add_option("config", calibrate.config_path,
                  "Calibration file (TOML), e.g. scenarios/calibration/internship_effects.toml")
      ->required();
  cmd->add_option("--out", calibrate.out_dir, "Output folder (default: output/calibration-<name>)");
  cmd->add_option("--persons", calibrate.persons,
                  "Persons per reference scenario (overrides the calibration file)");
  add_threads_option(cmd, calibrate.threads);
  add_max_memory_option(cmd, calibrate.max_memory);
  add_dialect_option(cmd, calibrate.csv_dialect);
  add_catalogue_option(cmd, calibrate.catalogue_dir);
  cmd->add_flag("--apply", calibrate.apply,
                "Rewrite the fitted rows of the --catalogue folder in place (status calibrated)");
  add_quiet_flag(cmd, calibrate.quiet);
  return cmd;
}

CLI::App* add_sensitivity(CLI::App& app, cli::SensitivityCommandOptions& sensitivity) {
  auto* cmd = app.add_subcommand(
      "sensitivity",
      "One-way sensitivity (tornado.csv) and value of information per uncertain value (voi.csv)");
  cmd->add_option("scenario", sensitivity.scenario_path,
                  "Scenario file (TOML); default: the built-in default scenario");
  cmd->add_option("--draws", sensitivity.draws, "Parameter draws for EVPI/EVPPI (0 = tornado only)")
      ->capture_default_str();
  cmd->add_flag("--sobol", sensitivity.sobol, "Draw parameters along a Sobol sequence");
  cmd->add_option("--persons", sensitivity.persons, "Persons per simulation (overrides the scenario)");
  add_seed_option(cmd, sensitivity.seed, "Master seed (overrides the scenario)");
  add_threads_option(cmd, sensitivity.threads);
  add_max_memory_option(cmd, sensitivity.max_memory);
  cmd->add_option("--metric", sensitivity.metric,
                  "Decision metric (default months_self_support; net_monetary_value with --value-per-month)");
  cmd->add_option("--value-per-month", sensitivity.value_per_month,
                  "DKK per month of self-support: decide on net monetary value = value x months - costs");
  cmd->add_option("--cohort", sensitivity.cohort,
                  "Cohort size for the cohort totals (default: the scenario's persons)");
  cmd->add_option("--group", sensitivity.groups,
                  "A named group for EVPPI, NAME=ID[,ID...] (ids may contain *); repeatable")
      ->allow_extra_args(false);
  cmd->add_option("--out", sensitivity.out_dir,
                  "Output folder (default: output/<scenario name>-sensitivity)");
  add_dialect_option(cmd, sensitivity.csv_dialect);
  add_catalogue_option(cmd, sensitivity.catalogue_dir);
  add_quiet_flag(cmd, sensitivity.quiet);
  add_no_xlsx_flag(cmd, sensitivity.no_xlsx);
  add_report_options(cmd, sensitivity.language, sensitivity.no_report);
  return cmd;
}

CLI::App* add_explore(CLI::App& app, cli::ExploreOptions& explore) {
  auto* cmd = app.add_subcommand("explore",
                                 "Enumerate pathways of building blocks, simulate each against the "
                                 "comparator and rank them per subgroup");
  cmd->add_option("spec", explore.spec_path,
                  "Explorer spec (TOML), e.g. scenarios/explore/language_company.toml")
      ->required();
  cmd->add_option("--out", explore.out_dir, "Output folder (default: output/explore-<name>)");
  add_seed_option(cmd, explore.seed, "Master seed (overrides the base scenario)");
  cmd->add_option("--persons", explore.persons, "Persons to simulate (overrides the base scenario)");
  add_threads_option(cmd, explore.threads);
  add_max_memory_option(cmd, explore.max_memory);
  cmd->add_option("--draws", explore.draws, "Parameter draws for the probability of being best (0 = none)")
      ->capture_default_str();
  add_dialect_option(cmd, explore.csv_dialect);
  add_catalogue_option(cmd, explore.catalogue_dir);
  add_quiet_flag(cmd, explore.quiet);
  add_no_xlsx_flag(cmd, explore.no_xlsx);
  cmd->add_flag("--no-prefix-reuse", explore.no_prefix_reuse,
                "Simulate every candidate from entry instead of continuing shared prefixes (same "
                "results; to measure the speed-up)");
  return cmd;
}

CLI::App* add_batch(CLI::App& app, cli::BatchOptions& batch) {
  auto* cmd =
      app.add_subcommand("batch", "Run several scenarios and write their summary rows into one batch.csv");
  cmd->add_option("scenarios", batch.scenario_paths, "Scenario files (TOML)")->required();
  cmd->add_option("--out", batch.out_dir, "Output folder (default: output/batch)");
  add_seed_option(cmd, batch.seed, "Master seed for every scenario (overrides each scenario's)");
  cmd->add_option("--persons", batch.persons,
                  "Persons to simulate in every scenario (overrides the scenarios)");
  add_threads_option(cmd, batch.threads);
  add_dialect_option(cmd, batch.csv_dialect);
  add_catalogue_option(cmd, batch.catalogue_dir);
  add_no_xlsx_flag(cmd, batch.no_xlsx);
  add_quiet_flag(cmd, batch.quiet);
  return cmd;
}

CLI::App* add_compare(CLI::App& app, cli::CompareOptions& compare) {
  auto* cmd = app.add_subcommand(
      "compare", "Two result folders side by side: metric by metric, B - A with its SE, and their manifests");
  cmd->add_option("folder_a", compare.folder_a, "First result folder (A)")->required();
  cmd->add_option("folder_b", compare.folder_b, "Second result folder (B)")->required();
  cmd->add_option("--out", compare.out_dir, "Also write compare.csv into this folder");
  add_dialect_option(cmd, compare.csv_dialect);
  return cmd;
}

}  // namespace

int main(int argc, char** argv) {
  // Under mpirun every rank runs main(); only rank 0 prints (cli/mpi_exchange.h).
  const cli::ClusterSession cluster(argc, argv);
  const bool root = cli::cluster_root();
  CLI::App app{"integrasim: Monte Carlo simulation of integration programmes for refugees and immigrants"};
  app.set_version_flag("--version",
                       std::string("integrasim ") + build_version() + " (" + build_git_revision() + ")");
  app.require_subcommand(1);

  std::string command_line;
  for (int i = 0; i < argc; ++i) command_line += (i ? " " : "") + std::string(argv[i]);

  cli::RunOptions run;
  cli::CheckOptions check;
  cli::BenchOptions bench;
  cli::ValidateOptions validate;
  cli::EvidenceOptions evidence;
  cli::CalibrateOptions calibrate;
  cli::SensitivityCommandOptions sensitivity;
  cli::ExploreOptions explore;
  cli::BatchOptions batch;
  cli::CompareOptions compare;
  batch.command_line = compare.command_line = command_line;
  run.command_line = calibrate.command_line = sensitivity.command_line = explore.command_line =
      validate.command_line = command_line;
  const CLI::App* run_cmd = add_run(app, run);
  const CLI::App* check_cmd = add_check(app, check);
  const CLI::App* bench_cmd = add_bench(app, bench);
  const CLI::App* validate_cmd = add_validate(app, validate);
  const CLI::App* evidence_cmd = add_evidence(app, evidence);
  const CLI::App* calibrate_cmd = add_calibrate(app, calibrate);
  const CLI::App* sensitivity_cmd = add_sensitivity(app, sensitivity);
  const CLI::App* explore_cmd = add_explore(app, explore);
  const CLI::App* batch_cmd = add_batch(app, batch);
  const CLI::App* compare_cmd = add_compare(app, compare);

  // A bare `integrasim` prints the help, with exit 2 as for any command line that names
  // no command, so that a script calling it without one notices.
  if (argc == 1) {
    std::cout << app.help();
    return 2;
  }
  if (argv[1][0] != '-' && !is_command(app, argv[1])) return unknown_command(app, argv[1]);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = root ? app.exit(e) : e.get_exit_code();
    return code == 0 ? 0 : 2;
  }
  try {
    if (cli::cluster_ranks() > 1 && !*run_cmd)
      fail_input(SourcePosition{"command line", 0, 0}, "mpirun -np", std::to_string(cli::cluster_ranks()),
                 "1 for this command (only 'run' is split across ranks; docs/cluster.md)");
    if (*run_cmd) return cli::run_command(run);
    if (*check_cmd) return cli::check_command(check);
    if (*bench_cmd) return cli::bench_command(bench);
    if (*validate_cmd) return cli::validate_command(validate);
    if (*evidence_cmd) return cli::evidence_command(evidence);
    if (*calibrate_cmd) return cli::calibrate_command(calibrate);
    if (*explore_cmd) return cli::explore_command(explore);
    if (*sensitivity_cmd) return cli::sensitivity_command(sensitivity);
    if (*batch_cmd) return cli::batch_command(batch);
    if (*compare_cmd) return cli::compare_command(compare);
  } catch (const InputError& e) {
    // Every rank read the same inputs and failed alike; one of them says so.
    if (root) std::cerr << "error: " << e.what() << "\n";
    return 2;
  } catch (const InternalError& e) {
    std::cerr << e.what() << "\n";  // "internal error: ..."
    return 1;
  } catch (const std::bad_alloc&) {
    // Raised anywhere, worker threads included (core/engine.h); the result folder is
    // swapped in only after every file is complete, so nothing was written.
    std::cerr << "error: out of memory: the run could not allocate the memory it needs, and nothing was "
                 "written; simulate fewer persons, months, arms or subgroups, use fewer --threads, or run "
                 "it on a machine with more memory\n";
    return 1;
  } catch (const std::system_error& e) {
    if (e.code() != std::errc::resource_unavailable_try_again) {
      std::cerr << "internal error: " << escape_control(e.what()) << "\n";
      return 1;
    }
    std::cerr << "error: out of resources: a worker thread could not be started (" << escape_control(e.what())
              << "), and nothing was written; use fewer --threads or free memory\n";
    return 1;
  } catch (const std::exception& e) {
    std::cerr << "internal error: " << escape_control(e.what()) << "\n";
    return 1;
  }
  return 2;
}
