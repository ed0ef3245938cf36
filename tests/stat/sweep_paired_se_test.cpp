// The paired SE between two sweep points is the SE of their difference (docs/sweep.md):
// over many seeds, the spread of the difference between the points matches the paired
// SE each seed reports, and is far below the unpaired SE sqrt(se_a^2 + se_b^2).
#include <gtest/gtest.h>

#include <cmath>

#include "analysis/sweep.h"
#include "test_support.h"

namespace integrasim::testing {
namespace {

TEST(SweepPairedSe, MatchesTheSpreadOfTheDifferenceOverSeeds) {
  constexpr int k_seeds = 60;
  Scenario base = bare_scenario(36, 2000, 1);
  base.frailty.variance = 0.5;
  give_pathway(base, "policy", "p", {step("course", 3, 6)});
  SweepSpec spec;
  SweepDimension d;
  d.target.name = "pathway.p.step.1.coverage";
  d.target.knob = SweepKnob::step_coverage;
  d.target.pathway = 0;
  d.target.step = 0;
  d.values = {1.0, 0.6};
  spec.dimensions.push_back(d);
  const Catalogue catalogue = constant_hazard_catalogue(0.03, 0.005, 0.002, 0.01, 0.01);

  std::size_t row = 0;
  std::size_t k = 0;
  double sum = 0, sum_sq = 0, paired_var = 0, unpaired_var = 0;
  for (int seed = 1; seed <= k_seeds; ++seed) {
    SimulationOptions o;
    o.seed = static_cast<std::uint64_t>(seed);
    const SweepResults s = run_sweep(base, spec, catalogue, o);
    const Results& first = s.points[0].results;
    if (seed == 1) {  // the policy arm, all persons; months employed
      while (!(first.summary[row].arm == 1 && first.summary[row].subgroup == 0)) ++row;
      while (first.metrics[k].name != "months_employed") ++k;
    }
    const Estimate diff = s.points[1].vs_first[row][k];
    sum += diff.value;
    sum_sq += diff.value * diff.value;
    paired_var += diff.se * diff.se;
    unpaired_var += std::pow(first.summary[row].metrics[k].se, 2) +
                    std::pow(s.points[1].results.summary[row].metrics[k].se, 2);
  }
  const double n = k_seeds;
  const double spread = std::sqrt((sum_sq - sum * sum / n) / (n - 1));  // SD of the difference over seeds
  const double paired = std::sqrt(paired_var / n);
  const double unpaired = std::sqrt(unpaired_var / n);
  // The sample SD of n normal values has relative SE 1/sqrt(2(n-1)); allow 4 of them.
  const double tolerance = 4.0 / std::sqrt(2.0 * (n - 1));
  EXPECT_NEAR(spread / paired, 1.0, tolerance) << "spread " << spread << " paired SE " << paired;
  // The unpaired SE is far outside that band: the test can tell the two apart.
  EXPECT_GT(unpaired / spread, 1.0 + 2 * tolerance) << "unpaired SE " << unpaired;
}

}  // namespace
}  // namespace integrasim::testing
