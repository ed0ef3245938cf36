#include "analysis/benchmark.h"

#include <algorithm>
#include <chrono>
#include <cmath>

#include "core/engine.h"
#include "core/random_streams.h"

namespace integrasim {

namespace {
double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}
}  // namespace

double naive_baseline_throughput(std::int64_t person_months) {
  // Simulates months on benefit with a constant hazard by a Bernoulli draw each month:
  // what a straightforward microsimulation does, and what latent thresholds avoid.
  const StreamKey key{12345, 0};
  const double p = 1.0 - std::exp(-0.02);
  const int horizon = 60;
  const std::int64_t persons = std::max<std::int64_t>(1, person_months / horizon);
  const auto start = std::chrono::steady_clock::now();
  double months = 0.0;
  for (std::int64_t i = 0; i < persons; ++i) {
    for (int m = 0; m < horizon; ++m) {
      months += 1.0;
      if (uniform_open01(key, static_cast<std::uint64_t>(i), Purpose::threshold_employed,
                         static_cast<std::uint64_t>(m)) < p)
        break;
    }
  }
  const double elapsed = seconds_since(start);
  return months / elapsed;  // person-months actually simulated per second
}

BenchmarkResult run_benchmark(const CompiledModel& model, int threads, int repeats) {
  BenchmarkResult r;
  r.persons = model.persons;
  r.threads = threads;
  r.repeats = repeats;
  r.arm_person_months =
      model.persons * model.horizon_months * static_cast<std::int64_t>(model.variants.size());
  SimulationOptions options;
  options.seed = 1;
  options.threads = threads;
  for (int i = 0; i < repeats; ++i) {
    const auto start = std::chrono::steady_clock::now();
    const Tallies t = simulate(model, options);
    r.seconds.push_back(seconds_since(start));
    if (t.persons != model.persons) r.seconds.back() = std::nan("");  // cannot happen; keeps t used
  }
  std::vector<double> sorted = r.seconds;
  std::sort(sorted.begin(), sorted.end());
  r.median_seconds = sorted[sorted.size() / 2];
  r.person_months_per_second = static_cast<double>(r.arm_person_months) / r.median_seconds;
  r.per_core = r.person_months_per_second / threads;
  r.baseline_person_months_per_second = naive_baseline_throughput(20'000'000);
  r.ratio_to_baseline = r.per_core / r.baseline_person_months_per_second;
  return r;
}

}  // namespace integrasim
