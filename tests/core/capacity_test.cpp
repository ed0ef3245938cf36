// Limited places (core/capacity.h) on the plan's calendar: places are never exceeded,
// a full programme starts K persons every D months, first come first served, the arm's
// max_wait_months empties the queue, and every arrival is in exactly one state.
// Scenarios where nobody leaves benefit make every count exact.
#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <numeric>
#include <string>
#include <vector>

#include "core/engine.h"
#include "io/catalogue_reader.h"
#include "io/embedded_inputs.h"
#include "io/scenario_reader.h"
#include "test_support.h"

namespace integrasim::testing {
namespace {

std::vector<double> values(const std::vector<Estimate>& v) {
  std::vector<double> out;
  for (const Estimate& e : v) out.push_back(e.value);
  return out;
}

CapacitySpec places_of(const std::string& intervention, double places, int max_wait_months = -1) {
  CapacitySpec c;
  c.intervention = intervention;
  c.places = places;
  c.max_wait_months = max_wait_months;
  c.where.file = "<test>";
  return c;
}

Arm& arm_named(Scenario& s, const std::string& name) {
  for (Arm& a : s.arms)
    if (a.name == name) return a;
  throw std::runtime_error("no arm " + name);
}

CaseloadPerson caseload_person(int i, int since_arrival, int on_benefit, Sex sex = Sex::male) {
  CaseloadPerson p;
  p.person_id = "P";
  p.person_id += std::to_string(i);
  p.attrs.sex = sex;
  p.months_since_arrival = since_arrival;
  p.months_on_benefit = on_benefit;
  p.line = i + 2;
  return p;
}

// A scenario built to saturate 10.5 places: a caseload (2 replicas) and arrivals
// (3 replicas, so 6 place units per real person), people leaving benefit now and then.
TEST(Capacity, PlacesAreNeverExceeded) {
  Scenario s = bare_scenario(36, 0, 31);
  s.inflow.arrivals_per_month = {30, 25, 40, 0, 35, 30, 20, 30, 45, 10, 30, 30};
  s.inflow.simulated_per_arrival = 3;
  s.inflow.where.file = "<test>";
  s.caseload.simulated_per_person = 2;
  for (int i = 0; i < 40; ++i) s.caseload.persons.push_back(caseload_person(i, 10 + i % 7, 3 + i % 5));
  s.caseload.where.file = "<test>";
  give_pathway(s, "policy", "p", {step("course", 1, 4), step("language", 0, 5, "language")});
  arm_named(s, "policy").capacity = {places_of("course", 10.5), places_of("language", 7)};
  const Results r = run_in_memory(s, constant_hazard_catalogue(0.04, 0.01, 0.002, 0.02, 0.01));
  ASSERT_FALSE(r.queues.empty());
  const std::map<std::string, double> places = {{"course", 10.5}, {"language", 7.0}};
  for (const QueueRow& q : r.queues) {
    // Saturated: the most held is the capacity (to the unit), never more.
    EXPECT_LE(q.most_in_places, q.places) << q.intervention;
    EXPECT_GE(q.most_in_places, q.places - 1.0 / 6.0 - 1e-12) << q.intervention << ": not saturated";
    EXPECT_GT(q.queued_person_months, 0.0) << q.intervention << ": nobody queued";
  }
  for (const auto& [iv, k] : places) {
    const std::vector<double> in = values(calendar_series(r, "policy", "in_" + iv));
    const std::vector<double> free = values(calendar_series(r, "policy", "places_free_" + iv));
    for (int c = 0; c < r.horizon_months; ++c) {
      const std::size_t cs = static_cast<std::size_t>(c);
      // Counts of whole units / 6: exact up to the last bit of the division.
      EXPECT_LE(in[cs], k * (1 + 1e-12)) << iv << " month " << c;
      EXPECT_GE(free[cs], -1e-12) << iv << " month " << c;
      // Who is in the programme holds a place that month.
      EXPECT_LE(in[cs], k - free[cs] + 1e-9) << iv << " month " << c;
    }
  }
}

// Tallies from simulate() carry the check in place units.
TEST(Capacity, QueueReportUnitsStayWithinCapacity) {
  Scenario s = bare_scenario(24, 0, 32);
  s.inflow.arrivals_per_month = {20, 20, 20, 20, 20, 20};
  s.inflow.simulated_per_arrival = 4;
  s.inflow.where.file = "<test>";
  give_pathway(s, "policy", "p", {step("course", 0, 3)});
  arm_named(s, "policy").capacity = {places_of("course", 12.25)};
  Scenario copy = s;
  const Catalogue c = constant_hazard_catalogue(0.05, 0, 0, 0, 0);
  const CompiledModel m = compile_model(copy, resolve_parameters(c, copy));
  SimulationOptions o;
  o.seed = 5;
  const Tallies t = simulate(m, o);
  ASSERT_EQ(t.queues.size(), 1U);
  EXPECT_EQ(t.queues[0].capacity_units, 49);  // 12.25 places x 4 units
  EXPECT_LE(t.queues[0].most_units_held, t.queues[0].capacity_units);
  EXPECT_EQ(t.queues[0].most_units_held, 49);  // 120 persons ask for 12.25 places
}

// Nobody leaves benefit: N = 23 persons due at month 0 for K = 5 places of D = 4
// months start 5 at a time at months 0, 4, 8, 12, 16 (the last 3), and the queue falls by
// 5 each time.
TEST(Capacity, FullProgrammeStartsKEveryDMonths) {
  const int n = 23, k = 5, d = 4, h = 30;
  Scenario s = bare_scenario(h, n, 33);
  give_pathway(s, "policy", "p", {step("course", 0, d)});
  arm_named(s, "policy").capacity = {places_of("course", k)};
  const Results r = run_in_memory(s, constant_hazard_catalogue(0, 0, 0, 0, 0));
  const std::vector<double> starts = values(calendar_series(r, "policy", "starts_course"));
  const std::vector<double> queued = values(calendar_series(r, "policy", "queued_course"));
  const std::vector<double> in = values(calendar_series(r, "policy", "in_course"));
  int left = n;
  for (int c = 0; c < h; ++c) {
    const std::size_t cs = static_cast<std::size_t>(c);
    const int started = c % d == 0 ? std::min(k, left) : 0;
    left -= started;
    EXPECT_EQ(starts[cs], started) << "month " << c;
    EXPECT_EQ(queued[cs], left) << "month " << c;
    const int holding = c < (n + k - 1) / k * d ? (c / d < n / k ? k : n % k) : 0;
    EXPECT_EQ(in[cs], holding) << "month " << c;
  }
  ASSERT_EQ(r.queues.size(), 1U);
  EXPECT_EQ(r.queues[0].due, n);
  EXPECT_EQ(r.queues[0].started, n);
  // Waits 0, 4, 8, 12 (5 persons each) and 16 (3 persons).
  EXPECT_DOUBLE_EQ(r.queues[0].mean_wait_months, (5.0 * (0 + 4 + 8 + 12) + 3.0 * 16) / n);
}

// First come, first served: 20 caseload persons (female, on the calendar from month 0,
// due at month 0) and 20 arrivals of month 1 (male, due at month 1) compete for 5 places
// of 3 months; the plan ends at month 14. The caseload takes the starts at months 0, 3,
// 6, 9 and finishes every programme; the newcomers get the 5 places of month 12 and only
// two months of programme before the horizon. Reversed, the newcomers would come first.
TEST(Capacity, FirstComeFirstServed) {
  Scenario s = bare_scenario(14, 0, 34);
  s.output.subgroup_dimensions = {Dimension::sex};
  s.inflow.arrivals_per_month = {0, 20};
  s.inflow.simulated_per_arrival = 1;
  s.inflow.where.file = "<test>";
  s.caseload.simulated_per_person = 1;
  for (int i = 0; i < 20; ++i) s.caseload.persons.push_back(caseload_person(i, 0, 0, Sex::female));
  s.caseload.where.file = "<test>";
  give_pathway(s, "policy", "p", {step("course", 0, 3)});
  arm_named(s, "policy").capacity = {places_of("course", 5)};
  const Results r = run_in_memory(s, constant_hazard_catalogue(0, 0, 0, 0, 0));
  const std::vector<double> starts = values(calendar_series(r, "policy", "starts_course"));
  EXPECT_EQ(starts, (std::vector<double>{5, 0, 0, 5, 0, 0, 5, 0, 0, 5, 0, 0, 5, 0}));
  const Estimate female = metric(r, "policy", "female", "programme_months");
  const Estimate male = metric(r, "policy", "male", "programme_months");
  EXPECT_DOUBLE_EQ(female.value, 3.0) << "the caseload, due first, starts first";
  EXPECT_DOUBLE_EQ(male.value, 5.0 * 2.0 / 20.0) << "the newcomers, due a month later, start last";
}

// No places and max_wait_months = 2: a step due in month e is queued in months e, e+1
// and e+2, then skipped; nobody ever starts.
TEST(Capacity, MaxWaitEmptiesTheQueue) {
  const std::vector<std::int64_t> arrivals = {10, 0, 7, 12, 3, 9};
  const int h = 16;
  Scenario s = bare_scenario(h, 0, 35);
  s.inflow.arrivals_per_month = arrivals;
  s.inflow.simulated_per_arrival = 2;
  s.inflow.where.file = "<test>";
  give_pathway(s, "policy", "p", {step("course", 0, 4)});
  arm_named(s, "policy").capacity = {places_of("course", 0, 2)};
  const Results r = run_in_memory(s, constant_hazard_catalogue(0, 0, 0, 0, 0));
  const std::vector<double> queued = values(calendar_series(r, "policy", "queued_course"));
  const std::vector<double> starts = values(calendar_series(r, "policy", "starts_course"));
  const std::vector<double> in = values(calendar_series(r, "policy", "in_course"));
  for (int c = 0; c < h; ++c) {
    const std::size_t cs = static_cast<std::size_t>(c);
    double waiting = 0;
    for (int e = std::max(0, c - 2); e <= c && e < static_cast<int>(arrivals.size()); ++e)
      waiting += static_cast<double>(arrivals[static_cast<std::size_t>(e)]);
    EXPECT_EQ(queued[cs], waiting) << "month " << c;
    EXPECT_EQ(starts[cs], 0.0) << "month " << c;
    EXPECT_EQ(in[cs], 0.0) << "month " << c;
  }
  // Empty from 3 months after the last due month (5), and not before.
  EXPECT_GT(queued[7], 0.0);
  for (int c = 8; c < h; ++c) EXPECT_EQ(queued[static_cast<std::size_t>(c)], 0.0) << "month " << c;
  ASSERT_EQ(r.queues.size(), 1U);
  EXPECT_EQ(r.queues[0].due, 41.0);
  EXPECT_EQ(r.queues[0].started, 0.0);
}

// Every arrival is in one state at the start of each month: with no exit hazard the four
// states add up to the arrivals so far, exactly; with an exit hazard the difference (those
// who left Denmark) never falls.
TEST(Capacity, ArrivalsAreStockPlusExits) {
  for (const double exit : {0.0, 0.01}) {
    Scenario s = bare_scenario(30, 0, 36);
    s.inflow.arrivals_per_month = {15, 30, 0, 22, 18, 40, 5, 12};
    s.inflow.simulated_per_arrival = 3;
    s.inflow.where.file = "<test>";
    s.caseload.simulated_per_person = 2;
    for (int i = 0; i < 25; ++i) s.caseload.persons.push_back(caseload_person(i, 6 + i % 9, 2 + i % 4));
    s.caseload.where.file = "<test>";
    give_pathway(s, "policy", "p", {step("course", 1, 4)});
    arm_named(s, "policy").capacity = {places_of("course", 6)};
    const Results r = run_in_memory(s, constant_hazard_catalogue(0.05, 0.02, exit, 0.03, 0.02));
    for (const std::string arm : {"comparator", "policy"}) {
      const std::vector<double> arrived = values(calendar_series(r, arm, "arrivals"));
      const std::vector<double> b = values(calendar_series(r, arm, "on_benefit"));
      const std::vector<double> e = values(calendar_series(r, arm, "employed"));
      const std::vector<double> ed = values(calendar_series(r, arm, "education"));
      const std::vector<double> off = values(calendar_series(r, arm, "off_benefit"));
      double so_far = 25.0;  // the caseload is there from month 0
      double exited_before = 0.0;
      bool any_exit = false;
      for (int c = 0; c < r.horizon_months; ++c) {
        const std::size_t cs = static_cast<std::size_t>(c);
        so_far += arrived[cs];
        const double stock = b[cs] + e[cs] + ed[cs] + off[cs];
        const double exited = so_far - stock;
        if (exit == 0.0) {
          EXPECT_NEAR(exited, 0.0, 1e-9) << arm << " month " << c;
        } else {
          EXPECT_GE(exited, exited_before - 1e-9) << arm << " month " << c;
          EXPECT_GE(exited, -1e-9) << arm << " month " << c;
        }
        any_exit |= exited > 0.5;
        exited_before = exited;
      }
      EXPECT_EQ(any_exit, exit > 0.0) << arm;
    }
  }
}

}  // namespace
// The per-person accounts and the calendar's are the same money: the summary's net cost
// per person times the real persons equals budget.csv's total, in every arm, also when
// persons are refused a place month after month (a paused run carries its accounts).
TEST(Capacity, PersonAccountsAndBudgetAgreeWhenPersonsWaitRepeatedly) {
  const Catalogue catalogue = read_embedded_catalogue();
  Scenario s = read_scenario_file(source_path("scenarios/municipality_plan.toml"), catalogue);
  s.inflow.simulated_per_arrival = 2;
  s.caseload.simulated_per_person = 2;
  arm_named(s, "company_first").capacity.front().places = 5;  // long queues
  arm_named(s, "company_first").capacity.front().max_wait_months = 12;
  const Results r = run_in_memory(s, catalogue);
  ASSERT_FALSE(r.queues.empty());
  ASSERT_GT(r.queues.front().queued_person_months, 5.0 * r.queues.front().due);  // many wait long
  std::size_t net = 0;
  for (std::size_t k = 0; k < r.metrics.size(); ++k)
    if (r.metrics[k].name == "cost_municipal_net_dkk") net = k;
  constexpr auto k_net = static_cast<std::size_t>(BudgetMeasure::municipal_net_cost);
  for (const BudgetRow& b : r.budget) {
    if (b.year >= 0) continue;
    const SummaryRow* row = nullptr;
    for (const SummaryRow& sr : r.summary)
      if (sr.arm == b.arm && sr.subgroup == 0) row = &sr;
    ASSERT_NE(row, nullptr);
    const double per_person = row->metrics[net].value * r.real_persons;
    EXPECT_NEAR(b.totals[k_net].value, per_person, 1e-9 * std::abs(per_person))
        << r.arms[static_cast<std::size_t>(b.arm)].name;
  }
}

}  // namespace integrasim::testing
