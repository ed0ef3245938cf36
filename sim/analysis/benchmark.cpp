#include "analysis/benchmark.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>

#include "core/engine.h"
#include "core/latent_draws.h"
#include "core/metrics.h"
#include "core/person_tally.h"
#include "core/population.h"
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

namespace {

// Persons whose outcomes are recorded for timing the tallies, and then tallied in turn
// over and over: enough for every report cell to occur often, few enough that their
// outcomes stay in the L2 cache, as in the engine, where each person's outcome has just
// been written (L1) when it is tallied. With 8,192 (36 MB) the timing measured the memory
// bus: 480 ns per person against 195 ns with 64 or 1,024.
constexpr std::int64_t k_tally_sample_persons = 256;

struct RecordedOutcomes {
  std::vector<double> x, w, first_job;  // per person: variants x metrics, and per variant
  std::vector<int> cell;
  std::vector<PersonWindow> window;
};

// The outcomes the engine tallies for the first `persons` persons.
RecordedOutcomes record_outcomes(const CompiledModel& model, std::int64_t persons) {
  CompiledModel sample = model;
  sample.persons = persons;
  const TallyLayout layout(sample);
  const std::size_t per_person = static_cast<std::size_t>(layout.variants * layout.metrics);
  const std::size_t n = static_cast<std::size_t>(persons);
  RecordedOutcomes r;
  r.x.resize(n * per_person);
  r.w.resize(n * per_person);
  r.first_job.resize(n * static_cast<std::size_t>(layout.variants));
  r.cell.resize(n);
  r.window.resize(n);
  SimulationOptions options;
  options.person_outcomes = [&](std::uint64_t person, int cell, const double* x, const double* w) {
    std::copy_n(x, per_person, r.x.begin() + static_cast<std::ptrdiff_t>(person * per_person));
    std::copy_n(w, per_person, r.w.begin() + static_cast<std::ptrdiff_t>(person * per_person));
    r.cell[person] = cell;
  };
  simulate(sample, options);
  const StreamKey key{options.seed, options.draw};
  for (std::size_t i = 0; i < n; ++i) {
    r.window[i] = draw_person(sample, key, i).window;
    // The time of the first job, from the metrics that hold it (PersonSimulator's).
    for (int v = 0; v < layout.variants; ++v) {
      const double* x = r.x.data() + i * per_person + static_cast<std::size_t>(v * layout.metrics);
      r.first_job[i * static_cast<std::size_t>(layout.variants) + static_cast<std::size_t>(v)] =
          x[column(Metric::ever_employed)] != 0.0 ? r.window[i].begin + x[column(Metric::time_to_first_job)]
                                                  : std::numeric_limits<double>::infinity();
    }
  }
  return r;
}

}  // namespace

FixedWork measure_fixed_work(const CompiledModel& model) {
  FixedWork f;
  const std::int64_t persons = model.persons;
  const StreamKey key{1, 0};
  double checksum = 0.0;  // what the draws give, so that none of them is optimised away
  auto start = std::chrono::steady_clock::now();
  for (std::int64_t person = 0; person < persons; ++person) {
    const std::uint64_t p = static_cast<std::uint64_t>(person);
    const PersonStatic ps = draw_person(model, key, p);
    Latent latent(key, p);
    checksum += ps.factor[0];
    for (int j = 0; j < k_destination_count; ++j)
      if (model.destination_reachable[static_cast<std::size_t>(j)])
        checksum += latent.benefit_threshold(0, j);
  }
  f.draws_ns_per_person = seconds_since(start) * 1e9 / static_cast<double>(persons);

  const RecordedOutcomes r = record_outcomes(model, std::min(persons, k_tally_sample_persons));
  const TallyLayout layout(model);
  Tallies sums(layout);
  Tallies counts(layout);
  PersonTally tally(model, layout);
  const std::size_t sample = r.cell.size();
  const std::size_t per_person = static_cast<std::size_t>(layout.variants * layout.metrics);
  const std::size_t variants = static_cast<std::size_t>(layout.variants);
  start = std::chrono::steady_clock::now();
  for (std::int64_t person = 0; person < persons; ++person) {
    const std::size_t i = static_cast<std::size_t>(person) % sample;
    tally.add(r.window[i], r.cell[i], r.x.data() + i * per_person, r.w.data() + i * per_person,
              r.first_job.data() + i * variants, sums, counts);
  }
  f.tallies_ns_per_person = seconds_since(start) * 1e9 / static_cast<double>(persons);
  if (counts.persons != persons || !std::isfinite(checksum + sums.variant_sums[0]))
    f.draws_ns_per_person = std::nan("");  // cannot happen; keeps the work used
  return f;
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
  reset_run_profile_total();
  for (int i = 0; i < repeats; ++i) {
    const auto start = std::chrono::steady_clock::now();
    const Tallies t = simulate(model, options);
    r.seconds.push_back(seconds_since(start));
    if (t.persons != model.persons) r.seconds.back() = std::nan("");  // cannot happen; keeps t used
  }
  r.profile = run_profile_total();
  r.profile_timer_cycles = run_profile_timer_cycles();
  std::vector<double> sorted = r.seconds;
  std::sort(sorted.begin(), sorted.end());
  r.median_seconds = sorted[sorted.size() / 2];
  r.person_months_per_second = static_cast<double>(r.arm_person_months) / r.median_seconds;
  r.per_core = r.person_months_per_second / threads;
  r.baseline_person_months_per_second = naive_baseline_throughput(20'000'000);
  r.ratio_to_baseline = r.per_core / r.baseline_person_months_per_second;
  const FixedWork fixed = measure_fixed_work(model);
  r.draws_ns_per_person = fixed.draws_ns_per_person;
  r.tallies_ns_per_person = fixed.tallies_ns_per_person;
  const double fixed_ns = fixed.draws_ns_per_person + fixed.tallies_ns_per_person;
  const double engine_ns = r.median_seconds * threads * 1e9 / static_cast<double>(model.persons);
  const double variants = static_cast<double>(model.variants.size());
  r.runs_ns_per_run = (engine_ns - fixed_ns) / variants;
  r.ceiling_per_core = model.horizon_months * variants / (fixed_ns * 1e-9);
  return r;
}

}  // namespace integrasim
