// A step's min_danish_level is decided once, when its anticipation window opens, from the
// Danish level projected to its start (docs/model.md §6): a person who will not be offered
// the step gets none of its effects, anticipation included, and runs exactly as if the
// step were not there; a person who will reach the level through Danish education on
// another track is offered it, anticipation and all.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core_test_helpers.h"
#include "test_support.h"

namespace integrasim::testing {
namespace {

constexpr double k_z = 4.0;
constexpr int k_horizon = 30;

int index_of(const std::vector<ArmInfo>& arms, const std::string& name) {
  for (std::size_t i = 0; i < arms.size(); ++i)
    if (arms[i].name == name) return static_cast<int>(i);
  throw std::runtime_error("no arm " + name);
}

int index_of(const std::vector<SubgroupInfo>& groups, const std::string& name) {
  for (std::size_t i = 0; i < groups.size(); ++i)
    if (groups[i].name == name) return static_cast<int>(i);
  throw std::runtime_error("no subgroup " + name);
}

const SummaryRow& summary_row(const Results& r, const std::string& arm, const std::string& group) {
  const int a = index_of(r.arms, arm);
  const int g = index_of(r.subgroups, group);
  for (const SummaryRow& row : r.summary)
    if (row.arm == a && row.subgroup == g) return row;
  throw std::runtime_error("no summary row " + arm + "/" + group);
}

Estimate effect(const Results& r, const std::string& arm, const std::string& group,
                const std::string& outcome, const std::string& component) {
  const int a = index_of(r.arms, arm);
  const int g = index_of(r.subgroups, group);
  for (const EffectRowOut& e : r.effects)
    if (e.arm == a && e.subgroup == g && e.outcome == outcome && e.component == component) return e.effect;
  throw std::runtime_error("no effect row " + arm + "/" + group + "/" + outcome + "/" + component);
}

void expect_same(const Estimate& a, const Estimate& b, const std::string& what) {
  EXPECT_EQ(a.value, b.value) << what;
  EXPECT_EQ(a.se, b.se) << what;
}

PathwayStep gated_course(int start_month, double min_level) {
  PathwayStep s = step("course", start_month, 3);
  s.min_danish_level = min_level;
  return s;
}

// Men and women; Danish education ("language", 0.1 level a month) is for women only,
// so men start at level 0 and never reach the gated course's level 1.0. The course
// (month 11, anticipation HR 3 over the 2 months before) is the only difference
// between the arms "gated" and "language_only".
TEST(DanishAdmission, PersonsWhoNeverReachTheLevelRunAsIfTheStepWereAbsent) {
  Scenario s = bare_scenario(k_horizon, 4000);
  s.population.shares[static_cast<std::size_t>(Dimension::sex)].share = {0.5, 0.5};
  s.output.decomposition = true;
  PathwayStep language = step("language", 0, 24, "language");
  language.eligible = sel("female");
  Arm language_only = s.arms[1];
  language_only.name = "language_only";
  language_only.role = ArmRole::other;
  s.arms[1].name = "gated";
  s.arms.push_back(language_only);
  give_pathway(s, "gated", "gated", {gated_course(11, 1.0), language});
  give_pathway(s, "language_only", "language_only", {language});
  Catalogue c = constant_hazard_catalogue(0.05, 0.005, 0.002, 0.02, 0.01);
  set_effect(c, "course", Phase::anticipation, 3.0);
  const Results r = run_in_memory(s, c);

  // Men: every metric, its SE and its difference to the comparator, bit for bit.
  const SummaryRow& gated = summary_row(r, "gated", "male");
  const SummaryRow& absent = summary_row(r, "language_only", "male");
  ASSERT_EQ(gated.metrics.size(), absent.metrics.size());
  for (std::size_t k = 0; k < gated.metrics.size(); ++k) {
    expect_same(gated.metrics[k], absent.metrics[k], r.metrics[k].name);
    expect_same(gated.vs_comparator[k], absent.vs_comparator[k], "diff " + r.metrics[k].name);
  }
  EXPECT_EQ(metric(r, "gated", "male", "programme_months").value, 0.0);
  for (const std::string component : {"anticipation", "lock_in", "post_programme"})
    EXPECT_EQ(effect(r, "gated", "male", "months_on_benefit", component).value, 0.0) << component;

  // Women reach 1.0 at month 10 and get the course, its anticipation effect too: in
  // the window the job hazard triples, so months on benefit fall.
  const Estimate women = effect(r, "gated", "female", "months_on_benefit", "anticipation");
  EXPECT_LT(women.value, -k_z * women.se);
  EXPECT_GT(metric(r, "gated", "female", "programme_months").value,
            metric(r, "language_only", "female", "programme_months").value);
}

// Nobody leaves benefit but through the course's anticipation HR 1e9 (baseline 1e-6 per
// month), so months on benefit ~ the month the window opens + 1/1000: the window opens
// exactly for those admitted, with the level projected from the other track's course.
TEST(DanishAdmission, DanishEducationOnAnotherTrackAdmitsByProjection) {
  const double h = 1e-6;
  const double hr = 1e9;
  const std::int64_t n = 2000;
  const auto months_on_benefit = [&](int language_start, int language_months, int course_start,
                                     int anticipation_months) {
    Scenario s = bare_scenario(k_horizon, n);
    give_pathway(
        s, "policy", "p",
        {gated_course(course_start, 1.0), step("language", language_start, language_months, "language")});
    Catalogue c = constant_hazard_catalogue(h, 0, 0, 0, 0);
    for (InterventionType& t : c.interventions)
      if (t.id == "course") t.anticipation_months.value = anticipation_months;
    set_effect(c, "course", Phase::anticipation, hr);
    set_effect(c, "course", Phase::post, 1.0);
    return metric(run_in_memory(s, c), "policy", "all", "months_on_benefit");
  };
  const double lock_in = 0.9;  // the language course's lock-in HR
  const auto expect_window_from = [&](const Estimate& e, int from, const std::string& what) {
    const PiecewiseExponential curve{{0, static_cast<double>(from), static_cast<double>(from) + 2, k_horizon},
                                     {h * lock_in, h * lock_in * hr, h}};
    EXPECT_NEAR(e.value, curve.mean(), k_z * curve.se(static_cast<double>(n))) << what;
  };
  // At the window's opening (month 9) the level is 0.9, a single module; by the start
  // (month 11) the running course makes it 1.1: admitted, window from month 9.
  expect_window_from(months_on_benefit(0, 24, 11, 2), 9, "running course");
  // The course ends at month 8 (level 0.8): never admitted, no window, nobody leaves.
  EXPECT_GT(months_on_benefit(0, 8, 11, 2).value, k_horizon - 0.01);
  // A course not yet begun counts too: decided at month 0 (12 months of anticipation),
  // Danish education from month 2 gives 1.0 by month 12; from month 3 only 0.9.
  const Estimate admitted = months_on_benefit(2, 24, 12, 12);
  EXPECT_LT(admitted.value, 0.01);
  EXPECT_GT(months_on_benefit(3, 24, 12, 12).value, k_horizon - 0.01);
}

// The decision stands for the spell. Nobody leaves benefit; a company placement that
// teaches Danish (0.1 level a month, from month 1 on the language track) is never
// established (placement success 0), but when the gated course's 12-month window opens
// at month 0 it is still due to run, so the projection (1.1 by month 12) admits the
// person. The course then runs in months 13-15 at level 0; without the placement the
// course is skipped at month 0 and nobody is in it.
TEST(DanishAdmission, AdmissionStandsWhenACountedCourseDoesNotRun) {
  const auto course_months = [](bool with_placement) {
    Scenario s = bare_scenario(k_horizon, 100);
    std::vector<PathwayStep> steps = {gated_course(12, 1.0)};
    if (with_placement) steps.push_back(step("placement", 1, 24, "language"));
    give_pathway(s, "policy", "p", steps);
    Catalogue c = constant_hazard_catalogue(0, 0, 0, 0, 0);
    add_intervention(c, "placement", 24);
    for (InterventionType& t : c.interventions) {
      if (t.id == "course") t.anticipation_months.value = 12;
      if (t.id == "placement") {
        t.kind = InterventionKind::company;
        t.danish_gain_per_month.value = 0.1;
      }
    }
    add_test_rule(c, "placement.success_at_level_0", 0.0);
    add_test_rule(c, "placement.success_per_level", 0.0);
    const Results r = run_in_memory(s, c);
    std::vector<int> months;
    for (int m = 1; m <= k_horizon; ++m) {
      if (with_placement) {
        EXPECT_EQ(monthly_share(r, "policy", "all", "placement", m).value, 0.0) << m;
      }
      const double share = monthly_share(r, "policy", "all", "course", m).value;
      if (share == 1.0) {
        months.push_back(m);
      } else {
        EXPECT_EQ(share, 0.0) << m;
      }
    }
    return months;
  };
  EXPECT_EQ(course_months(true), (std::vector<int>{13, 14, 15}));
  EXPECT_EQ(course_months(false), std::vector<int>{});
}

}  // namespace
}  // namespace integrasim::testing
