// The keyed random draws every person's run rests on: one Philox4x32-10 block, the
// unit-exponential latent threshold made from it, and the cached thresholds and per-step
// uniforms a person's arm variants share (core/random_streams.h, core/latent_draws.h).
#include <benchmark/benchmark.h>

#include <cstdint>

#include "core/latent_draws.h"
#include "core/random_streams.h"

namespace integrasim {
namespace {

constexpr StreamKey k_key{20261127, 0};

void BM_PhiloxBlock(benchmark::State& state) {
  std::uint64_t person = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(random_block(k_key, person, Purpose::coverage, 3));
    ++person;
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_PhiloxBlock);

void BM_ExponentialThreshold(benchmark::State& state) {
  std::uint64_t person = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(exponential_threshold(k_key, person, Purpose::threshold_employed, 0));
    ++person;
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_ExponentialThreshold);

// A new person's first-spell thresholds for every destination, then the same again as the
// next arm variant asks for them (from the cache).
void BM_LatentFirstSpellThresholds(benchmark::State& state) {
  std::uint64_t person = 0;
  for (auto _ : state) {
    Latent latent(k_key, person);
    double sum = 0.0;
    for (int variant = 0; variant < 2; ++variant)
      for (int d = 0; d < k_destination_count; ++d) sum += latent.benefit_threshold(0, d);
    benchmark::DoNotOptimize(sum);
    ++person;
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_LatentFirstSpellThresholds);

// Coverage and placement uniforms of a pathway's first steps in the first spell.
void BM_LatentStepUniforms(benchmark::State& state) {
  std::uint64_t person = 0;
  for (auto _ : state) {
    Latent latent(k_key, person);
    double sum = 0.0;
    for (int step = 0; step < 4; ++step)
      sum += latent.coverage_uniform(0, step) + latent.placement_uniform(0, step);
    benchmark::DoNotOptimize(sum);
    ++person;
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_LatentStepUniforms);

}  // namespace
}  // namespace integrasim
