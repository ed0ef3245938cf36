// Statistical tests against closed forms (docs/developing.md principle 8). Fixed seeds, large
// cohorts; every tolerance is 4 standard errors of the quantity under test, where the
// standard error is computed from the closed form itself (not from the simulation), so
// a wrong engine cannot widen its own tolerance.
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "piecewise_exponential.h"
#include "test_support.h"

namespace integrasim::testing {
namespace {

constexpr std::int64_t k_persons = 400000;
constexpr double k_z = 4.0;

double binomial_se(double p, double n) {
  return std::sqrt(p * (1 - p) / n);
}

void expect_within(const Estimate& simulated, double exact, double se, const std::string& what) {
  EXPECT_NEAR(simulated.value, exact, k_z * se) << what << ": simulated " << simulated.value << " exact "
                                                << exact << " (tolerance " << k_z << " x SE " << se << ")";
}

// The reported SE should match the closed-form SE (within 5 %: with 4e5 persons the
// sampling error of an SE estimate is well below 1 %).
void expect_se_close(const Estimate& simulated, double se, const std::string& what) {
  EXPECT_NEAR(simulated.se, se, 0.05 * se) << what << " standard error";
}

TEST(ClosedForm, ConstantHazardMonthsOnBenefitAndEmploymentAtHorizon) {
  const double h = 0.03;
  const int horizon = 60;
  Scenario s = bare_scenario(horizon, k_persons, 101);
  const Results r = run_in_memory(s, constant_hazard_catalogue(h, 0, 0, 0, 0));

  const double months = (1 - std::exp(-h * horizon)) / h;
  const double second = 2 / (h * h) * (1 - std::exp(-h * horizon) * (1 + h * horizon));
  const double months_se = std::sqrt((second - months * months) / k_persons);
  const double employed = 1 - std::exp(-h * horizon);

  const Estimate b = metric(r, "comparator", "all", "months_on_benefit");
  expect_within(b, months, months_se, "months on benefit");
  expect_se_close(b, months_se, "months on benefit");
  const Estimate e = metric(r, "comparator", "all", "employment_rate_m60");
  expect_within(e, employed, binomial_se(employed, k_persons), "employed at 60");
  expect_se_close(e, binomial_se(employed, k_persons), "employed at 60");
  expect_within(metric(r, "comparator", "all", "ever_employed"), employed, binomial_se(employed, k_persons),
                "ever employed");
  expect_within(monthly_share(r, "comparator", "all", "employed", 24), 1 - std::exp(-h * 24),
                binomial_se(1 - std::exp(-h * 24), k_persons), "monthly share employed at 24");
}

TEST(ClosedForm, AnticipationLockInThenPostIsPiecewiseExponential) {
  // tiny_catalogue's "course": anticipation HR 1.2 over 2 months, lock-in 0.5, post 1.5.
  const double h = 0.03;
  const int horizon = 60;
  Scenario s = bare_scenario(horizon, k_persons, 202);
  give_pathway(s, "policy", "course_at_6", {step("course", 6, 6)});
  const Results r = run_in_memory(s, constant_hazard_catalogue(h, 0, 0, 0, 0));

  const PiecewiseExponential curve{{0, 4, 6, 12, 60}, {h, 1.2 * h, 0.5 * h, 1.5 * h}};
  const auto [m1, m2] = curve.moments();
  const double se = std::sqrt((m2 - m1 * m1) / k_persons);
  expect_within(metric(r, "policy", "all", "months_on_benefit"), m1, se, "months on benefit");
  for (const int month : {5, 12, 60}) {
    const double p = 1 - curve.survival(month);
    expect_within(monthly_share(r, "policy", "all", "employed", month), p, binomial_se(p, k_persons),
                  "employed at " + std::to_string(month));
  }
  // Programme occupancy: in month 7 (the interval [6, 7)) everyone still on benefit at 6.
  const double in_course = curve.survival(6);
  expect_within(monthly_share(r, "policy", "all", "course", 7), in_course, binomial_se(in_course, k_persons),
                "share in course in month 7");
}

TEST(ClosedForm, GammaFrailtyGivesTheParetoSurvivalCurve) {
  const double h = 0.03;
  const double variance = 0.5;
  const int horizon = 60;
  Scenario s = bare_scenario(horizon, k_persons, 303);
  s.frailty.variance = variance;
  s.output.employment_rate_months = {12, 36, 60};
  const Results r = run_in_memory(s, constant_hazard_catalogue(h, 0, 0, 0, 0));

  const auto survival = [&](double t) { return std::pow(1 + variance * h * t, -1 / variance); };
  for (const int month : {12, 36, 60}) {
    const double p = 1 - survival(month);
    expect_within(metric(r, "comparator", "all", "employment_rate_m" + std::to_string(month)), p,
                  binomial_se(p, k_persons), "employed at " + std::to_string(month));
  }
  // E[min(T,H)] and E[min(T,H)^2] by Simpson's rule on the closed-form S (error ~1e-12).
  const int n = 20000;
  double m1 = 0;
  double m2 = 0;
  for (int i = 0; i <= n; ++i) {
    const double t = horizon * static_cast<double>(i) / n;
    const double w = (i == 0 || i == n) ? 1 : (i % 2 ? 4 : 2);
    m1 += w * survival(t);
    m2 += w * 2 * t * survival(t);
  }
  m1 *= horizon / (3.0 * n);
  m2 *= horizon / (3.0 * n);
  expect_within(metric(r, "comparator", "all", "months_on_benefit"), m1,
                std::sqrt((m2 - m1 * m1) / k_persons), "months on benefit");
}

TEST(ClosedForm, CompetingRisksSplitInProportionToTheHazards) {
  const double he = 0.02;
  const double hd = 0.01;
  const double hx = 0.005;
  const double total = he + hd + hx;
  const int horizon = 60;
  Scenario s = bare_scenario(horizon, k_persons, 404);
  const Results r = run_in_memory(s, constant_hazard_catalogue(he, hd, hx, 0, 0));
  const double left = 1 - std::exp(-total * horizon);
  const struct {
    const char* state;
    double hazard;
  } cases[] = {{"employed", he}, {"education", hd}, {"exit", hx}};
  for (const auto& c : cases) {
    const double p = c.hazard / total * left;
    expect_within(monthly_share(r, "comparator", "all", c.state, horizon), p, binomial_se(p, k_persons),
                  c.state);
  }
  const double p_exit = hx / total * left;
  expect_within(metric(r, "comparator", "all", "exit_share"), p_exit, binomial_se(p_exit, k_persons),
                "exit share");
  // Employment rate among persons not in exit.
  const double rate = (he / total * left) / (1 - p_exit);
  expect_within(metric(r, "comparator", "all", "employment_rate_m60"), rate,
                binomial_se(rate, k_persons * (1 - p_exit)), "employment rate among those not in exit");
}

TEST(ClosedForm, JobFindingAndJobLossFormATwoStateMarkovChain) {
  const double a = 0.05;  // benefit -> employed
  const double b = 0.02;  // employed -> benefit
  const int horizon = 60;
  Scenario s = bare_scenario(horizon, k_persons, 505);
  s.output.employment_rate_months = {12, 60};
  const Results r = run_in_memory(s, constant_hazard_catalogue(a, 0, 0, b, 0));
  const auto employed = [&](double t) { return a / (a + b) * (1 - std::exp(-(a + b) * t)); };
  for (const int month : {12, 60}) {
    const double p = employed(month);
    expect_within(metric(r, "comparator", "all", "employment_rate_m" + std::to_string(month)), p,
                  binomial_se(p, k_persons), "employed at " + std::to_string(month));
  }
  const double months = a / (a + b) * (horizon - (1 - std::exp(-(a + b) * horizon)) / (a + b));
  const Estimate m = metric(r, "comparator", "all", "months_employed");
  // No simple closed form for this SE: use the simulated SE, whose formula the constant-
  // hazard test checks against a closed form.
  expect_within(m, months, m.se, "months employed");
}

TEST(ClosedForm, DanishEducationRaisesTheHazardModuleByModule) {
  // "language": part time, lock-in HR 0.9, gain 0.1 level per month; covariate HR 1.5 per
  // Danish level; a module is half a level, so the level counted rises at months 5, 10,
  // 15, 20 and reaches 2.0 (2.4 at the end of 24 months, still 2.0 in modules).
  const double h = 0.02;
  const double per_level = 1.5;
  const int horizon = 60;
  Scenario s = bare_scenario(horizon, k_persons, 606);
  give_pathway(s, "policy", "language_only", {step("language", 0, 24, "language")});
  Catalogue c = constant_hazard_catalogue(h, 0, 0, 0, 0);
  CovariateRow danish;
  danish.destination = Destination::employed;
  danish.per_danish_level = true;
  danish.hazard_ratio = test_value("covariate.danish", per_level);
  c.covariates.push_back(danish);
  const Results r = run_in_memory(s, c);

  std::vector<double> breaks = {0, 5, 10, 15, 20, 24, 60};
  std::vector<double> hazard;
  for (const double level : {0.0, 0.5, 1.0, 1.5, 2.0}) hazard.push_back(h * 0.9 * std::pow(per_level, level));
  hazard.push_back(h * std::pow(per_level, 2.0));
  const PiecewiseExponential curve{breaks, hazard};
  const auto [m1, m2] = curve.moments();
  expect_within(metric(r, "policy", "all", "months_on_benefit"), m1, std::sqrt((m2 - m1 * m1) / k_persons),
                "months on benefit");
  const double p = 1 - curve.survival(60);
  expect_within(metric(r, "policy", "all", "employment_rate_m60"), p, binomial_se(p, k_persons),
                "employed at 60");
}

TEST(ClosedForm, PostEffectScalesWithTheDoseCompletedAndDecaysWithItsHalfLife) {
  // Course of 6 planned months with full dose at 12 months: post log HR is half of log 1.5.
  // A half-life of 12 months then halves the log HR every 12 months (monthly grid).
  const double h = 0.03;
  const int horizon = 36;
  Scenario s = bare_scenario(horizon, k_persons, 707);
  give_pathway(s, "policy", "course", {step("course", 0, 6)});
  Catalogue c = constant_hazard_catalogue(h, 0, 0, 0, 0);
  c.interventions[0].full_dose_months.value = 12;
  c.interventions[0].post_half_life.value = 12;
  c.interventions[0].anticipation_months.value = 0;
  const Results r = run_in_memory(s, c);

  std::vector<double> breaks = {0, 6};
  std::vector<double> hazard = {0.5 * h};
  const double b = 0.5 * std::log(1.5);
  for (int m = 6; m < horizon; ++m) {
    breaks.push_back(m + 1);
    hazard.push_back(h * std::exp(b * std::exp2(-(m - 6) / 12.0)));
  }
  const PiecewiseExponential curve{breaks, hazard};
  const auto [m1, m2] = curve.moments();
  expect_within(metric(r, "policy", "all", "months_on_benefit"), m1, std::sqrt((m2 - m1 * m1) / k_persons),
                "months on benefit");
}

}  // namespace
}  // namespace integrasim::testing
