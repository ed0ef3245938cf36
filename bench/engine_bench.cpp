// The engine's larger parts on the reference benchmark scenario: drawing a person, one
// person's run through the horizon in one arm variant, merging a chunk's tallies, and a
// small whole simulation on one thread.
#include <benchmark/benchmark.h>

#include <cstdint>
#include <vector>

#include "core/engine.h"
#include "core/person_simulator.h"
#include "core/population.h"
#include "core/tallies.h"
#include "reference_model.h"

namespace integrasim {
namespace {

constexpr StreamKey k_key{20261127, 0};

void BM_DrawPerson(benchmark::State& state) {
  const CompiledModel& model = bench::reference_model();
  std::uint64_t person = 0;
  for (auto _ : state) benchmark::DoNotOptimize(draw_person(model, k_key, person++));
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_DrawPerson);

// One person's benefit, job and education spells over the horizon in the arm given by
// the argument, as specified (not a decomposition variant). Items are person-months.
void BM_PersonRun(benchmark::State& state) {
  const CompiledModel& model = bench::reference_model();
  const int v = model.arm_full_variant.at(static_cast<std::size_t>(state.range(0)));
  const ArmVariant& variant = model.variants.at(static_cast<std::size_t>(v));
  const TallyLayout layout(model);
  std::vector<double> x(static_cast<std::size_t>(layout.metrics));
  std::vector<double> w(x.size());
  PersonSimulator simulator(model);
  std::uint64_t person = 0;
  for (auto _ : state) {
    const PersonStatic ps = draw_person(model, k_key, person);
    Latent latent(k_key, person);
    const Outcome out{x.data(), w.data(), k_never};
    benchmark::DoNotOptimize(simulator.run(variant, ps, latent, out, MonthlyRecorder{}));
    ++person;
  }
  state.SetItemsProcessed(state.iterations() * model.horizon_months);
}
BENCHMARK(BM_PersonRun)->Arg(0)->Arg(1);

// Adding one chunk's sums and counts into the run's total, as the engine does per chunk.
void BM_TallyMerge(benchmark::State& state) {
  const TallyLayout layout(bench::reference_model());
  Tallies chunk(layout);
  for (std::size_t i = 0; i < chunk.variant_sums.size(); ++i)
    chunk.variant_sums[i] = 0.5 + static_cast<double>(i);
  for (std::size_t i = 0; i < chunk.pair_sums.size(); ++i) chunk.pair_sums[i] = 0.25 * static_cast<double>(i);
  for (auto& c : chunk.monthly_diff) c = 1;
  Tallies total(layout);
  for (auto _ : state) {
    total.merge(chunk);
    benchmark::DoNotOptimize(total.variant_sums.data());
  }
  state.SetBytesProcessed(
      state.iterations() *
      static_cast<std::int64_t>((chunk.variant_sums.size() + chunk.pair_sums.size()) * sizeof(double) +
                                (chunk.monthly_diff.size() + chunk.first_job_hist.size()) *
                                    sizeof(std::int64_t)));
}
BENCHMARK(BM_TallyMerge);

// The whole engine (every arm variant, tallies, chunk merge) for a small cohort on one
// thread; items are arm-person-months, the unit of `integrasim bench`.
void BM_SimulateSmallCohort(benchmark::State& state) {
  CompiledModel model = bench::reference_model();
  model.persons = state.range(0);
  SimulationOptions options;
  options.threads = 1;
  for (auto _ : state) benchmark::DoNotOptimize(simulate(model, options).persons);
  state.SetItemsProcessed(state.iterations() * model.persons * model.horizon_months *
                          static_cast<std::int64_t>(model.variants.size()));
}
BENCHMARK(BM_SimulateSmallCohort)->Arg(5000)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace integrasim
