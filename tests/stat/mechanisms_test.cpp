// The mechanisms of MODEL §5 against hand-derivable cases (issue: evidence-grounded
// defaults and the seed's mechanisms). Tolerances are 4 standard errors computed from
// the closed form.
#include <gtest/gtest.h>

#include <cmath>
#include <map>

#include "core/compiled_model.h"
#include "piecewise_exponential.h"
#include "test_support.h"

namespace integrasim::testing {
namespace {

constexpr std::int64_t k_persons = 200000;

void add_rule(Catalogue& c, const std::string& id, double value) {
  RuleRow r;
  r.unit = "test";
  r.value = test_value(id, value);
  c.rules.push_back(r);
}

Catalogue benefit_cut_catalogue(double h, double male_response, double female_response) {
  Catalogue c = constant_hazard_catalogue(h, 0, 0, 0, 0);
  add_rule(c, "benefit_cut.log_hr_per_full_cut.male", male_response);
  add_rule(c, "benefit_cut.log_hr_per_full_cut.female", female_response);
  add_rule(c, "benefit_cut.full_response_months", 3);
  add_rule(c, "benefit_cut.fade_half_life_months", 6);
  add_rule(c, "benefit_cut.floor_share", 0.25);
  return c;
}

TEST(BenefitCut, JobHazardFollowsTheResponseProfileMonthByMonth) {
  const double h = 0.02;
  const double beta = 2.0;
  const double cut = 0.4;
  const int horizon = 36;
  Scenario s = bare_scenario(horizon, k_persons, 31);
  s.output.decomposition = true;
  s.arms[1].benefit_cut = cut;
  const Results r = run_in_memory(s, benefit_cut_catalogue(h, beta, 0.0));

  // Full response for 3 months, then 0.25 + 0.75 * 2^(-(s-3)/6), on the monthly grid.
  std::vector<double> breaks = {0};
  std::vector<double> hazard;
  for (int m = 0; m < horizon; ++m) {
    const double profile = m < 3 ? 1.0 : 0.25 + 0.75 * std::exp2(-(m - 3) / 6.0);
    breaks.push_back(m + 1);
    hazard.push_back(h * std::exp(beta * cut * profile));
  }
  const PiecewiseExponential curve{breaks, hazard};
  const auto [m1, m2] = curve.moments();
  const Estimate b = metric(r, "policy", "all", "months_on_benefit");
  EXPECT_NEAR(b.value, m1, 4 * std::sqrt((m2 - m1 * m1) / k_persons));
  for (const int month : {3, 12, 36}) {
    const double p = 1 - curve.survival(month);
    EXPECT_NEAR(monthly_share(r, "policy", "all", "employed", month).value, p,
                4 * std::sqrt(p * (1 - p) / k_persons))
        << "month " << month;
  }
  // Without programmes, the whole effect is the benefit rules' component.
  std::map<std::string, Estimate> parts;
  for (const auto& e : r.effects)
    if (r.arms[static_cast<std::size_t>(e.arm)].name == "policy" && e.subgroup == 0 && e.outcome == "months_on_benefit")
      parts[e.component] = e.effect;
  EXPECT_LT(parts["benefit_rules"].value, -10 * parts["benefit_rules"].se);
  EXPECT_EQ(parts["anticipation"].value, 0.0);
  EXPECT_EQ(parts["lock_in"].value, 0.0);
  EXPECT_EQ(parts["post_programme"].value, 0.0);
  EXPECT_EQ(parts["total"].value, parts["benefit_rules"].value);
}

TEST(BenefitCut, WomenWithoutResponseAreUntouchedBitForBit) {
  Scenario s = bare_scenario(36, 20000, 32);
  s.population.shares[static_cast<std::size_t>(Dimension::sex)].share = {0.5, 0.5};
  s.arms[1].benefit_cut = 0.5;
  const Results r = run_in_memory(s, benefit_cut_catalogue(0.02, 2.0, 0.0));
  for (const char* name : {"months_on_benefit", "months_employed", "employment_rate_m36"}) {
    EXPECT_EQ(metric(r, "policy", "female", name).value, metric(r, "comparator", "female", name).value) << name;
    EXPECT_NE(difference(r, "policy", "male", name).value, 0.0) << name;
  }
}

TEST(BenefitCut, AScenarioWithACutNeedsTheResponseRules) {
  Scenario s = bare_scenario(12, 10, 33);
  s.arms[1].benefit_cut = 0.3;
  EXPECT_THROW(run_in_memory(s, constant_hazard_catalogue(0.02, 0, 0, 0, 0)), ModelError);
}

}  // namespace
}  // namespace integrasim::testing
