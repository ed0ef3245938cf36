#include "cli/commands.h"
#include "cli/cli_support.h"

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <iostream>
#include <optional>
#include <vector>

#include "analysis/benchmark.h"
#include "analysis/run_scenario.h"
#include "analysis/uncertainty.h"
#include "core/diagnostics.h"
#include "io/benchmark_scenario.h"
#include "io/catalogue_reader.h"
#include "io/console_report.h"
#include "io/draws_writer.h"
#include "io/embedded_inputs.h"
#include "io/manifest.h"
#include "io/output_folder.h"
#include "io/result_writers.h"
#include "io/scenario_check.h"
#include "io/scenario_reader.h"

namespace integrasim::cli {
namespace {

constexpr const char* k_builtin_scenario = "<built-in default.toml>";

struct LoadedInputs {
  Catalogue catalogue;
  Scenario scenario;
  std::vector<InputHash> hashes;
};

LoadedInputs load_inputs(const std::string& scenario_path, const std::string& catalogue_dir) {
  LoadedInputs in;
  in.catalogue = catalogue_dir.empty() ? read_embedded_catalogue() : read_catalogue_dir(catalogue_dir);
  if (scenario_path.empty()) {
    const std::string_view text = embedded_default_scenario();
    in.scenario = parse_scenario(text, k_builtin_scenario, in.catalogue);
    in.hashes.push_back({k_builtin_scenario, sha256_hex(text)});
  } else {
    const std::string text = read_text_file(scenario_path);
    in.scenario = parse_scenario(text, scenario_path, in.catalogue);
    in.hashes.push_back({scenario_path, sha256_hex(text)});
  }
  for (auto& h : catalogue_input_hashes(catalogue_dir)) in.hashes.push_back(std::move(h));
  return in;
}

void check_cli_limits(const RunOptions& o) {
  const SourcePosition cli{"command line", 0, 0};
  check_persons(o.persons);
  check_seed(o.seed);
  check_threads(o.threads);
  check_csv_dialect(o.csv_dialect);
  if (o.draws < 0 || o.draws > 100000)
    fail_input(cli, "--draws", std::to_string(o.draws), "an integer between 0 and 100000");
  if (o.draw < 0 || o.draw > 100000)
    fail_input(cli, "--draw", std::to_string(o.draw), "an integer between 0 and 100000");
  if (o.draw > 0 && o.draws > 0) fail_input(cli, "--draw", std::to_string(o.draw), "used without --draws");
  if (o.sobol && o.draws == 0 && o.draw == 0)
    fail_input(cli, "--sobol", "given", "used together with --draws N or --draw D");
}

// A progress line with an estimate of the time left, only when stderr is a terminal.
std::function<void(double)> progress_reporter(bool quiet) {
  if (quiet || isatty(STDERR_FILENO) == 0) return {};
  const auto start = std::chrono::steady_clock::now();
  return [start](double done) {
    const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    const double left = done > 0 ? elapsed * (1 - done) / done : 0;
    std::fprintf(stderr, "\r  simulating: %3.0f%%  (about %.0f s left)   ", done * 100, left);
    if (done >= 1.0) std::fprintf(stderr, "\r%60s\r", "");
    std::fflush(stderr);
  };
}

}  // namespace

int run_command(const RunOptions& o) {
  check_cli_limits(o);
  LoadedInputs in = load_inputs(o.scenario_path, o.catalogue_dir);
  if (o.seed) in.scenario.seed = static_cast<std::uint64_t>(*o.seed);
  if (o.persons) in.scenario.persons = *o.persons;
  const std::string folder = o.out_dir.empty() ? "output/" + in.scenario.name : o.out_dir;

  SimulationOptions sim;
  sim.seed = in.scenario.seed;
  sim.threads = o.threads;
  sim.progress = progress_reporter(o.quiet);
  const std::string started = utc_now();
  const auto start = std::chrono::steady_clock::now();
  RunOutcome run;
  if (o.draw > 0) {
    // One parameter draw alone: the sampled catalogue and scenario knobs, and the draw's
    // own random streams, exactly as run_draws simulates it.
    Parameters base = resolve_parameters(in.catalogue, in.scenario);
    apply_uncertainty_spec(base, in.scenario.uncertainty);
    SampledDraw sampled =
        sample_draw(base, in.scenario, sim.seed, static_cast<std::uint32_t>(o.draw), o.sobol);
    SimulationOptions one = sim;
    one.draw = static_cast<std::uint32_t>(o.draw);
    run = run_with_parameters(sampled.scenario, std::move(sampled.parameters), one);
  } else {
    run = run_scenario(in.scenario, in.catalogue, sim);
  }
  // Probabilistic sensitivity analysis (MODEL §13): draws 1..N after the point run.
  std::optional<DrawSet> draw_set;
  std::optional<UncertaintySummary> uncertainty;
  if (o.draws > 0) {
    SimulationOptions psa = sim;
    psa.progress = progress_reporter(o.quiet);
    draw_set = run_draws(in.scenario, in.catalogue, psa, o.draws, o.sobol);
    uncertainty = summarise_draws(*draw_set);
  }

  const CsvDialect dialect = csv_dialect_of(o.csv_dialect);
  Manifest manifest = new_manifest(o.command_line);
  manifest.scenario_name = in.scenario.name;
  manifest.seed = in.scenario.seed;
  manifest.persons = in.scenario.persons;
  manifest.threads = o.threads;
  if (o.draws > 0) manifest.draws = o.draws;
  manifest.horizon_months = in.scenario.horizon_months;
  manifest.csv_dialect = o.csv_dialect;
  manifest.inputs = in.hashes;
  manifest.started_utc = started;
  manifest.wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::vector<OutputFile> files = {{"summary.csv", summary_csv(run.results, dialect)},
                                   {"monthly.csv", monthly_csv(run.results, dialect)},
                                   {"effects.csv", effects_csv(run.results, dialect)},
                                   {"manifest.json", manifest_json(manifest)}};
  if (draw_set) {
    files.push_back({"draws.csv", draws_csv(*draw_set, dialect)});
    files.push_back({"parameters.csv", parameters_csv(*draw_set, dialect)});
    files.push_back({"uncertainty.csv", uncertainty_csv(*uncertainty, dialect)});
  }
  write_results(folder, files);
  if (!o.quiet) std::cout << planner_report(in.scenario, run.results, folder);
  if (!o.quiet && uncertainty) std::cout << uncertainty_report(*uncertainty);
  return 0;
}

int check_command(const CheckOptions& o) {
  const LoadedInputs in = load_inputs(o.scenario_path, o.catalogue_dir);
  const Parameters parameters = resolve_parameters(in.catalogue, in.scenario);
  compile_model(in.scenario, parameters);  // surfaces inconsistencies between the two
  std::cout << resolved_scenario_text(in.scenario, parameters);
  std::cout << "\nscenario is valid\n";
  return 0;
}

int bench_command(const BenchOptions& o) {
  const SourcePosition cli{"command line", 0, 0};
  if (o.persons < 1000 || o.persons > 100'000'000)
    fail_input(cli, "--persons", std::to_string(o.persons), "an integer between 1000 and 100000000");
  if (o.threads < 1 || o.threads > 256)
    fail_input(cli, "--threads", std::to_string(o.threads), "an integer between 1 and 256");
  if (o.repeats < 1 || o.repeats > 100)
    fail_input(cli, "--repeats", std::to_string(o.repeats), "an integer between 1 and 100");
  const Catalogue catalogue = read_embedded_catalogue();
  Scenario scenario = parse_scenario(reference_benchmark_toml(), "<reference benchmark>", catalogue);
  scenario.persons = o.persons;
  const CompiledModel model = compile_model(scenario, resolve_parameters(catalogue, scenario));
  const BenchmarkResult r = run_benchmark(model, o.threads, o.repeats);
  std::printf(
      "reference benchmark: %lld persons x %d months x %zu arm variants, %d thread(s), median of %d runs\n",
      static_cast<long long>(r.persons), model.horizon_months, model.variants.size(), r.threads, r.repeats);
  std::printf("runs (s):");
  for (const double s : r.seconds) std::printf(" %.3f", s);
  std::printf("\nperson-months/s: %.4g\n", r.person_months_per_second);
  std::printf("person-months/s per core: %.4g\n", r.per_core);
  std::printf("naive baseline (one draw per person-month, 1 thread) person-months/s: %.4g\n",
              r.baseline_person_months_per_second);
  std::printf("ratio to baseline (per core): %.2f\n", r.ratio_to_baseline);
  return 0;
}

}  // namespace integrasim::cli
