// Randomness belongs to the person, never to the thread (docs/developing.md principle 3): the
// same scenario and seed give bit-identical tallies for any thread count.
#include <gtest/gtest.h>

#include "core/engine.h"
#include "test_support.h"

namespace integrasim::testing {
namespace {

CompiledModel model_for_threads() {
  Scenario s = bare_scenario(48, 5500, 1234);  // several chunks of 1024 persons
  s.frailty.variance = 0.7;
  s.output.decomposition = true;
  s.output.subgroup_dimensions = {Dimension::sex};
  s.population.shares[0].share = {0.5, 0.5};
  give_pathway(s, "policy", "p", {step("course", 2, 6), step("language", 0, 24, "language")});
  Scenario copy = s;
  const Catalogue c = constant_hazard_catalogue(0.03, 0.005, 0.002, 0.02, 0.01);
  return compile_model(copy, resolve_parameters(c, copy));
}

TEST(Reproducibility, TalliesAreBitIdenticalForOneTwoAndFourThreads) {
  const CompiledModel m = model_for_threads();
  SimulationOptions o;
  o.seed = 99;
  o.threads = 1;
  const Tallies one = simulate(m, o);
  for (const int threads : {2, 4}) {
    o.threads = threads;
    const Tallies many = simulate(m, o);
    EXPECT_EQ(one.variant_sums, many.variant_sums) << threads << " threads";
    EXPECT_EQ(one.pair_sums, many.pair_sums) << threads << " threads";
    EXPECT_EQ(one.monthly_diff, many.monthly_diff) << threads << " threads";
    EXPECT_EQ(one.first_job_hist, many.first_job_hist) << threads << " threads";
    EXPECT_EQ(one.persons, many.persons);
  }
}

TEST(Reproducibility, DifferentSeedsGiveDifferentResults) {
  const CompiledModel m = model_for_threads();
  SimulationOptions o;
  o.seed = 1;
  const Tallies a = simulate(m, o);
  o.seed = 2;
  const Tallies b = simulate(m, o);
  EXPECT_NE(a.variant_sums, b.variant_sums);
}

TEST(Reproducibility, ChunkSizeDependsOnPersonsOnly) {
  EXPECT_EQ(chunk_size_for(10), 1024);
  EXPECT_EQ(chunk_size_for(1'000'000), 1954);
  EXPECT_EQ(chunk_size_for(100'000'000), 195313);
}

}  // namespace
}  // namespace integrasim::testing
