// The plan's shared calendar against closed forms (docs/model.md §7, §12): arrivals by
// calendar month, a caseload followed from the middle of its spells, and the state's
// reimbursement of benefit. Fixed seeds; every tolerance is 4 standard errors computed
// from the closed form, so a wrong engine cannot widen its own tolerance.
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "io/scenario_reader.h"
#include "piecewise_exponential.h"
#include "test_support.h"

namespace integrasim::testing {
namespace {

constexpr double k_z = 4.0;

// Arrivals A_e with a constant hazard h out of benefit: E[on benefit at month m] =
// sum over e <= m of A_e exp(-h (m - e)), in real persons; its standard error is the
// binomial sqrt(sum n_e p_e (1 - p_e)) / replicas over the n_e = A_e x replicas simulated.
TEST(CalendarClosedForm, InflowOnBenefitIsASumOfExponentials) {
  const double h = 0.06;
  const int horizon = 24;
  const std::vector<std::int64_t> arrivals = {100, 60, 0, 150, 80, 120, 40, 90, 110, 30, 70, 150};
  const std::int64_t replicas = 200;
  Scenario s = bare_scenario(horizon, 0, 401);
  s.inflow.arrivals_per_month = arrivals;
  s.inflow.simulated_per_arrival = replicas;
  s.inflow.where.file = "<test>";
  const Results r = run_in_memory(s, constant_hazard_catalogue(h, 0, 0, 0, 0), 2);
  const std::vector<Estimate> on = calendar_series(r, "comparator", "on_benefit");
  double worst = 0.0;
  double worst_se_ratio = 1.0;
  for (int m = 0; m < horizon; ++m) {
    double exact = 0.0;
    double variance = 0.0;  // in simulated persons
    for (int e = 0; e <= m && e < static_cast<int>(arrivals.size()); ++e) {
      const double a = static_cast<double>(arrivals[static_cast<std::size_t>(e)]);
      const double p = std::exp(-h * (m - e));
      exact += a * p;
      variance += a * static_cast<double>(replicas) * p * (1 - p);
    }
    const double se = std::sqrt(variance) / static_cast<double>(replicas);
    const Estimate& got = on[static_cast<std::size_t>(m)];
    if (se == 0.0) {  // month 0: everyone has just arrived
      EXPECT_EQ(got.value, exact) << "month " << m;
      continue;
    }
    EXPECT_NEAR(got.value, exact, k_z * se) << "month " << m << " (SE " << se << ")";
    worst = std::max(worst, std::fabs(got.value - exact) / se);
    const double ratio = got.se / se;
    if (std::fabs(ratio - 1) > std::fabs(worst_se_ratio - 1)) worst_se_ratio = ratio;
    EXPECT_NEAR(got.se, se, 0.2 * se) << "month " << m << ": calendar SE " << got.se << ", binomial " << se;
  }
  std::cout << "[calendar] inflow on_benefit: max |deviation| " << worst << " SE; calendar SE / binomial SE "
            << "furthest from 1: " << worst_se_ratio << "\n";
}

// A caseload of persons who arrived a = 20 months ago and have been on benefit d = 8
// months, under a baseline with hazard h1 for spell months [0, 12) and h2 after
// (duration_clock = since_spell_start): the share on benefit at calendar month m is
// exp(-(h1 min(m, 12 - d) + h2 max(0, m - (12 - d)))). Read from a scenario file and a
// caseload CSV next to it.
TEST(CalendarClosedForm, CaseloadFollowsTheBaselineFromItsSpellMonth) {
  const double h1 = 0.02, h2 = 0.08;
  const int a = 20, d = 8, rows = 500, replicas = 200, horizon = 30;
  const std::string dir = make_temp_dir("calendar-caseload");
  {
    std::ofstream csv(dir + "/persons.csv");
    csv << "person_id,sex,group,match_group,age_band,education,health,children,danish_level,"
           "months_since_arrival,months_on_benefit\n";
    for (int i = 0; i < rows; ++i)
      csv << "P" << i << ",male,refugee,job_ready,age_30_39,basic,healthy,no_small_children,0," << a << ","
          << d << "\n";
    std::ofstream toml(dir + "/plan.toml");
    toml << "[scenario]\nname = \"caseload\"\nhorizon_months = " << horizon
         << "\nseed = 402\nduration_clock = \"since_spell_start\"\n\n[caseload]\nfile = \"persons.csv\"\n"
         << "simulated_per_person = " << replicas
         << "\n\n[output]\ndecomposition = false\n\n[[arm]]\nname = \"bau\"\nrole = \"comparator\"\n\n"
            "[[arm]]\nname = \"same\"\nrole = \"policy\"\n";
  }
  Catalogue c = constant_hazard_catalogue(h1, 0, 0, 0, 0);
  c.baselines[0].to_month = 12;
  BaselineRow later = c.baselines[0];
  later.from_month = 12;
  later.to_month = 1000000;
  later.hazard = test_value("baseline.employed.later", h2);
  c.baselines.push_back(later);
  const Scenario s = read_scenario_file(dir + "/plan.toml", c);
  ASSERT_EQ(s.caseload.persons.size(), static_cast<std::size_t>(rows));
  const Results r = run_in_memory(s, c, 2);
  const std::vector<Estimate> on = calendar_series(r, "bau", "on_benefit");
  const PiecewiseExponential curve{{0, 12.0 - d, 1000}, {h1, h2}};
  const double n = static_cast<double>(rows) * replicas;
  double worst = 0.0;
  for (int m = 0; m < horizon; ++m) {
    const double p = curve.survival(m);
    const double se = std::sqrt(p * (1 - p) / n);
    const double got = on[static_cast<std::size_t>(m)].value / rows;
    if (se == 0.0) {
      EXPECT_EQ(got, p) << "month " << m;
      continue;
    }
    EXPECT_NEAR(got, p, k_z * se) << "month " << m << " (SE " << se << ")";
    worst = std::max(worst, std::fabs(got - p) / se);
  }
  // The hazard is h1 from spell month d and h2 from spell month 12, not from month 0 or
  // from the since-entry clock (h2 throughout): the closed form tells them apart.
  EXPECT_GT(std::exp(-h1 * 10) - curve.survival(10), 10 * std::sqrt(0.25 / n));
  std::cout << "[calendar] caseload share on benefit: max |deviation| " << worst << " SE\n";
}

// A cohort with constant hazard h, no programmes, benefit B per month: the state
// reimburses B x the staircase share of each month on benefit, so per person
// E[reimbursement] = B int_0^H share(u) exp(-h u) du, and E[X^2] follows from
// X = B G(min(T, H)), G(t) = int_0^t share.
TEST(CalendarClosedForm, ReimbursementFollowsTheStaircase) {
  const double h = 0.05;
  const int horizon = 60;
  const std::int64_t persons = 200000;
  const double benefit = 12000.0;
  Scenario s = bare_scenario(horizon, persons, 403);
  s.population.represents = 3500;
  Catalogue c = constant_hazard_catalogue(h, 0, 0, 0, 0);
  add_test_rule(c, "reimbursement.share.weeks_01_04", 0.8);
  add_test_rule(c, "reimbursement.share.weeks_05_26", 0.4);
  add_test_rule(c, "reimbursement.share.weeks_27_52", 0.3);
  add_test_rule(c, "reimbursement.share.weeks_53_up", 0.2);
  const Results r = run_in_memory(s, c, 2);
  const double steps[] = {0.0, 4.0 * 12 / 52, 26.0 * 12 / 52, 12.0, static_cast<double>(horizon)};
  const double share[] = {0.8, 0.4, 0.3, 0.2};
  double mean = 0.0;
  for (int k = 0; k < 4; ++k) mean += share[k] * (std::exp(-h * steps[k]) - std::exp(-h * steps[k + 1])) / h;
  mean *= benefit;
  // E[G(min(T, H))^2] = int_0^H G(t)^2 h e^{-ht} dt + G(H)^2 e^{-hH}, by the midpoint rule.
  const auto g = [&](double t) {
    double out = 0.0;
    for (int k = 0; k < 4; ++k) out += share[k] * std::max(0.0, std::min(t, steps[k + 1]) - steps[k]);
    return out;
  };
  const int n = 600000;
  double second = 0.0;
  for (int i = 0; i < n; ++i) {
    const double t = (i + 0.5) * horizon / n;
    second += g(t) * g(t) * h * std::exp(-h * t) * horizon / n;
  }
  second += g(horizon) * g(horizon) * std::exp(-h * horizon);
  second *= benefit * benefit;
  const double se = std::sqrt((second - mean * mean) / static_cast<double>(persons));
  const Estimate got = metric(r, "comparator", "all", "cost_reimbursement_dkk");
  EXPECT_NEAR(got.value, mean, k_z * se) << "exact " << mean << " SE " << se;
  EXPECT_NEAR(got.se, se, 0.05 * se);
  std::cout << "[calendar] reimbursement: simulated " << got.value << " exact " << mean << " ("
            << (got.value - mean) / se << " SE); reported SE " << got.se << " closed form " << se << "\n";
}

}  // namespace
}  // namespace integrasim::testing
