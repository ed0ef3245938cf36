// Pathway scheduling (docs/model.md §4, §6) end to end. Most checks use zero hazards, so every
// person stays on benefit and the schedule is deterministic: the monthly programme
// series (month m = the interval [m-1, m)) must be exactly 1 or 0. Statistical checks
// use 4 standard errors computed from the closed form.
#include <gtest/gtest.h>

#include <cmath>
#include <set>
#include <string>
#include <vector>

#include "core_test_helpers.h"
#include "test_support.h"

namespace integrasim::testing {
namespace {

constexpr double k_z = 4.0;
constexpr int k_horizon = 30;

// Nobody ever leaves benefit; three interventions: course, language, intern.
Catalogue frozen_catalogue() {
  Catalogue c = constant_hazard_catalogue(0, 0, 0, 0, 0);
  add_intervention(c, "intern", 2);
  return c;
}

// The months m = 1..H in which `series` has share 1 in `arm`/`group`; fails on any
// share strictly between 0 and 1 (impossible when nobody leaves benefit).
std::set<int> full_months(const Results& r, const std::string& arm, const std::string& group,
                          const std::string& series, int horizon = k_horizon) {
  std::set<int> months;
  for (int m = 1; m <= horizon; ++m) {
    const double share = monthly_share(r, arm, group, series, m).value;
    if (share == 1.0) {
      months.insert(m);
    } else {
      EXPECT_EQ(share, 0.0) << series << " in month " << m;
    }
  }
  return months;
}

std::set<int> range(int first, int last) {
  std::set<int> out;
  for (int m = first; m <= last; ++m) out.insert(m);
  return out;
}

PathwayStep relative(PathwayStep s) {
  s.relative_to_previous = true;
  return s;
}

TEST(PathwaySchedule, StepRunsInMonthsStartPlusOneToStartPlusDuration) {
  Scenario s = bare_scenario(k_horizon, 200);
  give_pathway(s, "policy", "p", {step("course", 4, 3)});
  const Results r = run_in_memory(s, frozen_catalogue());
  EXPECT_EQ(full_months(r, "policy", "all", "course"), range(5, 7));
  EXPECT_EQ(full_months(r, "comparator", "all", "course"), std::set<int>{});
  EXPECT_EQ(full_months(r, "no_intervention", "all", "course"), std::set<int>{});
  EXPECT_DOUBLE_EQ(metric(r, "policy", "all", "programme_months").value, 3.0);
  EXPECT_DOUBLE_EQ(metric(r, "policy", "all", "cost_programmes_dkk").value, 3000.0);
  EXPECT_EQ(metric(r, "comparator", "all", "programme_months").value, 0.0);
  EXPECT_DOUBLE_EQ(metric(r, "policy", "all", "months_on_benefit").value, k_horizon);
}

TEST(PathwaySchedule, StepRunningPastTheHorizonIsCutThere) {
  Scenario s = bare_scenario(k_horizon, 50);
  give_pathway(s, "policy", "p", {step("course", k_horizon - 2, 6)});
  const Results r = run_in_memory(s, frozen_catalogue());
  EXPECT_EQ(full_months(r, "policy", "all", "course"), range(k_horizon - 1, k_horizon));
  EXPECT_DOUBLE_EQ(metric(r, "policy", "all", "programme_months").value, 2.0);
}

TEST(PathwaySchedule, RelativeStepStartsAfterThePreviousStepOnItsTrackEnds) {
  Scenario s = bare_scenario(k_horizon, 200);
  // course [2, 5), then language 1 month after the course ends: [6, 8); then intern
  // straight after: [8, 10).
  give_pathway(s, "policy", "p",
               {step("course", 2, 3), relative(step("language", 1, 2)), relative(step("intern", 0, 2))});
  const Results r = run_in_memory(s, frozen_catalogue());
  EXPECT_EQ(full_months(r, "policy", "all", "course"), range(3, 5));
  EXPECT_EQ(full_months(r, "policy", "all", "language"), range(7, 8));
  EXPECT_EQ(full_months(r, "policy", "all", "intern"), range(9, 10));
  EXPECT_DOUBLE_EQ(metric(r, "policy", "all", "programme_months").value, 7.0);
}

TEST(PathwaySchedule, AbsoluteStepWaitsForTheBusyTrack) {
  // Steps on one track run one at a time: a step whose absolute start falls inside the
  // previous step starts when that step ends.
  Scenario s = bare_scenario(k_horizon, 100);
  give_pathway(s, "policy", "p", {step("course", 0, 6), step("intern", 3, 2)});
  const Results r = run_in_memory(s, frozen_catalogue());
  EXPECT_EQ(full_months(r, "policy", "all", "course"), range(1, 6));
  EXPECT_EQ(full_months(r, "policy", "all", "intern"), range(7, 8));
}

TEST(PathwaySchedule, SkippedStepDoesNotDelayTheNextRelativeStep) {
  Scenario s = bare_scenario(k_horizon, 200);
  PathwayStep skipped = relative(step("language", 0, 5));
  skipped.coverage = 0.0;
  give_pathway(s, "policy", "p", {step("course", 0, 3), skipped, relative(step("intern", 0, 2))});
  const Results r = run_in_memory(s, frozen_catalogue());
  EXPECT_EQ(full_months(r, "policy", "all", "course"), range(1, 3));
  EXPECT_EQ(full_months(r, "policy", "all", "language"), std::set<int>{});
  EXPECT_EQ(full_months(r, "policy", "all", "intern"), range(4, 5));
}

TEST(PathwaySchedule, SkippedFirstStepLeavesTheRelativeStepAnchoredAtEntry) {
  Scenario s = bare_scenario(k_horizon, 100);
  PathwayStep skipped = step("course", 2, 5);
  skipped.coverage = 0.0;
  give_pathway(s, "policy", "p", {skipped, relative(step("intern", 1, 2))});
  const Results r = run_in_memory(s, frozen_catalogue());
  EXPECT_EQ(full_months(r, "policy", "all", "course"), std::set<int>{});
  EXPECT_EQ(full_months(r, "policy", "all", "intern"), range(2, 3));
}

TEST(PathwaySchedule, CoverageIsTheShareOffered) {
  const std::int64_t n = 100000;
  Scenario s = bare_scenario(12, n);
  PathwayStep half = step("course", 0, 6);
  half.coverage = 0.5;
  PathwayStep quarter = step("intern", 0, 4, "second");
  quarter.coverage = 0.25;
  give_pathway(s, "policy", "p", {half, quarter});
  const Results r = run_in_memory(s, frozen_catalogue());
  const double nd = static_cast<double>(n);
  for (const int m : {1, 6}) {
    const Estimate e = monthly_share(r, "policy", "all", "course", m);
    EXPECT_NEAR(e.value, 0.5, k_z * std::sqrt(0.25 / nd)) << "month " << m;
  }
  EXPECT_EQ(monthly_share(r, "policy", "all", "course", 7).value, 0.0);
  // The same persons in every month of the step (one draw per person and step).
  EXPECT_EQ(monthly_share(r, "policy", "all", "course", 1).value,
            monthly_share(r, "policy", "all", "course", 6).value);
  const Estimate q = monthly_share(r, "policy", "all", "intern", 2);
  EXPECT_NEAR(q.value, 0.25, k_z * std::sqrt(0.25 * 0.75 / nd));
  // Programme months: 6 x Bernoulli(0.5) + 4 x Bernoulli(0.25), independent draws.
  const double mean = 6 * 0.5 + 4 * 0.25;
  const double variance = 36 * 0.25 + 16 * 0.25 * 0.75;
  EXPECT_NEAR(metric(r, "policy", "all", "programme_months").value, mean, k_z * std::sqrt(variance / nd));
}

TEST(PathwaySchedule, EligibilityRestrictsTheStepToItsSubgroup) {
  Scenario s = bare_scenario(k_horizon, 2000);
  s.population.shares[0].share = {0.5, 0.5};
  PathwayStep women_only = step("course", 0, 4);
  women_only.eligible = sel("female");
  give_pathway(s, "policy", "p", {women_only, relative(step("intern", 0, 2))});
  const Results r = run_in_memory(s, frozen_catalogue());
  EXPECT_EQ(full_months(r, "policy", "female", "course"), range(1, 4));
  EXPECT_EQ(full_months(r, "policy", "male", "course"), std::set<int>{});
  // Men skip the step, so their next relative step starts at entry.
  EXPECT_EQ(full_months(r, "policy", "female", "intern"), range(5, 6));
  EXPECT_EQ(full_months(r, "policy", "male", "intern"), range(1, 2));
}

TEST(PathwaySchedule, TwoTracksRunConcurrently) {
  Scenario s = bare_scenario(k_horizon, 200);
  give_pathway(s, "policy", "p", {step("course", 0, 6), step("language", 0, 24, "language")});
  const Results r = run_in_memory(s, frozen_catalogue());
  EXPECT_EQ(full_months(r, "policy", "all", "course"), range(1, 6));
  EXPECT_EQ(full_months(r, "policy", "all", "language"), range(1, 24));
  EXPECT_DOUBLE_EQ(metric(r, "policy", "all", "programme_months").value, 30.0);
}

TEST(PathwaySchedule, MinimumDanishLevelSkipsTheStepWhenTheLevelIsTooLow) {
  // "language" gains 0.1 level per month; a module is half a level.
  const auto run = [](int course_start, bool with_language, double level_at_entry) {
    Scenario s = bare_scenario(k_horizon, 100);
    s.population.danish_level_values = {level_at_entry};
    PathwayStep gated = step("course", course_start, 6);
    gated.min_danish_level = 1.0;
    std::vector<PathwayStep> steps = {gated};
    if (with_language) steps.push_back(step("language", 0, 24, "language"));
    give_pathway(s, "policy", "p", steps);
    return run_in_memory(s, frozen_catalogue());
  };
  // Month 12: level 1.2, module level 1.0: the step runs.
  EXPECT_EQ(full_months(run(12, true, 0.0), "policy", "all", "course"), range(13, 18));
  // Month 8: level 0.8, module level 0.5: skipped.
  EXPECT_EQ(full_months(run(8, true, 0.0), "policy", "all", "course"), std::set<int>{});
  // No Danish education: skipped; entry level high enough: runs.
  EXPECT_EQ(full_months(run(12, false, 0.0), "policy", "all", "course"), std::set<int>{});
  EXPECT_EQ(full_months(run(2, false, 1.0), "policy", "all", "course"), range(3, 8));
  EXPECT_EQ(full_months(run(2, false, 0.9), "policy", "all", "course"), std::set<int>{});
}

TEST(PathwaySchedule, DanishEducationBeforeTheStepOnTheSameTrackCounts) {
  // language for `months` months, then the gated course straight after on the same
  // track: 10 months give level 1.0 (two modules), 8 months only 0.8.
  const auto run = [](int months) {
    Scenario s = bare_scenario(k_horizon, 100);
    PathwayStep gated = relative(step("course", 0, 4));
    gated.min_danish_level = 1.0;
    give_pathway(s, "policy", "p", {step("language", 0, months), gated});
    return run_in_memory(s, frozen_catalogue());
  };
  const Results long_enough = run(10);
  EXPECT_EQ(full_months(long_enough, "policy", "all", "language"), range(1, 10));
  EXPECT_EQ(full_months(long_enough, "policy", "all", "course"), range(11, 14));
  const Results too_short = run(8);
  EXPECT_EQ(full_months(too_short, "policy", "all", "language"), range(1, 8));
  EXPECT_EQ(full_months(too_short, "policy", "all", "course"), std::set<int>{});
}

TEST(PathwaySchedule, LeavingBenefitEndsTheProgrammeAndThePathway) {
  // Job hazard 1000 per month (500 under the course's lock-in HR 0.5), job loss 1 per
  // month, no re-entry pathway: programme time is min(T, 6) with T ~ Exp(500), and
  // nobody is in a programme once they have left benefit.
  const std::int64_t n = 10000;
  const int horizon = 12;
  Scenario s = bare_scenario(horizon, n);
  give_pathway(s, "policy", "p", {step("course", 0, 6), relative(step("intern", 0, 3))});
  Catalogue c = constant_hazard_catalogue(1000, 0, 0, 1.0, 0);
  add_intervention(c, "intern", 3);
  const Results r = run_in_memory(s, c);
  const PiecewiseExponential in_course{{0, 6}, {500}};
  EXPECT_NEAR(metric(r, "policy", "all", "programme_months").value, in_course.mean(),
              k_z * in_course.se(static_cast<double>(n)));
  for (int m = 2; m <= horizon; ++m) {
    EXPECT_EQ(monthly_share(r, "policy", "all", "course", m).value, 0.0) << m;
    EXPECT_EQ(monthly_share(r, "policy", "all", "intern", m).value, 0.0) << m;
  }
  // In month 1 only those still on benefit at t = 0 (everyone) took part.
  EXPECT_EQ(monthly_share(r, "policy", "all", "course", 1).value, 1.0);
}

TEST(PathwaySchedule, ReentryPathwayAppliesToLaterSpellsOnly) {
  // No job before month 10 (baseline 0 on [0, 10), 0.5 after), job loss 0.5 per month.
  // The re-entry pathway starts a course 2 months after the return (anchored at the
  // first whole month of the new spell), so no course can appear before month 14.
  const int horizon = 36;
  const std::int64_t n = 5000;
  const auto run = [&](double job_loss) {
    Scenario s = bare_scenario(horizon, n);
    Pathway re;
    re.name = "re";
    re.steps = {step("course", 2, 3)};
    s.pathways.push_back(re);
    s.arms[1].reentry_pathway = "re";
    Catalogue c = constant_hazard_catalogue(0.5, 0, 0, job_loss, 0);
    c.baselines[0].from_month = 10;
    BaselineRow early = c.baselines[0];
    early.from_month = 0;
    early.to_month = 10;
    early.hazard = test_value("baseline.employed.early", 0.0);
    c.baselines.push_back(early);
    return run_in_memory(s, c);
  };
  const Results r = run(0.5);
  double later = 0;
  for (int m = 1; m <= horizon; ++m) {
    const double share = monthly_share(r, "policy", "all", "course", m).value;
    if (m <= 13) {
      EXPECT_EQ(share, 0.0) << "month " << m;
    }
    later += share;
    EXPECT_EQ(monthly_share(r, "comparator", "all", "course", m).value, 0.0) << "month " << m;
  }
  EXPECT_GT(later, 0.0);
  EXPECT_GT(metric(r, "policy", "all", "programme_months").value, 0.0);
  // Without job loss nobody returns, so nobody takes part.
  EXPECT_EQ(metric(run(0.0), "policy", "all", "programme_months").value, 0.0);
}

TEST(PathwaySchedule, AnticipationStartsAnticipationMonthsBeforeTheScheduledStart) {
  // Baseline 1e-6 per month; the course's anticipation HR 1e9 makes the hazard 1000 per
  // month inside the window only, so months on benefit ~ the window's start + 1/1000.
  const double h = 1e-6;
  const double hr = 1e9;
  const std::int64_t n = 2000;
  const auto run = [&](int start) {
    Scenario s = bare_scenario(k_horizon, n);
    give_pathway(s, "policy", "p", {step("course", start, 3)});
    Catalogue c = constant_hazard_catalogue(h, 0, 0, 0, 0);
    set_effect(c, "course", Phase::anticipation, hr);  // window: 2 months (tiny_catalogue)
    set_effect(c, "course", Phase::post, 1.0);
    return metric(run_in_memory(s, c), "policy", "all", "months_on_benefit");
  };
  const struct {
    int start;
    PiecewiseExponential curve;
  } cases[] = {
      {6, {{0, 4, 6, 9, k_horizon}, {h, h * hr, h * 0.5, h}}},
      {1, {{0, 1, 4, k_horizon}, {h * hr, h * 0.5, h}}},  // window clipped at entry
      {0, {{0, 3, k_horizon}, {h * 0.5, h}}},             // no window at all
  };
  for (const auto& c : cases) {
    const Estimate e = run(c.start);
    EXPECT_NEAR(e.value, c.curve.mean(), k_z * c.curve.se(static_cast<double>(n))) << "start " << c.start;
  }
}

}  // namespace
}  // namespace integrasim::testing
