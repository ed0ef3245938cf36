// `integrasim calibrate CONFIG`: fit catalogue values to published targets and write the
// fit report, the calibrated rows and provenance; with --apply also rewrite the rows of
// a catalogue folder in place.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <iostream>
#include <stdexcept>

#include "analysis/calibration.h"
#include "cli/cli_support.h"
#include "cli/commands.h"
#include "core/diagnostics.h"
#include "io/calibration_config.h"
#include "io/calibration_output.h"
#include "io/catalogue_reader.h"
#include "io/embedded_inputs.h"
#include "io/manifest.h"
#include "io/memory_limit.h"
#include "io/output_folder.h"
#include "io/progress_line.h"
#include "io/scenario_reader.h"

namespace integrasim::cli {
namespace {

// Rewrites the catalogue folder only after the rewritten files have been read back as
// a valid catalogue (from a scratch copy), so --apply never leaves a broken catalogue.
void apply_to_catalogue(const CalibrationResult& result, const std::string& dir) {
  const std::vector<OutputFile> files = apply_calibration_files(result, dir);
  OutputFolderOptions catalogue;
  catalogue.kind = FolderKind::catalogue;  // the folder's other files are all kept
  const std::filesystem::path scratch =
      std::filesystem::temp_directory_path() / ("integrasim-apply-" + std::to_string(::getpid()));
  std::filesystem::remove_all(scratch);
  std::filesystem::create_directories(scratch);
  try {
    for (const auto& entry : std::filesystem::directory_iterator(dir))
      if (entry.path().extension() == ".csv")
        std::filesystem::copy_file(entry.path(), scratch / entry.path().filename());
    write_output_folder(scratch.string(), files, catalogue);
    read_catalogue_dir(scratch.string());
  } catch (...) {
    std::filesystem::remove_all(scratch);
    throw;
  }
  std::filesystem::remove_all(scratch);
  try {
    write_output_folder(dir, files, catalogue);
  } catch (const std::runtime_error& e) {
    fail_input_message({"--catalogue", 0, 0}, std::string("cannot rewrite the catalogue: ").append(e.what()));
  }
}

}  // namespace

int calibrate_command(const CalibrateOptions& o) {
  const SourcePosition cli{"command line", 0, 0};
  check_persons(o.persons);
  check_threads(o.threads);
  check_csv_dialect(o.csv_dialect);
  if (o.apply && o.catalogue_dir.empty())
    fail_input_message(cli,
                       "--apply rewrites the catalogue folder given with --catalogue DIR (the built-in copy "
                       "cannot be rewritten); add e.g. --catalogue scenarios/evidence");

  const Catalogue catalogue =
      o.catalogue_dir.empty() ? read_embedded_catalogue() : read_catalogue_dir(o.catalogue_dir);
  LoadedCalibration loaded = read_calibration_config(o.config_path, catalogue);
  CalibrationProblem& problem = loaded.problem;
  if (o.persons) problem.settings.persons = *o.persons;
  std::string folder = o.out_dir;
  if (folder.empty()) folder = std::string("output/calibration-").append(problem.name);

  CalibrationOptions options;
  options.threads = o.threads;
  options.memory_limit = memory_limit_for(o.max_memory);
  const auto progress = terminal_progress("calibrating", o.quiet);
  if (progress)
    options.progress = [&progress](const CalibrationProgress& p) {
      char text[128];
      std::snprintf(text, sizeof text, "iteration %d, %d simulations, objective %.5g", p.iteration,
                    p.evaluations, p.objective);
      progress->show_text(text);
    };
  const std::string started = utc_now();
  const auto start = std::chrono::steady_clock::now();
  const CalibrationResult result = calibrate(problem, catalogue, options);
  if (progress) progress->clear();

  Manifest manifest = new_manifest(o.command_line);
  manifest.scenario_name = std::string("calibration-").append(problem.name);
  const Scenario& first = problem.scenarios.front();
  manifest.seed = problem.settings.seed.value_or(first.seed);
  manifest.persons = problem.settings.persons.value_or(first.persons);
  manifest.threads = o.threads;
  for (const Scenario& s : problem.scenarios)
    manifest.horizon_months = std::max(manifest.horizon_months, s.horizon_months);
  manifest.csv_dialect = o.csv_dialect;
  manifest.inputs = loaded.inputs;
  for (FileHash& h : catalogue_input_hashes(o.catalogue_dir)) manifest.inputs.push_back(std::move(h));
  manifest.started_utc = started;
  manifest.wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

  const CsvDialect dialect = csv_dialect_of(o.csv_dialect);
  write_results(folder,
                {{"fit_report.csv", fit_report_csv(result, dialect)},
                 {"parameters.csv", fitted_parameters_csv(result, dialect)},
                 {"calibrated_rows.csv", calibrated_rows_csv(result, dialect)},
                 {"calibration.json", calibration_summary_json(result)}},
                std::move(manifest));
  if (o.apply) apply_to_catalogue(result, o.catalogue_dir);
  if (!o.quiet) {
    std::cout << calibration_console_report(problem.name, result, folder);
    if (o.apply)
      std::cout << "Applied: " << result.values.size() << " rows of " << o.catalogue_dir
                << " rewritten (status calibrated).\n";
  }
  return 0;
}

}  // namespace integrasim::cli
