// Common random numbers and the decomposition (docs/model.md §8): arms share every latent draw,
// so paired differences are far more precise than either arm, the components add up,
// and an intervention without effects leaves the arm bit-identical to no intervention.
#include <gtest/gtest.h>

#include <cmath>
#include <map>

#include "test_support.h"

namespace integrasim::testing {
namespace {

Scenario course_scenario(std::int64_t persons) {
  Scenario s = bare_scenario(60, persons, 808);
  s.frailty.variance = 0.5;
  s.output.subgroup_dimensions = {Dimension::sex, Dimension::match_group};
  s.population.shares[static_cast<std::size_t>(Dimension::sex)].share = {0.6, 0.4};
  s.population.shares[static_cast<std::size_t>(Dimension::match_group)].share = {0.3, 0.7};
  give_pathway(s, "policy", "course", {step("course", 6, 6), step("language", 0, 24, "language")});
  return s;
}

TEST(CommonRandomNumbers, PairedStandardErrorIsFarBelowEitherArm) {
  const Scenario s = course_scenario(100000);
  const Results r = run_in_memory(s, constant_hazard_catalogue(0.03, 0.005, 0.002, 0.01, 0.01));
  // Durations accumulate over the whole horizon and are strongly coupled by the shared
  // thresholds; a yes/no state at one month is coupled less, but still far better than
  // independent arms would be (sqrt(a.se^2 + c.se^2)).
  const struct {
    const char* name;
    double max_ratio_to_single_arm;
  } cases[] = {{"months_on_benefit", 0.3}, {"months_employed", 0.3}, {"employment_rate_m60", 0.9}};
  for (const auto& [name, ratio] : cases) {
    const Estimate a = metric(r, "policy", "all", name);
    const Estimate c = metric(r, "comparator", "all", name);
    const Estimate d = difference(r, "policy", "all", name);
    EXPECT_LT(d.se, ratio * std::min(a.se, c.se)) << name;
    EXPECT_LT(d.se, 0.7 * std::hypot(a.se, c.se)) << name;
    EXPECT_GT(d.se, 0.0) << name;
    EXPECT_DOUBLE_EQ(d.value, a.value - c.value) << name;
  }
}

TEST(CommonRandomNumbers, PairedStandardErrorMatchesTheSpreadOverSeeds) {
  // The paired SE claims a precision; check it against the actual spread of the
  // difference over independent seeds (20 replications; the sample SD of 20 values is
  // within +-50 % of the truth with probability > 0.99).
  std::vector<double> diffs;
  double claimed = 0;
  for (std::uint64_t seed = 1; seed <= 20; ++seed) {
    Scenario s = course_scenario(20000);
    s.seed = seed;
    const Results r = run_in_memory(s, constant_hazard_catalogue(0.03, 0.005, 0.002, 0.01, 0.01));
    const Estimate d = difference(r, "policy", "all", "months_employed");
    diffs.push_back(d.value);
    claimed += d.se / 20;
  }
  double mean = 0;
  for (const double x : diffs) mean += x / 20;
  double ss = 0;
  for (const double x : diffs) ss += (x - mean) * (x - mean);
  const double observed = std::sqrt(ss / 19);
  EXPECT_GT(observed, 0.5 * claimed);
  EXPECT_LT(observed, 1.5 * claimed);
}

TEST(Decomposition, ComponentsAddUpToTheTotalEffect) {
  Scenario s = course_scenario(50000);
  s.output.decomposition = true;
  const Results r = run_in_memory(s, constant_hazard_catalogue(0.03, 0.005, 0.002, 0.01, 0.01));
  int checked = 0;
  for (std::size_t g = 0; g < r.subgroups.size(); ++g) {
    for (const std::string outcome : {"months_on_benefit", "months_employed", "employment_rate_m60"}) {
      std::map<std::string, Estimate> c;
      for (const auto& e : r.effects)
        if (r.arms[static_cast<std::size_t>(e.arm)].name == "policy" && e.subgroup == static_cast<int>(g) &&
            e.outcome == outcome)
          c[e.component] = e.effect;
      ASSERT_EQ(c.size(), 6U);
      EXPECT_EQ(c["benefit_rules"].value, 0.0);  // this arm has standard benefit rules
      EXPECT_EQ(c["benefit_rules"].se, 0.0);
      EXPECT_EQ(c["net"].value, c["lock_in"].value + c["post_programme"].value);
      EXPECT_EQ(c["total"].value, c["benefit_rules"].value + c["anticipation"].value + c["lock_in"].value +
                                      c["post_programme"].value);
      // ... and the total equals the difference between the arm and no intervention.
      const double scale = outcome == "employment_rate_m60" ? 100.0 : 1.0;
      const std::string subgroup = r.subgroups[g].name;
      const double direct = (metric(r, "policy", subgroup, outcome).value -
                             metric(r, "no_intervention", subgroup, outcome).value) *
                            scale;
      EXPECT_NEAR(c["total"].value, direct, 1e-9 * std::max(1.0, std::abs(direct)));
      // Lock-in lowers and post raises job finding for this course.
      if (outcome == "months_employed" && subgroup == "all") {
        EXPECT_LT(c["lock_in"].value, -4 * c["lock_in"].se);
        EXPECT_GT(c["post_programme"].value, 4 * c["post_programme"].se);
        EXPECT_GT(c["anticipation"].value, 0.0);
      }
      ++checked;
    }
  }
  EXPECT_EQ(checked, 3 * 5);
}

TEST(CommonRandomNumbers, InterventionWithoutEffectsLeavesTheArmBitIdentical) {
  Scenario s = bare_scenario(60, 20000, 909);
  s.frailty.variance = 0.5;
  give_pathway(s, "policy", "inert", {step("course", 3, 6), step("course", 0, 12, "second")});
  s.pathways.back().steps[1].intervention = "course";
  Catalogue c = constant_hazard_catalogue(0.03, 0.005, 0.002, 0.01, 0.01);
  for (auto& e : c.effects) e.hazard_ratio.value = 1.0;
  for (auto& i : c.interventions) i.danish_gain_per_month.value = 0.0;
  const Results r = run_in_memory(s, c);
  for (const char* name : {"months_on_benefit", "months_employed", "months_education", "ever_employed",
                           "time_to_first_job", "exit_share", "employment_rate_m60"}) {
    const Estimate a = metric(r, "policy", "all", name);
    const Estimate b = metric(r, "no_intervention", "all", name);
    EXPECT_EQ(a.value, b.value) << name;
    EXPECT_EQ(a.se, b.se) << name;
    EXPECT_EQ(difference(r, "policy", "all", name).se, 0.0) << name;
  }
  EXPECT_GT(metric(r, "policy", "all", "programme_months").value, 1.0);
}

}  // namespace
}  // namespace integrasim::testing
