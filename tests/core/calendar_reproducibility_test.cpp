// The planner's outputs are reproducible (docs/developing.md principle 3): a scenario with
// inflow, a caseload and limited places writes byte-identical summary, calendar, budget
// and queues files for 1, 2 and 4 threads; and saying whom a cohort represents changes
// no per-person result.
#include <gtest/gtest.h>

#include <string>

#include "io/result_writers.h"
#include "test_support.h"

namespace integrasim::testing {
namespace {

Scenario planner_scenario() {
  Scenario s = bare_scenario(30, 0, 555);
  s.frailty.variance = 0.4;
  s.output.decomposition = true;
  s.population.shares[0].share = {0.5, 0.5};
  s.inflow.arrivals_per_month = {40, 35, 50, 20, 45, 30, 60, 25};
  s.inflow.simulated_per_arrival = 30;  // 9150 arrivals: several chunks
  s.inflow.where.file = "<test>";
  s.caseload.simulated_per_person = 20;
  for (int i = 0; i < 60; ++i) {
    CaseloadPerson p;
    p.person_id = "P";
    p.person_id += std::to_string(i);
    p.attrs.sex = i % 2 == 0 ? Sex::male : Sex::female;
    p.months_since_arrival = 8 + i % 13;
    p.months_on_benefit = 1 + i % 8;
    p.line = i + 2;
    s.caseload.persons.push_back(p);
  }
  s.caseload.where.file = "<test>";
  give_pathway(s, "policy", "p", {step("course", 2, 5), step("language", 0, 12, "language")});
  CapacitySpec c;
  c.intervention = "course";
  c.places = 25.5;
  c.max_wait_months = 4;
  c.where.file = "<test>";
  s.arms[1].capacity = {c};
  return s;
}

Catalogue planner_catalogue() {
  Catalogue c = constant_hazard_catalogue(0.04, 0.01, 0.002, 0.02, 0.01);
  add_test_rule(c, "reimbursement.share.weeks_01_04", 0.8);
  add_test_rule(c, "reimbursement.share.weeks_05_26", 0.4);
  add_test_rule(c, "reimbursement.share.weeks_27_52", 0.3);
  add_test_rule(c, "reimbursement.share.weeks_53_up", 0.2);
  add_test_rule(c, "result_grant.job_or_education_within_3y.dkk", 88817);
  add_test_rule(c, "basic_grant.dkk_per_month", 3127);
  return c;
}

TEST(CalendarReproducibility, PlannerFilesAreByteIdenticalForOneTwoAndFourThreads) {
  const Scenario s = planner_scenario();
  const Catalogue c = planner_catalogue();
  const Results one = run_in_memory(s, c, 1);
  ASSERT_TRUE(one.planner);
  ASSERT_FALSE(one.queues.empty());
  ASSERT_FALSE(one.budget.empty());
  const std::string summary = summary_csv(one, CsvDialect::standard);
  const std::string calendar = calendar_csv(one, CsvDialect::standard);
  const std::string budget = budget_csv(one, CsvDialect::standard);
  const std::string queues = queues_csv(one, CsvDialect::standard);
  for (const int threads : {2, 4}) {
    const Results many = run_in_memory(s, c, threads);
    EXPECT_EQ(summary_csv(many, CsvDialect::standard), summary) << threads << " threads";
    EXPECT_EQ(calendar_csv(many, CsvDialect::standard), calendar) << threads << " threads";
    EXPECT_EQ(budget_csv(many, CsvDialect::standard), budget) << threads << " threads";
    EXPECT_EQ(queues_csv(many, CsvDialect::standard), queues) << threads << " threads";
    EXPECT_EQ(monthly_csv(many, CsvDialect::standard), monthly_csv(one, CsvDialect::standard)) << threads;
  }
}

TEST(CalendarReproducibility, RepresentsLeavesSummaryUnchanged) {
  Scenario s = bare_scenario(36, 3000, 556);
  s.frailty.variance = 0.5;
  s.output.decomposition = true;
  s.population.shares[0].share = {0.5, 0.5};
  give_pathway(s, "policy", "p", {step("course", 2, 6)});
  const Catalogue c = planner_catalogue();
  const Results plain = run_in_memory(s, c);
  s.population.represents = 1234.5;
  const Results represented = run_in_memory(s, c);
  EXPECT_FALSE(plain.planner);
  EXPECT_TRUE(represented.planner);
  EXPECT_EQ(summary_csv(represented, CsvDialect::standard), summary_csv(plain, CsvDialect::standard));
  EXPECT_EQ(monthly_csv(represented, CsvDialect::standard), monthly_csv(plain, CsvDialect::standard));
  EXPECT_EQ(effects_csv(represented, CsvDialect::standard), effects_csv(plain, CsvDialect::standard));
  // ... while the planner's calendar is in real persons: 1234.5 on benefit at month 0.
  bool seen = false;
  for (const CalendarRow& row : represented.calendar)
    if (row.arm == 0 && row.month == 0 && row.measure == "on_benefit") {
      EXPECT_DOUBLE_EQ(row.value.value, 1234.5);
      seen = true;
    }
  EXPECT_TRUE(seen);
}

}  // namespace
}  // namespace integrasim::testing
