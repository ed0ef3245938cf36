// Combining post-programme effects (docs/model.md §4, knowledge gap 1): the rules on their own,
// and end to end against piecewise-exponential closed forms (1e5 persons, tolerance 4
// standard errors of the closed form), including ordered interaction terms.
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "core/combination.h"
#include "core_test_helpers.h"
#include "test_support.h"

namespace integrasim::testing {
namespace {

constexpr std::int64_t k_persons = 100000;
constexpr double k_z = 4.0;

double combine(CombinationRule rule, double alpha, std::vector<double> b) {
  return combine_post_effects(rule, alpha, b);
}

TEST(CombinePostEffects, EmptyListIsNoEffect) {
  for (const auto rule :
       {CombinationRule::multiplicative, CombinationRule::strongest, CombinationRule::diminishing})
    for (const double alpha : {0.0, 0.5, 1.0}) EXPECT_EQ(combine(rule, alpha, {}), 0.0);
}

TEST(CombinePostEffects, SingleProgrammeIsItsOwnEffectUnderEveryRule) {
  for (const auto rule :
       {CombinationRule::multiplicative, CombinationRule::strongest, CombinationRule::diminishing})
    for (const double alpha : {0.0, 0.5, 1.0})
      for (const double b : {0.4, -0.3}) EXPECT_DOUBLE_EQ(combine(rule, alpha, {b}), b);
}

TEST(CombinePostEffects, MultiplicativeAddsLogHazardRatios) {
  EXPECT_DOUBLE_EQ(combine(CombinationRule::multiplicative, 0.0, {0.2, 0.5, 0.1}), 0.8);
  EXPECT_DOUBLE_EQ(combine(CombinationRule::multiplicative, 0.3, {0.2, -0.5}), -0.3);
}

TEST(CombinePostEffects, StrongestKeepsTheLargest) {
  EXPECT_DOUBLE_EQ(combine(CombinationRule::strongest, 1.0, {0.2, 0.5, 0.1}), 0.5);
  EXPECT_DOUBLE_EQ(combine(CombinationRule::strongest, 1.0, {0.1, 0.5, 0.2}), 0.5);
  // b1 >= b2 >= ... by value: with harmful programmes the least harmful counts.
  EXPECT_DOUBLE_EQ(combine(CombinationRule::strongest, 1.0, {-0.5, -0.2}), -0.2);
  EXPECT_DOUBLE_EQ(combine(CombinationRule::strongest, 1.0, {-0.5, 0.3}), 0.3);
}

TEST(CombinePostEffects, DiminishingWeightsSortedEffectsByPowersOfAlpha) {
  const std::vector<double> b = {0.1, 0.4, 0.2};  // sorted: 0.4, 0.2, 0.1
  EXPECT_DOUBLE_EQ(combine(CombinationRule::diminishing, 0.0, b), 0.4);
  EXPECT_DOUBLE_EQ(combine(CombinationRule::diminishing, 0.5, b), 0.4 + 0.5 * 0.2 + 0.25 * 0.1);
  EXPECT_DOUBLE_EQ(combine(CombinationRule::diminishing, 1.0, b), 0.4 + 0.2 + 0.1);
  // Negative values sort below positive ones.
  EXPECT_DOUBLE_EQ(combine(CombinationRule::diminishing, 0.5, {-0.5, 0.3}), 0.3 + 0.5 * -0.5);
  EXPECT_DOUBLE_EQ(combine(CombinationRule::diminishing, 0.5, {-0.2, -0.6}), -0.2 + 0.5 * -0.6);
  // alpha 0 equals strongest, alpha 1 equals multiplicative.
  for (const std::vector<double>& v :
       {std::vector<double>{0.3, -0.1, 0.7}, std::vector<double>{-0.4, -0.1}}) {
    EXPECT_DOUBLE_EQ(combine(CombinationRule::diminishing, 0.0, v),
                     combine(CombinationRule::strongest, 0.0, v));
    EXPECT_DOUBLE_EQ(combine(CombinationRule::diminishing, 1.0, v),
                     combine(CombinationRule::multiplicative, 0.0, v));
  }
}

constexpr double k_h = 0.03;
constexpr int k_horizon = 36;
const double k_b_course = std::log(1.5);  // post effect of "course"
const double k_b_intern = std::log(2.0);  // post effect of "intern"

// constant_hazard_catalogue with only post effects: "course" (post HR 1.5) and a new
// "intern" (post HR 2.0), both of full dose after 3 months, no anticipation or lock-in.
Catalogue post_only_catalogue() {
  Catalogue c = constant_hazard_catalogue(k_h, 0, 0, 0, 0);
  c.interventions[0].anticipation_months.value = 0;
  c.interventions[0].full_dose_months.value = 3;
  set_effect(c, "course", Phase::anticipation, 1.0);
  set_effect(c, "course", Phase::lock_in, 1.0);
  set_effect(c, "course", Phase::post, 1.5);
  add_intervention(c, "intern", 3);
  set_effect(c, "intern", Phase::post, 2.0);
  return c;
}

void expect_months_on_benefit(const Results& r, const std::string& arm, const PiecewiseExponential& curve,
                              const std::string& what) {
  const Estimate e = metric(r, arm, "all", "months_on_benefit");
  const double se = curve.se(static_cast<double>(k_persons));
  EXPECT_NEAR(e.value, curve.mean(), k_z * se)
      << what << ": simulated " << e.value << " exact " << curve.mean() << " (4 x SE " << se << ")";
}

struct RuleCase {
  CombinationRule rule;
  double alpha;
  double combined;  // rule applied to (log 2, log 1.5)
  const char* name;
};

TEST(CombinationEndToEnd, PostHazardAfterTwoProgrammesFollowsTheRule) {
  // course on [0, 3), intern on [3, 6): hazard h, then h * 1.5 (course done), then
  // h * exp(rule(b1, b2)) with b1 = log 2 (intern) > b2 = log 1.5 (course). The weaker
  // programme completes first, so `diminishing` must sort before weighting.
  const double b1 = k_b_intern;
  const double b2 = k_b_course;
  const RuleCase cases[] = {
      {CombinationRule::multiplicative, 1.0, b1 + b2, "multiplicative"},
      {CombinationRule::strongest, 1.0, b1, "strongest"},
      {CombinationRule::diminishing, 0.0, b1, "diminishing alpha 0"},
      {CombinationRule::diminishing, 0.5, b1 + 0.5 * b2, "diminishing alpha 0.5"},
      {CombinationRule::diminishing, 1.0, b1 + b2, "diminishing alpha 1"},
  };
  const Catalogue c = post_only_catalogue();
  for (const RuleCase& rc : cases) {
    Scenario s = bare_scenario(k_horizon, k_persons, 808);
    s.combination_rule = rc.rule;
    s.combination_alpha = rc.alpha;
    give_pathway(s, "policy", "two", {step("course", 0, 3), step("intern", 3, 3)});
    const Results r = run_in_memory(s, c);
    const PiecewiseExponential curve{{0, 3, 6, k_horizon}, {k_h, k_h * 1.5, k_h * std::exp(rc.combined)}};
    expect_months_on_benefit(r, "policy", curve, rc.name);
    // The comparator has no programme: constant hazard.
    expect_months_on_benefit(r, "comparator", PiecewiseExponential{{0, k_horizon}, {k_h}}, "comparator");
  }
}

TEST(CombinationEndToEnd, TheRulesAreDistinguishableAtThisSampleSize) {
  // Guard against a test that cannot fail: the closed forms of the rules differ by many
  // standard errors (otherwise the test above would not discriminate between them).
  const auto mean_for = [](double combined) {
    return PiecewiseExponential{{0, 3, 6, k_horizon}, {k_h, k_h * 1.5, k_h * std::exp(combined)}};
  };
  const auto a = mean_for(k_b_intern + k_b_course);
  const auto b = mean_for(k_b_intern + 0.5 * k_b_course);
  const auto c = mean_for(k_b_intern);
  const auto unsorted = mean_for(k_b_course + 0.5 * k_b_intern);
  const double se = a.se(static_cast<double>(k_persons));
  EXPECT_GT(std::abs(a.mean() - b.mean()), 3 * k_z * se);
  EXPECT_GT(std::abs(b.mean() - c.mean()), 3 * k_z * se);
  EXPECT_GT(std::abs(b.mean() - unsorted.mean()), 3 * k_z * se);
}

TEST(OrderedInteraction, AppliesOnlyWhenThenIsCompletedAfterFirst) {
  // Interaction course -> intern with HR 3. Arm "policy": course then intern; arm
  // "reversed": intern then course. Multiplicative rule.
  Catalogue c = post_only_catalogue();
  InteractionRow row;
  row.first = "course";
  row.then = "intern";
  row.destination = Destination::employed;
  row.hazard_ratio = test_value("interaction.course.intern", 3.0);
  c.interactions.push_back(row);

  Scenario s = bare_scenario(k_horizon, k_persons, 909);
  give_pathway(s, "policy", "course_then_intern", {step("course", 0, 3), step("intern", 3, 3)});
  Pathway reversed;
  reversed.name = "intern_then_course";
  reversed.steps = {step("intern", 0, 3), step("course", 3, 3)};
  s.pathways.push_back(reversed);
  Arm other = s.arms[1];
  other.name = "reversed";
  other.role = ArmRole::other;
  other.assignments = {{Selector{}, "intern_then_course"}};
  s.arms.push_back(other);
  const Results r = run_in_memory(s, c);

  const PiecewiseExponential in_order{{0, 3, 6, k_horizon}, {k_h, k_h * 1.5, k_h * 1.5 * 2.0 * 3.0}};
  const PiecewiseExponential out_of_order{{0, 3, 6, k_horizon}, {k_h, k_h * 2.0, k_h * 2.0 * 1.5}};
  expect_months_on_benefit(r, "policy", in_order, "course then intern");
  expect_months_on_benefit(r, "reversed", out_of_order, "intern then course");
  // The two closed forms are far apart at this sample size.
  EXPECT_GT(out_of_order.mean() - in_order.mean(), 3 * k_z * out_of_order.se(static_cast<double>(k_persons)));
}

TEST(OrderedInteraction, ProgrammesCompletedTogetherDoNotDependOnTrackOrder) {
  // course (track a) and intern (track b) both run on [0, 3) and complete together at
  // month 3. Arm "policy" lists course's track first, arm "reversed" lists intern's track
  // first: the same programmes with the same timing must give the same hazard.
  Catalogue c = post_only_catalogue();
  InteractionRow row;
  row.first = "course";
  row.then = "intern";
  row.hazard_ratio = test_value("interaction.course.intern", 3.0);
  c.interactions.push_back(row);
  Scenario s = bare_scenario(k_horizon, k_persons, 910);
  give_pathway(s, "policy", "course_track_first", {step("course", 0, 3, "a"), step("intern", 0, 3, "b")});
  Pathway reversed;
  reversed.name = "intern_track_first";
  reversed.steps = {step("intern", 0, 3, "b"), step("course", 0, 3, "a")};
  s.pathways.push_back(reversed);
  Arm other = s.arms[1];
  other.name = "reversed";
  other.role = ArmRole::other;
  other.assignments = {{Selector{}, "intern_track_first"}};
  s.arms.push_back(other);
  const Results r = run_in_memory(s, c);
  const Estimate a = metric(r, "policy", "all", "months_on_benefit");
  const Estimate b = metric(r, "reversed", "all", "months_on_benefit");
  // Unpaired SE of the difference from the two candidate closed forms (with and without
  // the interaction): conservative, as both arms share their random numbers.
  const PiecewiseExponential with{{0, 3, k_horizon}, {k_h, k_h * 1.5 * 2.0 * 3.0}};
  const PiecewiseExponential without{{0, 3, k_horizon}, {k_h, k_h * 1.5 * 2.0}};
  const double n = static_cast<double>(k_persons);
  EXPECT_NEAR(a.value, b.value, k_z * std::hypot(with.se(n), without.se(n)))
      << "course track first " << a.value << ", intern track first " << b.value;
}

}  // namespace
}  // namespace integrasim::testing
