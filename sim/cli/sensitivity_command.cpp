// `integrasim sensitivity SCENARIO`: one-way (tornado) analysis of every uncertain value
// and the expected value of (partial) perfect information per value and per group, for
// a decision metric; writes tornado.csv, voi.csv and manifest.json (docs/sensitivity.md).
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <iostream>
#include <sstream>
#include <stdexcept>

#include "analysis/sensitivity.h"
#include "cli/cli_support.h"
#include "cli/commands.h"
#include "core/diagnostics.h"
#include "core/limits.h"
#include "io/catalogue_reader.h"
#include "io/embedded_inputs.h"
#include "io/manifest.h"
#include "io/memory_limit.h"
#include "io/output_folder.h"
#include "io/progress_line.h"
#include "io/report_sensitivity.h"
#include "io/result_files.h"
#include "io/scenario_reader.h"

namespace integrasim::cli {
namespace {

constexpr const char* k_builtin_scenario_name = "<built-in default.toml>";

// "name=id1,id2,..." -> a group; ids may contain '*'.
ParameterGroup parse_group(const std::string& text) {
  const SourcePosition cli{"command line", 0, 0};
  const std::size_t eq = text.find('=');
  if (eq == std::string::npos || eq == 0 || eq + 1 >= text.size())
    fail_input(cli, "--group", text,
               "NAME=ID[,ID...] (ids may contain *), e.g. 'wage subsidy=effect.wage_subsidy_*'");
  ParameterGroup g;
  g.name = text.substr(0, eq);
  std::stringstream ids(text.substr(eq + 1));
  for (std::string id; std::getline(ids, id, ',');) {
    const std::size_t first = id.find_first_not_of(' ');
    const std::size_t last = id.find_last_not_of(' ');
    if (first == std::string::npos) continue;
    g.patterns.push_back(id.substr(first, last - first + 1));
  }
  if (g.patterns.empty()) fail_input(cli, "--group", text, "NAME=ID[,ID...] with at least one id");
  return g;
}

std::string fixed(double value, int digits) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.*f", digits, value);
  return buffer;
}

}  // namespace

int sensitivity_command(const SensitivityCommandOptions& o) {
  const SourcePosition cli{"command line", 0, 0};
  check_persons(o.persons);
  check_seed(o.seed);
  if (o.draws != 0 && (o.draws < 2 || o.draws > k_max_parameter_draws))
    fail_input(cli, "--draws", std::to_string(o.draws),
               "0 (tornado only) or " + integer_range(2, k_max_parameter_draws));
  check_threads(o.threads);
  if (o.cohort && (*o.cohort < 1 || *o.cohort > k_max_cohort))
    fail_input(cli, "--cohort", std::to_string(*o.cohort), integer_range(1, k_max_cohort));
  if (o.value_per_month && (!std::isfinite(*o.value_per_month) || *o.value_per_month < 0))
    fail_input(cli, "--value-per-month", format_value(*o.value_per_month),
               "a finite amount of DKK, 0 or more");
  check_csv_dialect(o.csv_dialect);
  const ReportLanguage language = report_language_of(o.language);

  SensitivityOptions options;
  options.metric.name =
      o.metric.empty() ? (o.value_per_month ? k_net_monetary_value : "months_self_support") : o.metric;
  options.metric.value_per_month = o.value_per_month;
  try {
    check_decision_metric(options.metric);
  } catch (const InputError& e) {
    fail_input_message(cli, e.what());
  }
  for (const std::string& g : o.groups) options.groups.push_back(parse_group(g));

  const Catalogue catalogue =
      o.catalogue_dir.empty() ? read_embedded_catalogue() : read_catalogue_dir(o.catalogue_dir);
  std::vector<FileHash> inputs;
  Scenario scenario;
  if (o.scenario_path.empty()) {
    const std::string_view text = embedded_default_scenario();
    scenario = parse_scenario(text, k_builtin_scenario_name, catalogue);
    inputs.push_back({k_builtin_scenario_name, sha256_hex(text)});
  } else {
    const std::string text = read_text_file(o.scenario_path);
    scenario = parse_scenario(text, o.scenario_path, catalogue);
    inputs.push_back({o.scenario_path, sha256_hex(text)});
  }
  for (FileHash& h : catalogue_input_hashes(o.catalogue_dir)) inputs.push_back(std::move(h));

  // The cohort the per-person values are scaled to: the scenario's persons as written
  // (--persons only sets how many are simulated per run).
  options.cohort = o.cohort ? static_cast<double>(*o.cohort) : static_cast<double>(scenario.persons);
  if (o.seed) scenario.seed = static_cast<std::uint64_t>(*o.seed);
  if (o.persons) scenario.persons = *o.persons;
  options.draws = o.draws;
  options.sobol = o.sobol;
  options.threads = o.threads;
  options.memory_limit = memory_limit_for(o.max_memory);
  const auto progress = terminal_progress("sensitivity", o.quiet);
  options.progress = share_callback(progress);
  std::string folder = o.out_dir;
  if (folder.empty()) folder = std::string("output/").append(scenario.name).append("-sensitivity");

  const std::string started = utc_now();
  const auto start = std::chrono::steady_clock::now();
  const SensitivityResult result = run_sensitivity(scenario, catalogue, options);
  if (progress) progress->clear();

  Manifest manifest = new_manifest(o.command_line);
  manifest.scenario_name = scenario.name;
  manifest.description = scenario.description;
  manifest.seed = scenario.seed;
  manifest.persons = scenario.persons;
  manifest.draws = o.draws;
  manifest.threads = o.threads;
  manifest.horizon_months = scenario.horizon_months;
  manifest.csv_dialect = o.csv_dialect;
  manifest.inputs = inputs;
  manifest.started_utc = started;
  manifest.wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

  const CsvDialect dialect = csv_dialect_of(o.csv_dialect);
  std::vector<OutputFile> files =
      sensitivity_result_files(result, options.metric, o.draws > 0, resolve_parameters(catalogue, scenario),
                               manifest, {dialect, !o.no_xlsx});
  if (!o.no_report)
    files.push_back(
        {"report.html",
         sensitivity_report_html(
             {.result = &result, .metric = &options.metric, .manifest = &manifest, .language = language})});
  write_results(folder, std::move(files), std::move(manifest));

  if (!o.quiet) {
    const std::string& unit = result.voi.unit;
    std::cout << "Sensitivity of '" << scenario.name << "': " << result.uncertain_parameters
              << " uncertain values, decision metric " << options.metric.name << " (" << unit << "), "
              << result.simulations << " simulations of " << scenario.persons << " persons\n";
    std::cout
        << "Largest one-way swings (policy minus comparator, value at the ends of its 95 % interval):\n";
    for (std::size_t i = 0; i < result.tornado.size() && i < 5; ++i) {
      const TornadoRow& r = result.tornado[i];
      std::cout << "  " << r.rank << ". " << r.parameter << " [" << r.arm
                << "]: " << fixed(r.metric_at_low, 3) << " to " << fixed(r.metric_at_high, 3) << " (swing "
                << fixed(r.swing, 3) << ")\n";
    }
    if (o.draws > 0 && !result.voi.rows.empty()) {
      const VoiRow& all = result.voi.rows.front();
      std::cout << "Value of perfect information (" << result.voi.draws << " draws): EVPI "
                << fixed(all.per_person, 4) << " " << unit << ", " << fixed(all.cohort, 1)
                << " for a cohort of " << fixed(result.voi.cohort, 0) << "\n";
      if (all.per_person <= 0.0) {
        std::cout << "  The same arm is best in every draw: resolving any uncertainty would not change the "
                     "decision, "
                     "so no EVPPI is above 0.\n";
      } else {
        // Only values whose EVPPI is above the estimator's noise bound (voi.h) are news.
        int shown = 0;
        for (std::size_t i = 1; i < result.voi.rows.size() && shown < 5; ++i) {
          const VoiRow& r = result.voi.rows[i];
          if (r.per_person <= r.noise_bound || r.per_person <= 0.0) continue;
          std::cout << "  EVPPI " << r.name << (r.kind == "group" ? " (group)" : "") << ": "
                    << fixed(r.per_person, 4) << " (" << fixed(100 * r.share_of_evpi, 0)
                    << " % of EVPI; noise bound " << fixed(r.noise_bound, 4) << ")\n";
          ++shown;
        }
        if (shown == 0)
          std::cout << "  No value's or group's EVPPI is above its noise bound (noise_bound_per_person in "
                       "voi.csv): "
                       "more draws are needed to tell the knowledge gaps apart.\n";
      }
    }
    std::cout << "Results in " << folder << "/ (tornado.csv" << (o.draws > 0 ? ", voi.csv" : "")
              << ", manifest.json); see docs/sensitivity.md\n";
  }
  return 0;
}

}  // namespace integrasim::cli
