#include "analysis/calendar_summary.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

namespace integrasim {
namespace {

constexpr double k_nan = std::numeric_limits<double>::quiet_NaN();

// Who is on the calendar in each month: simulated persons and their place units.
struct Presence {
  std::vector<double> persons;   // simulated persons arrived by calendar month c
  std::vector<double> units;     // their place units
  std::vector<double> arrivals;  // real persons arriving in calendar month c
};

Presence presence_of(const CompiledModel& m) {
  const CalendarLayout& cal = m.calendar;
  const std::size_t h = static_cast<std::size_t>(m.horizon_months);
  Presence p{std::vector<double>(h, 0.0), std::vector<double>(h, 0.0), std::vector<double>(h, 0.0)};
  if (!cal.active) {  // a cohort: everyone from month 0
    std::fill(p.persons.begin(), p.persons.end(), static_cast<double>(cal.persons));
    std::fill(p.units.begin(), p.units.end(), static_cast<double>(cal.persons));
    p.arrivals[0] = cal.real_persons;
    return p;
  }
  const double caseload_units =
      cal.caseload_persons > 0 ? static_cast<double>(cal.place_units(cal.window_of(0))) : 0.0;
  const double arrival_units = cal.persons > cal.caseload_persons
                                   ? static_cast<double>(cal.place_units(cal.window_of(cal.caseload_persons)))
                                   : 0.0;
  for (std::size_t c = 0; c < h; ++c) {
    const std::size_t e = std::min(c + 1, cal.arrival_first.size() - 1);
    const double arrived = static_cast<double>(cal.arrival_first[e] - cal.caseload_persons);
    p.persons[c] = static_cast<double>(cal.caseload_persons) + arrived;
    p.units[c] = static_cast<double>(cal.caseload_persons) * caseload_units + arrived * arrival_units;
    if (c + 1 < cal.arrival_first.size())
      p.arrivals[c] = static_cast<double>(cal.arrival_first[c + 1] - cal.arrival_first[c]) /
                      static_cast<double>(cal.arrival_replicas);
  }
  return p;
}

// A count of place units in one month as real persons, with the binomial standard error
// of a count among the persons present (exact with equal weights; with unequal weights
// it uses their mean, an approximation).
Estimate real_persons(double units, double present_units, double present_persons, double units_per_real) {
  if (present_units <= 0.0) return {0.0, 0.0};
  const double mean_units = present_units / present_persons;
  const double variance = std::max(0.0, units * mean_units * (1.0 - units / present_units));
  return {units / units_per_real, std::sqrt(variance) / units_per_real};
}

}  // namespace

void add_calendar(const CompiledModel& m, const Tallies& t, Results& out) {
  out.planner = m.calendar.planner;
  if (!out.planner) return;
  out.real_persons = m.calendar.real_persons;
  const TallyLayout& l = t.layout;
  const Presence presence = presence_of(m);
  const double upr = m.calendar.units_per_real();
  const int h = m.horizon_months;
  static constexpr std::pair<State, const char*> k_states[] = {{State::benefit, "on_benefit"},
                                                               {State::employed, "employed"},
                                                               {State::education, "education"},
                                                               {State::off_benefit, "off_benefit"}};
  for (int arm = 0; arm < l.monthly_slots; ++arm) {
    // The monthly table by calendar month, over all report cells.
    const auto level = [&](int series) {
      std::vector<double> v(static_cast<std::size_t>(l.months), 0.0);
      std::int64_t running = 0;
      for (int month = 0; month < l.months; ++month) {
        for (int c = 0; c < l.groups; ++c) running += t.monthly_diff[l.monthly(arm, c, series, month)];
        v[static_cast<std::size_t>(month)] = static_cast<double>(running);
      }
      return v;
    };
    for (int c = 0; c < h; ++c)
      out.calendar.push_back({arm, c, "arrivals", {presence.arrivals[static_cast<std::size_t>(c)], 0.0}});
    for (const auto& [state, name] : k_states) {
      const std::vector<double> v = level(static_cast<int>(state));
      // The state at the start of calendar month c (the table's entry c).
      for (int c = 0; c < h; ++c) {
        const std::size_t cs = static_cast<std::size_t>(c);
        out.calendar.push_back(
            {arm, c, name, real_persons(v[cs], presence.units[cs], presence.persons[cs], upr)});
      }
    }
    for (std::size_t i = 0; i < m.interventions.size(); ++i) {
      const std::vector<double> v = level(programme_series(static_cast<int>(i)));
      const std::string name = "in_" + m.interventions[i].id;
      // Participation during calendar month c is the table's entry c + 1.
      for (int c = 0; c < h; ++c) {
        const std::size_t cs = static_cast<std::size_t>(c);
        out.calendar.push_back(
            {arm, c, name, real_persons(v[cs + 1], presence.units[cs], presence.persons[cs], upr)});
      }
    }
    // DKK by calendar month; the standard error of a total over the persons present.
    for (int measure = 0; measure < (l.money_months > 0 ? k_money_measure_count : 0); ++measure) {
      const std::string name = measure == k_money_net
                                   ? std::string("municipal_net_dkk")
                                   : std::string(name_of(static_cast<CostMeasure>(measure)));
      for (int c = 0; c < h; ++c) {
        const double* s = t.calendar_money.data() + l.calendar_money(arm, measure, c);
        const double n = presence.persons[static_cast<std::size_t>(c)];
        const double variance = n > 0.0 ? std::max(0.0, s[1] - s[0] * s[0] / n) : 0.0;
        out.calendar.push_back({arm, c, name, {s[0], std::sqrt(variance)}});
      }
    }
    for (const QueueReport& q : t.queues) {
      if (q.arm != arm) continue;
      const std::string& id = m.interventions[static_cast<std::size_t>(q.intervention)].id;
      // One simulated world decides the queue: no standard error of its own.
      const std::pair<const char*, const std::vector<double>*> series[] = {
          {"queued_", &q.queued}, {"starts_", &q.starts}, {"places_free_", &q.places_free}};
      for (const auto& [prefix, values] : series)
        for (int c = 0; c < h; ++c)
          out.calendar.push_back({arm, c, prefix + id, {(*values)[static_cast<std::size_t>(c)], k_nan}});
      QueueRow row;
      row.arm = arm;
      row.intervention = id;
      row.places = q.places;
      row.due = q.due;
      row.started = q.started;
      row.mean_wait_months = q.started > 0.0 ? q.wait_months / q.started : k_nan;
      row.most_in_places = static_cast<double>(q.most_units_held) / upr;
      for (const double v : q.queued) row.queued_person_months += v;
      out.queues.push_back(row);
    }
  }
}

}  // namespace integrasim
