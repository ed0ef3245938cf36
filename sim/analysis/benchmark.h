// `integrasim bench`: throughput of the engine on the reference scenario, and of a
// naive discrete-time simulation (one random draw per person-month, the textbook
// method) measured in the same run as a machine-speed baseline.
#pragma once

#include <cstdint>
#include <vector>

#include "core/compiled_model.h"

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
};

BenchmarkResult run_benchmark(const CompiledModel& model, int threads, int repeats);

// The naive baseline: persons x months of "draw a uniform, compare with 1 - exp(-h)".
// Returns person-months per second on one thread.
double naive_baseline_throughput(std::int64_t person_months);

}  // namespace integrasim
