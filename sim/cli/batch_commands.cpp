// batch and the sweep branch of run: several runs written as one long table.
#include <chrono>
#include <iostream>
#include <map>

#include "analysis/run_scenario.h"
#include "cli/cli_support.h"
#include "cli/commands.h"
#include "cli/scenario_inputs.h"
#include "cli/sweep_run.h"
#include "core/diagnostics.h"
#include "io/batch_writer.h"
#include "io/console_report.h"
#include "io/progress_line.h"
#include "io/result_files.h"
#include "io/sweep_spec.h"

namespace integrasim::cli {
namespace {

const SourcePosition k_command_line{"command line", 0, 0};

Manifest base_manifest(const std::string& command_line, const std::string& dialect, int threads) {
  Manifest m = new_manifest(command_line);
  m.threads = threads;
  m.csv_dialect = dialect;
  m.started_utc = utc_now();
  return m;
}

void add_hashes(std::vector<FileHash>& into, const std::vector<FileHash>& more) {
  for (const FileHash& h : more) {
    const bool known = std::any_of(into.begin(), into.end(), [&](const FileHash& k) {
      return k.name == h.name && k.sha256 == h.sha256;
    });
    if (!known) into.push_back(h);
  }
}

// "DIR/ (a.csv, b.xlsx, manifest.json)" from the files actually written.
std::string written_list(const std::string& folder, const std::vector<OutputFile>& files) {
  std::string out = folder;
  out += "/ (";
  for (std::size_t i = 0; i < files.size(); ++i) {
    if (i > 0) out += ", ";
    out += files[i].name;
  }
  out += ", manifest.json)";
  return out;
}

}  // namespace

int run_sweep_command(const RunOptions& o, const LoadedInputs& in, const SweepSpec& sweep,
                      const std::string& folder) {
  if (o.draws > 0 || o.draw > 0) {
    std::string where = format_position(sweep.dimensions.front().target.where);
    if (where.ends_with(": ")) where.resize(where.size() - 2);
    fail_input(k_command_line, o.draws > 0 ? "--draws" : "--draw",
               std::to_string(o.draws > 0 ? o.draws : o.draw),
               "left out for a scenario with [sweep] (" + where +
                   "): a sweep runs every point at the catalogue's point values");
  }
  const auto start = std::chrono::steady_clock::now();
  SimulationOptions sim;
  sim.seed = in.scenario.seed;
  sim.threads = o.threads;
  const auto progress = terminal_progress("sweeping", o.quiet);
  sim.progress = share_callback(progress);
  const SweepResults results = run_sweep(in.scenario, sweep, in.catalogue, sim);
  if (progress) progress->clear();

  Manifest manifest = base_manifest(o.command_line, o.csv_dialect, o.threads);
  manifest.scenario_name = in.scenario.name;
  manifest.description = in.scenario.description;
  manifest.seed = in.scenario.seed;
  manifest.persons = results.points.front().results.persons;
  manifest.horizon_months = in.scenario.horizon_months;
  manifest.inputs = in.hashes;
  manifest.wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  Table table = sweep_table(in.scenario.name, in.display_name, sweep, results);
  const std::size_t rows = table.rows();
  const std::vector<OutputFile> files =
      sweep_result_files(std::move(table), manifest, {csv_dialect_of(o.csv_dialect), !o.no_xlsx});
  const std::string written = written_list(folder, files);
  write_results(folder, files, std::move(manifest));
  if (!o.quiet) {
    std::cout << "sweep of '" << in.scenario.name << "': " << results.points.size() << " points over";
    for (const SweepDimension& d : sweep.dimensions) std::cout << " " << d.target.name;
    std::cout << ", " << rows << " rows, seed " << in.scenario.seed
              << " (common random numbers: differences between points have paired SEs)\n"
              << "results: " << written << "\n";
  }
  return 0;
}

int batch_command(const BatchOptions& o) {
  check_persons(o.persons);
  check_seed(o.seed);
  check_threads(o.threads);
  check_csv_dialect(o.csv_dialect);
  const auto start = std::chrono::steady_clock::now();
  Manifest manifest = base_manifest(o.command_line, o.csv_dialect, o.threads);
  manifest.scenario_name = "batch";
  std::vector<LoadedInputs> inputs;
  std::map<std::string, std::string> file_of_name;
  for (const std::string& file : o.scenario_paths) {
    LoadedInputs in = load_inputs(file, o.catalogue_dir);
    const SweepSpec sweep = parse_sweep(in.text, in.display_name, in.scenario, in.catalogue);
    if (sweep.active())
      fail_input_message(sweep.dimensions.front().target.where,
                         "[sweep] is run by 'integrasim run " + file +
                             "', not in a batch (a batch runs each scenario once)");
    const auto [earlier, fresh] = file_of_name.emplace(in.scenario.name, file);
    if (!fresh)
      fail_input(SourcePosition{file, 0, 0}, "[scenario] name", quote_value(in.scenario.name),
                 "different from the name of " + earlier->second +
                     ", because the scenarios of a batch are told apart by name");
    if (o.seed) in.scenario.seed = static_cast<std::uint64_t>(*o.seed);
    if (o.persons) {
      if (in.scenario.inflow.active() || in.scenario.caseload.active())
        fail_input(k_command_line, "--persons", std::to_string(*o.persons),
                   "left out when a scenario has [inflow] or [caseload] (" + file + ")");
      in.scenario.persons = *o.persons;
    }
    inputs.push_back(std::move(in));
  }
  std::vector<Results> runs;  // only the results: a batch may hold many scenarios
  for (std::size_t i = 0; i < inputs.size(); ++i) {
    const LoadedInputs& in = inputs[i];
    SimulationOptions sim;
    sim.seed = in.scenario.seed;
    sim.threads = o.threads;
    const auto progress = terminal_progress(in.scenario.name, o.quiet);
    sim.progress = share_callback(progress);
    runs.push_back(run_scenario(in.scenario, in.catalogue, sim).results);
    if (progress) progress->clear();
    add_hashes(manifest.inputs, in.hashes);
    manifest.runs.push_back({in.scenario.name, in.display_name, in.scenario.seed, runs.back().persons});
    manifest.persons += runs.back().persons;
  }
  manifest.seed = inputs.front().scenario.seed;
  manifest.horizon_months = inputs.front().scenario.horizon_months;
  std::vector<BatchEntry> entries;
  for (std::size_t i = 0; i < inputs.size(); ++i)
    entries.push_back({inputs[i].scenario.name, inputs[i].display_name, &runs[i]});
  Table table = batch_table(entries);
  const std::size_t rows = table.rows();
  manifest.wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  const std::string folder = o.out_dir.empty() ? "output/batch" : o.out_dir;
  const std::vector<OutputFile> files =
      batch_result_files(std::move(table), manifest, {csv_dialect_of(o.csv_dialect), !o.no_xlsx});
  const std::string written = written_list(folder, files);
  write_results(folder, files, std::move(manifest));
  if (!o.quiet) {
    std::cout << "batch of " << inputs.size() << " scenarios, " << rows << " rows\n";
    for (std::size_t i = 0; i < inputs.size(); ++i)
      std::cout << "  " << inputs[i].scenario.name << " (" << inputs[i].display_name << "): seed "
                << inputs[i].scenario.seed << ", " << runs[i].persons << " persons\n";
    std::cout << "results: " << written << "\n";
  }
  return 0;
}

}  // namespace integrasim::cli
