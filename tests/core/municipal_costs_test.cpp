// The municipal accounts (core/mechanisms/municipal_costs.h) against closed forms.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <numeric>
#include <random>
#include <string>
#include <type_traits>
#include <vector>

#include "core/compiled_model.h"
#include "core/diagnostics.h"
#include "core/mechanisms/municipal_costs.h"
#include "test_support.h"

namespace integrasim::testing {
namespace {

constexpr double k_rel = 1e-9;
constexpr double k_week4 = 48.0 / 52.0;  // end of week 4, months (= 12/13)

// |actual - expected| <= 1e-9 |expected| (or 1e-9 absolute for expected 0).
void expect_close(double actual, double expected) {
  EXPECT_NEAR(actual, expected, k_rel * std::max(std::fabs(expected), 1.0)) << "expected " << expected;
}

CostRules staircase() {
  CostRules r;
  r.reimbursement_share = {0.8, 0.4, 0.3, 0.2};
  return r;
}

CostRules grants() {
  CostRules r = staircase();
  r.early_result_grant_dkk = 100.0;
  r.late_result_grant_dkk = 50.0;
  r.danish_test_grant_dkk = 7.0;
  r.basic_grant_dkk_per_month = 3000.0;
  return r;
}

// One measure's row of a calendar of `months` months.
std::vector<double> row_of(const std::vector<double>& calendar, CostMeasure m, int months) {
  const auto from = calendar.begin() + static_cast<std::ptrdiff_t>(m) * months;
  return {from, from + months};
}
double sum(const std::vector<double>& v) {
  return std::accumulate(v.begin(), v.end(), 0.0);
}

TEST(MunicipalCosts, StaircaseStepsAreWeeksOfTwelveFiftySecondsOfAMonth) {
  const CostRules r = staircase();
  EXPECT_EQ(k_reimbursement_step_from_months[1], k_week4);
  EXPECT_EQ(k_reimbursement_step_from_months[2], 6.0);   // week 26 ends at 26 * 12 / 52
  EXPECT_EQ(k_reimbursement_step_from_months[3], 12.0);  // week 52 ends at a year
  EXPECT_EQ(reimbursed_share(r, 0.0), 0.8);
  EXPECT_EQ(reimbursed_share(r, std::nextafter(k_week4, 0.0)), 0.8);
  EXPECT_EQ(reimbursed_share(r, k_week4), 0.4);
  EXPECT_EQ(reimbursed_share(r, std::nextafter(6.0, 0.0)), 0.4);
  EXPECT_EQ(reimbursed_share(r, 6.0), 0.3);
  EXPECT_EQ(reimbursed_share(r, 12.0), 0.2);
  EXPECT_EQ(reimbursed_share(r, 500.0), 0.2);
  EXPECT_EQ(reimbursed_share(r, -1.0), 0.0);
}

TEST(MunicipalCosts, StaircaseIntegralIsExactPieceByPiece) {
  const CostRules r = staircase();
  // The first four weeks.
  expect_close(reimbursed_share_integral(r, 0.0, k_week4), 0.8 * k_week4);
  // Across each boundary.
  expect_close(reimbursed_share_integral(r, 0.5, 1.5), 0.8 * (k_week4 - 0.5) + 0.4 * (1.5 - k_week4));
  expect_close(reimbursed_share_integral(r, 5.0, 7.0), 0.4 + 0.3);
  expect_close(reimbursed_share_integral(r, 11.0, 13.0), 0.3 + 0.2);
  // Across all of them: ten years.
  expect_close(reimbursed_share_integral(r, 0.0, 120.0),
               0.8 * k_week4 + 0.4 * (6.0 - k_week4) + 0.3 * 6.0 + 0.2 * 108.0);
  // Within one step, empty and reversed intervals, time before the spell.
  expect_close(reimbursed_share_integral(r, 2.0, 3.5), 0.4 * 1.5);
  EXPECT_EQ(reimbursed_share_integral(r, 3.0, 3.0), 0.0);
  EXPECT_EQ(reimbursed_share_integral(r, 4.0, 3.0), 0.0);
  expect_close(reimbursed_share_integral(r, -2.0, 0.5), 0.8 * 0.5);
  // Additive over adjacent intervals.
  for (const double mid : {0.25, k_week4, 3.0, 6.0, 9.5, 12.0, 30.0})
    expect_close(reimbursed_share_integral(r, 0.1, mid) + reimbursed_share_integral(r, mid, 40.0),
                 reimbursed_share_integral(r, 0.1, 40.0));
  // No staircase: nothing reimbursed.
  EXPECT_EQ(reimbursed_share_integral(CostRules{}, 0.0, 120.0), 0.0);
}

// A spell with a constant exit hazard h, followed to T: E[∫_0^min(T, E) share] =
// ∫_0^T share(u) e^{-hu} du, against the mean of simulated spells.
TEST(MunicipalCosts, ExpectedReimbursementUnderAConstantExitHazardMatchesMonteCarlo) {
  const CostRules r = staircase();
  const double h = 0.15;  // per month
  const double T = 24.0;  // months
  double exact = 0.0;
  for (std::size_t k = 0; k < k_reimbursement_step_from_months.size(); ++k) {
    const double a = std::min(k_reimbursement_step_from_months[k], T);
    const double b = k + 1 < k_reimbursement_step_from_months.size()
                         ? std::min(k_reimbursement_step_from_months[k + 1], T)
                         : T;
    exact += r.reimbursement_share[k] * (std::exp(-h * a) - std::exp(-h * b)) / h;
  }
  std::mt19937_64 rng(20261201);
  std::exponential_distribution<double> exit_time(h);
  const int n = 200000;
  double s1 = 0.0;
  double s2 = 0.0;
  for (int i = 0; i < n; ++i) {
    const double x = reimbursed_share_integral(r, 0.0, std::min(T, exit_time(rng)));
    s1 += x;
    s2 += x * x;
  }
  const double mean = s1 / n;
  const double se = std::sqrt((s2 - n * mean * mean) / (n - 1) / n);
  EXPECT_GT(se, 0.0);
  EXPECT_LT(std::fabs(mean - exact), 4.0 * se) << "mean " << mean << ", exact " << exact << ", se " << se;
}

TEST(MunicipalCosts, ABenefitSpellSplitAcrossMonthsSumsToTheTotal) {
  const CostRules r = staircase();
  const int months = 60;
  std::vector<double> calendar(static_cast<std::size_t>(k_cost_measure_count * months), 0.0);
  MunicipalAccounts acc(r);
  acc.bind(0, 0.0, 60.0, calendar.data(), months);
  acc.begin_run();
  const double rate = 12000.0;
  acc.benefit(0.3, 0.3, 14.7, rate);
  expect_close(acc.total(CostMeasure::benefit), rate * 14.4);
  expect_close(acc.total(CostMeasure::reimbursement), rate * reimbursed_share_integral(r, 0.0, 14.4));
  const std::vector<double> paid = row_of(calendar, CostMeasure::benefit, months);
  const std::vector<double> back = row_of(calendar, CostMeasure::reimbursement, months);
  expect_close(sum(paid), acc.total(CostMeasure::benefit));
  expect_close(sum(back), acc.total(CostMeasure::reimbursement));
  expect_close(paid[0], rate * 0.7);
  for (int c = 1; c < 14; ++c) expect_close(paid[static_cast<std::size_t>(c)], rate);
  expect_close(paid[14], rate * 0.7);
  EXPECT_EQ(paid[15], 0.0);
  // Month 0 holds spell months [0, 0.7), month 1 [0.7, 1.7): the staircase's first step
  // ends inside month 1.
  expect_close(back[0], rate * 0.8 * 0.7);
  expect_close(back[1], rate * (0.8 * (k_week4 - 0.7) + 0.4 * (1.7 - k_week4)));
  expect_close(back[6], rate * (0.4 * 0.3 + 0.3 * 0.7));  // spell months [5.7, 6.7)
  expect_close(back[13], rate * 0.2);                     // spell months [12.7, 13.7)
  const MunicipalAccounts::Totals t = acc.totals();
  expect_close(t.gross, rate * 14.4);
  expect_close(t.municipal_net, t.gross - t.reimbursement);
  // Pieces of the same spell book the same as the spell in one call.
  MunicipalAccounts pieces(r);
  pieces.bind(0, 0.0, 60.0, nullptr, 0);
  pieces.begin_run();
  pieces.benefit(0.3, 0.3, 2.2, rate);
  pieces.benefit(0.3, 2.2, 9.9, rate);
  pieces.benefit(0.3, 9.9, 14.7, rate);
  expect_close(pieces.total(CostMeasure::reimbursement), acc.total(CostMeasure::reimbursement));
}

TEST(MunicipalCosts, ACaseloadSpellIsPricedOnlyFromBeginToEnd) {
  const CostRules r = staircase();
  // On benefit since month 14, followed from month 20 (calendar month 0) to 30.
  const int months = 10;
  std::vector<double> calendar(static_cast<std::size_t>(k_cost_measure_count * months), 0.0);
  MunicipalAccounts acc(r);
  acc.bind(-20, 20.0, 30.0, calendar.data(), months);
  acc.begin_run();
  acc.benefit(4.0, 4.0, 14.0, 10000.0);  // an earlier spell: before the follow-up
  acc.benefit(14.0, 14.0, 40.0, 10000.0);
  acc.programme(10.0, 25.0, 500.0);
  expect_close(acc.total(CostMeasure::benefit), 10000.0 * 10.0);
  expect_close(acc.total(CostMeasure::reimbursement),
               10000.0 * (0.3 * 6.0 + 0.2 * 4.0));  // spell months 6-16
  expect_close(acc.total(CostMeasure::programme), 500.0 * 5.0);
  const std::vector<double> back = row_of(calendar, CostMeasure::reimbursement, months);
  expect_close(back[0], 10000.0 * 0.3);  // spell month 6
  expect_close(back[4], 10000.0 * 0.3);  // spell month 10
  expect_close(back[6], 10000.0 * 0.2);  // spell month 12
  expect_close(sum(row_of(calendar, CostMeasure::benefit, months)), 10000.0 * 10.0);
  const std::vector<double> prog = row_of(calendar, CostMeasure::programme, months);
  expect_close(sum(prog), 2500.0);
  EXPECT_EQ(prog[5], 0.0);
}

TEST(MunicipalCosts, ResultGrantsArePaidOnceInTheirWindow) {
  const CostRules r = grants();
  MunicipalAccounts acc(r);
  acc.bind(0, 0.0, 120.0, nullptr, 0);
  // Off benefit and exit earn nothing; the first job within 36 months earns the early grant,
  // nothing after it does.
  acc.begin_run();
  acc.left_benefit(5.0, Destination::off_benefit);
  acc.left_benefit(20.0, Destination::employed);
  acc.left_benefit(30.0, Destination::education);
  acc.left_benefit(40.0, Destination::employed);
  EXPECT_EQ(acc.total(CostMeasure::result_grants), 100.0);
  // Education counts within 36 months, not after; a job in months 36-60 earns the late
  // grant once.
  acc.begin_run();
  acc.left_benefit(10.0, Destination::off_benefit);
  acc.left_benefit(37.0, Destination::education);
  acc.left_benefit(40.0, Destination::employed);
  acc.left_benefit(50.0, Destination::employed);
  EXPECT_EQ(acc.total(CostMeasure::result_grants), 50.0);
  // The windows' ends: 36 starts the late window, 60 ends it.
  acc.begin_run();
  acc.left_benefit(std::nextafter(36.0, 0.0), Destination::education);
  EXPECT_EQ(acc.total(CostMeasure::result_grants), 100.0);
  acc.begin_run();
  acc.left_benefit(36.0, Destination::employed);
  EXPECT_EQ(acc.total(CostMeasure::result_grants), 50.0);
  acc.begin_run();
  acc.left_benefit(60.0, Destination::employed);
  acc.left_benefit(70.0, Destination::employed);
  EXPECT_EQ(acc.total(CostMeasure::result_grants), 0.0);
  acc.begin_run();
  acc.left_benefit(3.0, Destination::exit);
  EXPECT_EQ(acc.total(CostMeasure::result_grants), 0.0);
  // The Danish test grant once, on top of a job grant.
  acc.begin_run();
  acc.danish_test(5.0);
  acc.danish_test(8.0);
  acc.left_benefit(9.0, Destination::employed);
  EXPECT_EQ(acc.total(CostMeasure::result_grants), 107.0);
  const MunicipalAccounts::Totals t = acc.totals();
  EXPECT_EQ(t.result_grants, 107.0);
  EXPECT_EQ(t.municipal_net, -107.0);
  // Events outside the follow-up are not priced.
  acc.bind(0, 10.0, 30.0, nullptr, 0);
  acc.begin_run();
  acc.danish_test(5.0);
  acc.left_benefit(8.0, Destination::employed);
  acc.left_benefit(30.0, Destination::employed);
  EXPECT_EQ(acc.total(CostMeasure::result_grants), 0.0);
  acc.danish_test(12.0);
  acc.left_benefit(29.0, Destination::employed);
  EXPECT_EQ(acc.total(CostMeasure::result_grants), 107.0);
}

TEST(MunicipalCosts, BasicGrantStopsAtSixtyMonthsSinceArrival) {
  const CostRules r = grants();
  const int months = 120;
  std::vector<double> calendar(static_cast<std::size_t>(k_cost_measure_count * months), 0.0);
  MunicipalAccounts acc(r);
  acc.bind(0, 0.0, 120.0, calendar.data(), months);
  acc.begin_run();
  acc.finish();
  acc.finish();  // once
  EXPECT_EQ(acc.total(CostMeasure::basic_grant), 3000.0 * 60.0);
  const std::vector<double> basic = row_of(calendar, CostMeasure::basic_grant, months);
  for (int c = 0; c < months; ++c) EXPECT_EQ(basic[static_cast<std::size_t>(c)], c < 60 ? 3000.0 : 0.0) << c;
  EXPECT_EQ(acc.totals().municipal_net, -3000.0 * 60.0);
  // A caseload person followed from month 50.5; follow-up ending at 40; an exit at 30.25.
  acc.bind(0, 50.5, 120.0, nullptr, 0);
  acc.begin_run();
  acc.finish();
  expect_close(acc.total(CostMeasure::basic_grant), 3000.0 * 9.5);
  acc.bind(0, 0.0, 40.0, nullptr, 0);
  acc.begin_run();
  acc.finish();
  expect_close(acc.total(CostMeasure::basic_grant), 3000.0 * 40.0);
  acc.bind(0, 0.0, 120.0, nullptr, 0);
  acc.begin_run();
  acc.left_benefit(30.25, Destination::exit);
  acc.finish();
  expect_close(acc.total(CostMeasure::basic_grant), 3000.0 * 30.25);
  // Followed only after month 60: nothing.
  acc.bind(0, 70.0, 120.0, nullptr, 0);
  acc.begin_run();
  acc.finish();
  EXPECT_EQ(acc.total(CostMeasure::basic_grant), 0.0);
}

TEST(MunicipalCosts, OffsetsShiftCalendarMonthsAndTheCalendarDropsWhatFallsOutside) {
  const CostRules r = grants();
  const int months = 5;
  std::vector<double> calendar(static_cast<std::size_t>(k_cost_measure_count * months), 0.0);
  MunicipalAccounts acc(r);
  // Entry in calendar month 3: since-entry months 0 and 1 are calendar months 3 and 4;
  // later months fall after the calendar.
  acc.bind(3, 0.0, 60.0, calendar.data(), months);
  acc.begin_run();
  acc.programme(0.5, 4.0, 100.0);
  acc.left_benefit(1.5, Destination::employed);
  acc.danish_test(2.5);  // calendar month 5: dropped
  const std::vector<double> prog = row_of(calendar, CostMeasure::programme, months);
  EXPECT_EQ(prog[0] + prog[1] + prog[2], 0.0);
  expect_close(prog[3], 50.0);
  expect_close(prog[4], 100.0);
  expect_close(acc.total(CostMeasure::programme), 350.0);  // the totals keep all of it
  const std::vector<double> grant = row_of(calendar, CostMeasure::result_grants, months);
  EXPECT_EQ(grant[4], 100.0);
  EXPECT_EQ(sum(grant), 100.0);
  EXPECT_EQ(acc.total(CostMeasure::result_grants), 107.0);
  // Entry two months before the calendar starts: months 0 and 1 are dropped.
  std::fill(calendar.begin(), calendar.end(), 0.0);
  acc.bind(-2, 0.0, 60.0, calendar.data(), months);
  acc.begin_run();
  acc.benefit(0.0, 0.0, 10.0, 100.0);
  const std::vector<double> paid = row_of(calendar, CostMeasure::benefit, months);
  for (int c = 0; c < months; ++c) expect_close(paid[static_cast<std::size_t>(c)], 100.0);
  expect_close(acc.total(CostMeasure::benefit), 1000.0);
  const std::vector<double> back = row_of(calendar, CostMeasure::reimbursement, months);
  expect_close(sum(back), 100.0 * reimbursed_share_integral(r, 2.0, 7.0));
  expect_close(acc.total(CostMeasure::reimbursement), 100.0 * reimbursed_share_integral(r, 0.0, 10.0));
  // Other measures' rows are untouched.
  EXPECT_EQ(sum(row_of(calendar, CostMeasure::programme, months)), 0.0);
}

TEST(MunicipalCosts, TheStateIsASmallValueThatResumesARun) {
  static_assert(std::is_trivially_copyable_v<MunicipalAccountsState>);
  const CostRules r = grants();
  MunicipalAccounts whole(r);
  whole.bind(0, 0.0, 100.0, nullptr, 0);
  whole.begin_run();
  whole.benefit(0.0, 0.0, 10.0, 1000.0);
  whole.danish_test(4.0);
  const MunicipalAccountsState saved = whole.state();
  whole.left_benefit(10.0, Destination::employed);
  whole.finish();
  MunicipalAccounts resumed(r);
  resumed.bind(0, 0.0, 100.0, nullptr, 0);
  resumed.begin_run();
  resumed.restore(saved);
  resumed.danish_test(6.0);  // already paid before the save
  resumed.left_benefit(10.0, Destination::employed);
  resumed.finish();
  for (int m = 0; m < k_cost_measure_count; ++m)
    EXPECT_EQ(resumed.total(static_cast<CostMeasure>(m)), whole.total(static_cast<CostMeasure>(m)));
  EXPECT_EQ(name_of(CostMeasure::benefit), "benefit_dkk");
  EXPECT_EQ(name_of(CostMeasure::basic_grant), "basic_grant_dkk");
}

// --- the compile step ---

void add_rule(Catalogue& c, const std::string& id, double value, int line) {
  RuleRow row;
  row.unit = "test";
  row.value = test_value(id, value);
  row.value.line = line;
  c.rules.push_back(row);
}

Catalogue cost_catalogue() {
  Catalogue c = tiny_catalogue();
  add_rule(c, "reimbursement.share.weeks_01_04", 0.8, 8);
  add_rule(c, "reimbursement.share.weeks_05_26", 0.4, 9);
  add_rule(c, "reimbursement.share.weeks_27_52", 0.3, 10);
  add_rule(c, "reimbursement.share.weeks_53_up", 0.2, 11);
  add_rule(c, "result_grant.job_or_education_within_3y.dkk", 88817, 12);
  add_rule(c, "result_grant.job_year_4_5.dkk", 59210, 13);
  add_rule(c, "result_grant.danish_test.dkk", 37895, 14);
  add_rule(c, "basic_grant.dkk_per_month", 3127, 15);
  return c;
}

std::string compile_costs_error(const Catalogue& c) {
  CostRules out;
  try {
    compile_municipal_costs(bare_scenario(60, 10), c, out);
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}

TEST(MunicipalCosts, CompileReadsTheRules) {
  CostRules out;
  compile_municipal_costs(bare_scenario(60, 10), cost_catalogue(), out);
  EXPECT_EQ(out.reimbursement_share, (std::array<double, 4>{0.8, 0.4, 0.3, 0.2}));
  EXPECT_EQ(out.early_result_grant_dkk, 88817.0);
  EXPECT_EQ(out.late_result_grant_dkk, 59210.0);
  EXPECT_EQ(out.danish_test_grant_dkk, 37895.0);
  EXPECT_EQ(out.basic_grant_dkk_per_month, 3127.0);
  // The model's compile step reads them too, and an override changes them.
  Scenario s = bare_scenario(60, 10);
  ParameterOverride o;
  o.id = "reimbursement.share.weeks_53_up";
  o.value = 0.25;
  s.overrides.push_back(o);
  const CompiledModel m = compile_model(s, resolve_parameters(cost_catalogue(), s));
  EXPECT_EQ(m.mechanisms.costs.reimbursement_share[3], 0.25);
  EXPECT_EQ(m.mechanisms.costs.basic_grant_dkk_per_month, 3127.0);
  // A catalogue without cost rules prices nothing back.
  CostRules none;
  compile_municipal_costs(bare_scenario(60, 10), tiny_catalogue(), none);
  EXPECT_EQ(none.reimbursement_share, (std::array<double, 4>{}));
  EXPECT_EQ(none.basic_grant_dkk_per_month, 0.0);
}

TEST(MunicipalCosts, CompileRefusesAPartialStaircaseAndSharesOutsideZeroOne) {
  // cost_catalogue() holds tiny_catalogue()'s benefit rate, then the four shares.
  for (std::ptrdiff_t k = 1; k <= 4; ++k) {
    Catalogue c = cost_catalogue();
    const std::string missing = c.rules[static_cast<std::size_t>(k)].value.id;
    ASSERT_EQ(missing.rfind("reimbursement.share.", 0), 0U) << missing;
    c.rules.erase(c.rules.begin() + k);
    const std::string error = compile_costs_error(c);
    EXPECT_NE(error.find("but no rule '" + missing + "'"), std::string::npos) << error;
    EXPECT_NE(error.find("the reimbursement staircase needs all four shares"), std::string::npos) << error;
  }
  Catalogue c = cost_catalogue();
  c.rules[3].value.value = 1.5;
  EXPECT_EQ(compile_costs_error(c),
            "<test>:10: 'reimbursement.share.weeks_27_52' is 1.5, but must be in [0, 1]");
  c.rules[3].value.value = -0.1;
  EXPECT_EQ(compile_costs_error(c),
            "<test>:10: 'reimbursement.share.weeks_27_52' is -0.1, but must be in [0, 1]");
  c.rules[3].value.value = 1.0;
  EXPECT_EQ(compile_costs_error(c), "");
  c.rules[8].value.value = -1.0;
  EXPECT_EQ(compile_costs_error(c),
            "<test>:15: 'basic_grant.dkk_per_month' is -1, but must be a finite number >= 0");
}

}  // namespace
}  // namespace integrasim::testing
