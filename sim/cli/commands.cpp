#include "cli/commands.h"
#include "cli/cli_support.h"
#include "cli/mpi_exchange.h"
#include "cli/scenario_inputs.h"
#include "cli/sweep_run.h"

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
#include "core/limits.h"
#include "io/benchmark_scenario.h"
#include "io/catalogue_reader.h"
#include "io/console_report.h"
#include "io/embedded_inputs.h"
#include "io/manifest.h"
#include "io/memory_limit.h"
#include "io/output_folder.h"
#include "io/progress_line.h"
#include "io/report_html.h"
#include "io/result_files.h"
#include "io/scenario_check.h"
#include "io/scenario_reader.h"
#include "io/sweep_spec.h"

namespace integrasim::cli {
namespace {

void check_cli_limits(const RunOptions& o) {
  const SourcePosition cli{"command line", 0, 0};
  check_persons(o.persons);
  check_seed(o.seed);
  check_threads(o.threads);
  check_csv_dialect(o.csv_dialect);
  report_language_of(o.language);
  if (o.draws < 0 || o.draws > k_max_parameter_draws)
    fail_input(cli, "--draws", std::to_string(o.draws), integer_range(0, k_max_parameter_draws));
  if (o.draw < 0 || o.draw > k_max_parameter_draws)
    fail_input(cli, "--draw", std::to_string(o.draw), integer_range(0, k_max_parameter_draws));
  if (o.draw > 0 && o.draws > 0) fail_input(cli, "--draw", std::to_string(o.draw), "used without --draws");
  if (o.sobol && o.draws == 0 && o.draw == 0)
    fail_input(cli, "--sobol", "given", "used together with --draws N or --draw D");
}

}  // namespace

int run_command(const RunOptions& o) {
  check_cli_limits(o);
  const MemoryLimit memory_limit = memory_limit_for(o.max_memory);
  LoadedInputs in = load_inputs(o.scenario_path, o.catalogue_dir);
  if (o.seed) in.scenario.seed = static_cast<std::uint64_t>(*o.seed);
  if (o.persons) {
    // Arrivals and the caseload fix the persons; their replicas are set in the scenario.
    if (in.scenario.inflow.active() || in.scenario.caseload.active())
      fail_input(SourcePosition{"command line", 0, 0}, "--persons", std::to_string(*o.persons),
                 "left out for a scenario with [inflow] or [caseload] (set simulated_per_arrival or "
                 "simulated_per_person there)");
    in.scenario.persons = *o.persons;
  }
  const std::string folder = o.out_dir.empty() ? "output/" + in.scenario.name : o.out_dir;
  const SweepSpec sweep = parse_sweep(in.text, in.display_name, in.scenario, in.catalogue);
  if (sweep.active()) {
    // A sweep's points are whole runs, not split into chunks: every rank would write them.
    if (cluster_ranks() > 1)
      fail_input(SourcePosition{"command line", 0, 0}, "mpirun -np", std::to_string(cluster_ranks()),
                 "1 for a scenario with [sweep] (only a plain run is split across ranks; docs/cluster.md)");
    return run_sweep_command(o, in, sweep, folder);
  }

  SimulationOptions sim;
  sim.seed = in.scenario.seed;
  sim.threads = o.threads;
  sim.memory_limit = memory_limit;
  sim.partition = cluster_partition();  // under mpirun: this rank's chunks (docs/cluster.md)
  const bool quiet = o.quiet || !cluster_root();
  const auto progress = terminal_progress("simulating", quiet);
  sim.progress = share_callback(progress);
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
  // Probabilistic sensitivity analysis (docs/model.md §13): draws 1..N after the point run.
  std::optional<DrawSet> draw_set;
  std::optional<UncertaintySummary> uncertainty;
  if (o.draws > 0) {
    SimulationOptions psa = sim;
    const auto draws_progress = terminal_progress("simulating", quiet);
    psa.progress = share_callback(draws_progress);
    draw_set = run_draws(in.scenario, in.catalogue, psa, o.draws, o.sobol);
    if (draws_progress) draws_progress->clear();
    uncertainty = summarise_draws(*draw_set);
  }

  if (!cluster_root()) return 0;  // rank 0 holds the same results and writes them
  const CsvDialect dialect = csv_dialect_of(o.csv_dialect);
  Manifest manifest = new_manifest(o.command_line);
  manifest.scenario_name = in.scenario.name;
  manifest.description = in.scenario.description;
  manifest.seed = in.scenario.seed;
  manifest.persons = run.results.persons;
  manifest.threads = o.threads;
  manifest.mpi_ranks = cluster_ranks();
  manifest.mpi_bytes = cluster_bytes();
  if (o.draws > 0) manifest.draws = o.draws;
  manifest.horizon_months = in.scenario.horizon_months;
  manifest.csv_dialect = o.csv_dialect;
  manifest.inputs = in.hashes;
  manifest.started_utc = started;
  manifest.wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  const ResultFileOptions file_options{dialect, !o.no_xlsx};
  std::vector<OutputFile> files = run_result_files(
      {&run.results, &run.parameters, draw_set ? &*draw_set : nullptr, uncertainty ? &*uncertainty : nullptr},
      manifest, file_options);
  if (!o.no_report) {
    const ReportInputs report{.results = &run.results,
                              .manifest = &manifest,
                              .language = report_language_of(o.language),
                              .draws = draw_set ? &*draw_set : nullptr,
                              .uncertainty = uncertainty ? &*uncertainty : nullptr};
    files.push_back({"report.html", report_html(report)});
  }
  std::vector<std::string> written;
  for (const OutputFile& f : files) written.push_back(f.name);
  write_results(folder, std::move(files), std::move(manifest));
  if (!o.quiet) std::cerr << excel_row_warning(run.results, file_options);
  if (!o.quiet) std::cout << planner_report(in.scenario, run.results, folder, written);
  if (!o.quiet && !o.no_report) std::cout << "Report: " << folder << "/report.html (open it in a browser)\n";
  if (!o.quiet && uncertainty) std::cout << uncertainty_report(*uncertainty);
  return 0;
}

int check_command(const CheckOptions& o) {
  const LoadedInputs in = load_inputs(o.scenario_path, o.catalogue_dir);
  const Parameters parameters = resolve_parameters(in.catalogue, in.scenario);
  compile_model(in.scenario, parameters);  // surfaces inconsistencies between the two
  // Read after the scenario passed the reader, so its tree is as shallow as the format.
  const ScenarioKeyPositions positions =
      scenario_key_positions(read_text_file(o.scenario_path), o.scenario_path);
  std::cout << resolved_scenario_text(in.scenario, parameters, positions);
  const SweepSpec sweep = parse_sweep(in.text, in.display_name, in.scenario, in.catalogue);
  if (sweep.active()) std::cout << sweep_text(sweep);
  std::cout << "\nscenario is valid\n";
  return 0;
}

int bench_command(const BenchOptions& o) {
  const SourcePosition cli{"command line", 0, 0};
  if (o.persons < k_min_bench_persons || o.persons > k_max_persons)
    fail_input(cli, "--persons", std::to_string(o.persons),
               integer_range(k_min_bench_persons, k_max_persons));
  check_threads(o.threads);
  if (o.repeats < 1 || o.repeats > k_max_bench_repeats)
    fail_input(cli, "--repeats", std::to_string(o.repeats), integer_range(1, k_max_bench_repeats));
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
  // Where a person's time goes, against the product goal (docs/developing.md).
  const double budget_ns =
      model.horizon_months * static_cast<double>(model.variants.size()) / k_bench_target_per_core * 1e9;
  std::printf("per person, timed alone on 1 thread: draws %.0f ns, tallies %.0f ns\n", r.draws_ns_per_person,
              r.tallies_ns_per_person);
  std::printf("per person and arm variant, the rest (the runs): %.0f ns\n", r.runs_ns_per_run);
  std::printf("ceiling if the runs cost nothing, per core: %.4g\n", r.ceiling_per_core);
  const double runs_budget_ns = (budget_ns - r.draws_ns_per_person - r.tallies_ns_per_person) /
                                static_cast<double>(model.variants.size());
  if (runs_budget_ns > 0.0) {
    std::printf("at the goal of %.3g per core the runs would have %.0f ns per person and arm variant\n",
                k_bench_target_per_core, runs_budget_ns);
  } else {  // a slow machine or build (a sanitizer's): the goal is out of reach even without runs
    std::printf(
        "at the goal of %.3g per core the draws and tallies alone take more than the %.0f ns a person has\n",
        k_bench_target_per_core, budget_ns);
  }
  if (k_run_profile_built) std::printf("%s", format_run_profile(r.profile, r.profile_timer_cycles).c_str());
  return 0;
}

}  // namespace integrasim::cli
