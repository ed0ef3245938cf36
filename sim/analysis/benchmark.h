// `integrasim bench`: throughput of the engine on the reference scenario, and of a
// naive discrete-time simulation (one random draw per person-month, the textbook
// method) measured in the same run as a machine-speed baseline.
#pragma once

#include <cstdint>
#include <vector>

#include "core/compiled_model.h"
#include "core/run_profile.h"

namespace integrasim {

struct BenchmarkResult {
  std::int64_t persons = 0;
  int threads = 1;
  int repeats = 0;
  std::int64_t arm_person_months = 0;  // per repeat: persons x H x simulated arm variants
  std::vector<double> seconds;         // wall time of each repeat
  double median_seconds = 0.0;
  double person_months_per_second = 0.0;           // arm-person-months per wall second (median)
  double per_core = 0.0;                           // divided by threads
  double baseline_person_months_per_second = 0.0;  // naive kernel, one thread
  double ratio_to_baseline = 0.0;                  // per_core / baseline
  // Where a person's time goes (one thread; FixedWork): what every person costs whatever
  // its runs do, and what is left for the runs.
  double draws_ns_per_person = 0.0;
  double tallies_ns_per_person = 0.0;
  double runs_ns_per_run = 0.0;  // engine time per core and person, less the above, per arm variant
  // Per core, if the runs cost nothing: the ceiling that the draws and tallies leave.
  double ceiling_per_core = 0.0;
  // Cycles per part of the timed repeats' runs, and what one timing costs
  // (INTEGRASIM_RUN_PROFILE builds; empty otherwise).
  RunProfile profile;
  std::int64_t profile_timer_cycles = 0;
};

// The product goal for `integrasim bench` (docs/developing.md): arm-person-months per
// second per core.
inline constexpr double k_bench_target_per_core = 5e8;

// What each person costs apart from its runs, timed by itself on one thread over the
// benchmark's persons: the person draws every run reads (attributes, frailty, first-spell
// thresholds), and the tallies of outcomes recorded from the engine for a sample of them
// (core/person_tally.h), in ns per person.
struct FixedWork {
  double draws_ns_per_person = 0.0;
  double tallies_ns_per_person = 0.0;
};
FixedWork measure_fixed_work(const CompiledModel& model);

BenchmarkResult run_benchmark(const CompiledModel& model, int threads, int repeats);

// The naive baseline: persons x months of "draw a uniform, compare with 1 - exp(-h)".
// Returns person-months per second on one thread.
double naive_baseline_throughput(std::int64_t person_months);

}  // namespace integrasim
