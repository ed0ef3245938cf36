#include "core/calendar.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <string>

#include "core/limits.h"

namespace integrasim {

CalendarLayout layout_calendar(const Scenario& s) {
  CalendarLayout c;
  c.horizon = s.horizon_months;
  c.active = s.inflow.active() || s.caseload.active();
  c.clock_months = s.horizon_months;
  c.planner = c.active || s.population.represents > 0.0 ||
              std::any_of(s.arms.begin(), s.arms.end(), [](const Arm& a) { return !a.capacity.empty(); });
  if (!c.active) {
    c.persons = s.persons;
    c.real_persons = s.population.represents > 0.0 ? s.population.represents : static_cast<double>(s.persons);
    c.cohort_weight = c.real_persons / static_cast<double>(s.persons);
    c.persons_per_real_ = 1.0 / c.cohort_weight;
    return c;
  }
  c.caseload = s.caseload.persons;
  c.caseload_replicas = s.caseload.simulated_per_person;
  c.caseload_persons = static_cast<std::int64_t>(c.caseload.size()) * c.caseload_replicas;
  for (const CaseloadPerson& p : c.caseload)
    c.clock_months = std::max(c.clock_months, p.months_since_arrival + s.horizon_months);
  c.arrival_replicas = s.inflow.simulated_per_arrival;
  c.arrival_first.push_back(c.caseload_persons);
  double arrivals = 0.0;
  for (const std::int64_t a : s.inflow.arrivals_per_month) {
    arrivals += static_cast<double>(a);
    // Checked per month so that the product below cannot overflow.
    if (static_cast<double>(c.arrival_first.back()) +
            static_cast<double>(a) * static_cast<double>(c.arrival_replicas) >
        static_cast<double>(k_max_persons))
      break;
    c.arrival_first.push_back(c.arrival_first.back() + a * c.arrival_replicas);
  }
  if (c.arrival_first.size() != s.inflow.arrivals_per_month.size() + 1 ||
      c.arrival_first.back() > k_max_persons)
    // The count itself (at most 600 months x 10^6 arrivals x 10^4 replicas plus the
    // caseload's: far inside 64 bits), not "more than" the limit.
    fail_input(
        s.inflow.where.file.empty() ? s.caseload.where : s.inflow.where, "simulated persons",
        std::to_string(std::accumulate(
            s.inflow.arrivals_per_month.begin(), s.inflow.arrivals_per_month.end(), c.caseload_persons,
            [&](std::int64_t sum, std::int64_t a) { return sum + a * c.arrival_replicas; })),
        "at most " + std::to_string(k_max_persons) +
            " (caseload rows x simulated_per_person + arrivals x simulated_per_arrival; docs/model.md §7)");
  c.persons = c.arrival_first.back();
  c.real_persons = static_cast<double>(c.caseload.size()) + arrivals;
  c.persons_per_real_ = static_cast<double>(c.persons) / c.real_persons;
  c.uniform_weights = c.caseload.empty() || !s.inflow.active() || c.caseload_replicas == c.arrival_replicas;
  c.units_per_real_ = c.caseload.empty()   ? c.arrival_replicas
                      : !s.inflow.active() ? c.caseload_replicas
                                           : std::lcm(c.caseload_replicas, c.arrival_replicas);
  return c;
}

PersonWindow CalendarLayout::window_of(std::int64_t person) const {
  PersonWindow w;
  if (!active) {
    w.end = horizon;
    w.weight = cohort_weight;
    return w;
  }
  if (person < caseload_persons) {
    const std::size_t row = static_cast<std::size_t>(person / caseload_replicas);
    const CaseloadPerson& p = caseload[row];
    w.caseload_row = static_cast<int>(row);
    w.offset = -p.months_since_arrival;
    w.begin = p.months_since_arrival;
    w.end = p.months_since_arrival + horizon;
    w.spell_start = p.months_since_arrival - p.months_on_benefit;
    w.weight = 1.0 / static_cast<double>(caseload_replicas);
    return w;
  }
  // The arrival month: the last e with arrival_first[e] <= person.
  const auto it = std::upper_bound(arrival_first.begin(), arrival_first.end(), person);
  const int month = static_cast<int>(it - arrival_first.begin()) - 1;
  w.offset = month;
  w.end = horizon - month;
  w.weight = 1.0 / static_cast<double>(arrival_replicas);
  return w;
}

std::int64_t CalendarLayout::place_units(const PersonWindow& w) const {
  if (!active) return 1;
  return units_per_real_ / (w.caseload_row >= 0 ? caseload_replicas : arrival_replicas);
}

std::int64_t CalendarLayout::capacity_units(double places) const {
  // A hair of tolerance so that 30 places x 20 replicas is 600 units, not 599.
  return static_cast<std::int64_t>(std::floor(places * units_per_real() + 1e-9));
}

}  // namespace integrasim
