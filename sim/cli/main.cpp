// integrasim command line: parse arguments into option structs, call the library, print.
#include <CLI/CLI.hpp>

#include <iostream>

#include "cli/commands.h"
#include "core/build_info.h"
#include "core/compiled_model.h"
#include "io/input_error.h"

int main(int argc, char** argv) {
  using namespace integrasim;
  CLI::App app{"integrasim: Monte Carlo simulation of integration programmes for refugees and immigrants"};
  app.set_version_flag("--version", std::string("integrasim ") + build_version() + " (" + build_git_revision() + ")");
  app.require_subcommand(1);

  std::string command_line;
  for (int i = 0; i < argc; ++i) command_line += (i ? " " : "") + std::string(argv[i]);

  cli::RunOptions run;
  run.command_line = command_line;
  auto* run_cmd = app.add_subcommand("run", "Simulate a scenario and write summary, monthly, effects and manifest files");
  run_cmd->add_option("scenario", run.scenario_path, "Scenario file (TOML); default: the built-in default scenario");
  run_cmd->add_option("--out", run.out_dir, "Output folder (default: output/<scenario name>)");
  run_cmd->add_option("--seed", run.seed, "Master seed (overrides the scenario)");
  run_cmd->add_option("--persons", run.persons, "Persons to simulate (overrides the scenario)");
  run_cmd->add_option("--threads", run.threads, "Worker threads; results are identical for any number")->capture_default_str();
  run_cmd->add_option("--csv-dialect", run.csv_dialect, "standard (comma) or excel-da (semicolon, decimal comma, BOM)")
      ->capture_default_str();
  run_cmd->add_option("--catalogue", run.catalogue_dir, "Evidence catalogue folder (default: the built-in catalogue)");
  run_cmd->add_flag("--quiet", run.quiet, "Print nothing on success");

  cli::CheckOptions check;
  auto* check_cmd = app.add_subcommand("check", "Validate a scenario and print it fully resolved with sources");
  check_cmd->add_option("scenario", check.scenario_path, "Scenario file (TOML)")->required();
  check_cmd->add_option("--catalogue", check.catalogue_dir, "Evidence catalogue folder (default: built-in)");

  cli::BenchOptions bench;
  auto* bench_cmd = app.add_subcommand("bench", "Measure engine throughput on the built-in reference benchmark");
  bench_cmd->add_option("--persons", bench.persons, "Persons per run")->capture_default_str();
  bench_cmd->add_option("--threads", bench.threads, "Worker threads")->capture_default_str();
  bench_cmd->add_option("--repeats", bench.repeats, "Runs; the median is reported")->capture_default_str();

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
  } catch (const InputError& e) {
    std::cerr << "error: " << e.what() << "\n";
    return 2;
  } catch (const ModelError& e) {
    std::cerr << "error: " << e.what() << "\n";
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "internal error: " << e.what() << "\n";
    return 1;
  }
  return 2;
}
