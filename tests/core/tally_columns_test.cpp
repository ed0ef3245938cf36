// The sums the engine keeps per person (core/tallies.h TallyColumnPlan): all columns of
// the arms' variants and of their pairs against the comparator, only the decomposed ones
// of the decomposition's other variants and pairs. The plan is right if no output reads a
// sum it leaves out: with every such sum set to a large value, every file comes out byte
// for byte the same. (Not NaN: summarise checks every sum is finite, an overflow guard
// that reads them all.)
#include <gtest/gtest.h>

#include <bit>
#include <cstdint>
#include <vector>

#include "analysis/summarise.h"
#include "core/engine.h"
#include "io/result_writers.h"
#include "test_support.h"

namespace integrasim::testing {
namespace {

CompiledModel decomposed_model() {
  Scenario s = bare_scenario(36, 3000, 4321);
  s.frailty.variance = 0.5;
  s.output.decomposition = true;
  s.output.employment_rate_months = {12, 24, 36};
  s.population.shares[0].share = {0.5, 0.5};
  give_pathway(s, "comparator", "c", {step("course", 1, 6)});
  give_pathway(s, "policy", "p", {step("course", 2, 6), step("language", 0, 24, "language")});
  Catalogue c = constant_hazard_catalogue(0.03, 0.005, 0.002, 0.02, 0.01);
  set_effect(c, "course", Phase::lock_in, 0.7);
  set_effect(c, "course", Phase::post, 1.4);
  Scenario copy = s;
  return compile_model(copy, resolve_parameters(c, copy));
}

// Whether column k is one the plan keeps for a variant or pair that is not whole.
bool kept_when_partial(const TallyColumnPlan& plan, int k) {
  for (const auto* list : {&plan.decomposed_means, &plan.decomposed_ratios})
    for (const int c : *list)
      if (c == k) return true;
  return false;
}

TEST(TallyColumnPlan, KeepsEveryColumnOfTheArmsAndTheDecomposedOnesOfTheRest) {
  const CompiledModel m = decomposed_model();
  const TallyColumnPlan plan(m);
  ASSERT_EQ(m.variants.size(), 7U);  // N, then A1, A2, A3 of each arm (no benefit rules: A0 is N)
  for (std::size_t v = 0; v < m.variants.size(); ++v) {
    const bool arm = m.variants[v].rules.kind == VariantKind::full ||
                     m.variants[v].rules.kind == VariantKind::no_intervention;
    EXPECT_EQ(plan.variant_whole[v] != 0, arm) << "variant " << v;
  }
  int whole_pairs = 0;
  for (const std::uint8_t w : plan.pair_whole) whole_pairs += w;
  EXPECT_EQ(whole_pairs, 2);  // the policy and N against the comparator
  EXPECT_EQ(plan.decomposed_means,
            (std::vector<int>{column(Metric::months_on_benefit), column(Metric::months_employed)}));
  EXPECT_EQ(plan.decomposed_ratios, std::vector<int>{k_fixed_metric_count + 2});  // employment_rate_m36
}

TEST(TallyColumnPlan, NoOutputReadsASumTheEngineLeavesOut) {
  const CompiledModel m = decomposed_model();
  const TallyColumnPlan plan(m);
  SimulationOptions o;
  o.seed = 5;
  const Tallies kept = simulate(m, o);
  Tallies poisoned = kept;
  const TallyLayout& l = kept.layout;
  constexpr double k_poison = 1.0e9;  // any output reading it would show it
  int left_out = 0;
  for (int k = 0; k < l.metrics; ++k) {
    if (kept_when_partial(plan, k)) continue;
    for (int g = 0; g < l.groups; ++g) {
      for (int v = 0; v < l.variants; ++v) {
        if (plan.variant_whole[static_cast<std::size_t>(v)] != 0) continue;
        for (int s = 0; s < k_variant_sum_count; ++s) {
          double& x = poisoned.variant_sums[l.variant_sum(v, g, k, s)];
          EXPECT_EQ(x, 0.0) << "the engine added to a sum it leaves out";
          x = k_poison;
          ++left_out;
        }
      }
      for (int p = 0; p < l.pairs; ++p) {
        if (plan.pair_whole[static_cast<std::size_t>(p)] != 0) continue;
        for (int s = 0; s < k_pair_sum_count; ++s) {
          poisoned.pair_sums[l.pair_sum(p, g, k, s)] = k_poison;
          ++left_out;
        }
      }
    }
  }
  ASSERT_GT(left_out, 0);
  const Results a = summarise(m, kept);
  const Results b = summarise(m, poisoned);
  ASSERT_FALSE(a.effects.empty());
  EXPECT_EQ(summary_csv(a, CsvDialect::standard), summary_csv(b, CsvDialect::standard));
  EXPECT_EQ(effects_csv(a, CsvDialect::standard), effects_csv(b, CsvDialect::standard));
  EXPECT_EQ(monthly_csv(a, CsvDialect::standard), monthly_csv(b, CsvDialect::standard));
}

// An arm without benefit rules of its own has A0 = N, so its rules-effect pair is N with
// itself, whose sums the engine copies from N's squares (fill_self_pairs) instead of adding
// them person by person. They must be what the person-by-person products give, bit for
// bit: with one chunk (1,024 persons or fewer) the engine's sums are the persons' values
// added in person order, which the callback sees too.
TEST(TallyColumnPlan, APairOfAVariantWithItselfHasTheSumsOfItsProducts) {
  Scenario s = bare_scenario(36, 1000, 99);
  s.frailty.variance = 0.5;
  s.output.decomposition = true;
  s.output.employment_rate_months = {12, 36};
  s.population.shares[0].share = {0.5, 0.5};
  s.output.subgroup_dimensions = {Dimension::sex};
  give_pathway(s, "comparator", "c", {step("course", 1, 6)});
  give_pathway(s, "policy", "p", {step("course", 2, 6)});
  Catalogue c = constant_hazard_catalogue(0.03, 0.005, 0.002, 0.02, 0.01);
  set_effect(c, "course", Phase::post, 1.4);
  Scenario copy = s;
  const CompiledModel m = compile_model(copy, resolve_parameters(c, copy));
  const TallyColumnPlan plan(m);
  const TallyLayout layout(m);
  std::vector<double> expected(layout.pair_sum_size(), 0.0);
  int self_pairs = 0;
  for (int p = 0; p < layout.pairs; ++p) self_pairs += plan.pair_self[static_cast<std::size_t>(p)];
  ASSERT_EQ(self_pairs, 2);  // each arm's A0 - N
  SimulationOptions o;
  o.seed = 3;
  o.threads = 1;
  o.person_outcomes = [&](std::uint64_t, int cell, const double* x, const double* w) {
    for (int p = 0; p < layout.pairs; ++p) {
      if (plan.pair_self[static_cast<std::size_t>(p)] == 0) continue;
      const VariantPair& pair = m.pairs[static_cast<std::size_t>(p)];
      const double* x1 = x + pair.first * layout.metrics;
      const double* w1 = w + pair.first * layout.metrics;
      const double* x2 = x + pair.second * layout.metrics;
      const double* w2 = w + pair.second * layout.metrics;
      for (int k = 0; k < layout.metrics; ++k) {
        expected[layout.pair_sum(p, cell, k, 0)] += x1[k] * x2[k];
        expected[layout.pair_sum(p, cell, k, 1)] += x1[k] * w2[k];
        expected[layout.pair_sum(p, cell, k, 2)] += w1[k] * x2[k];
        expected[layout.pair_sum(p, cell, k, 3)] += w1[k] * w2[k];
      }
    }
  };
  const Tallies t = simulate(m, o);
  int compared = 0;
  for (int p = 0; p < layout.pairs; ++p) {
    if (plan.pair_self[static_cast<std::size_t>(p)] == 0) continue;
    for (int g = 0; g < layout.groups; ++g)
      for (int k = 0; k < layout.metrics; ++k) {
        if (!kept_when_partial(plan, k)) continue;  // a decomposition pair keeps these only
        const int sums = k < k_mean_column_count ? 1 : k_pair_sum_count;
        for (int i = 0; i < sums; ++i) {
          const std::size_t at = layout.pair_sum(p, g, k, i);
          ASSERT_EQ(std::bit_cast<std::uint64_t>(t.pair_sums[at]), std::bit_cast<std::uint64_t>(expected[at]))
              << "pair " << p << " cell " << g << " column " << k << " sum " << i;
          compared += expected[at] != 0.0;
        }
      }
  }
  EXPECT_GT(compared, 10);  // the sums compared are not all zero
}

}  // namespace
}  // namespace integrasim::testing
