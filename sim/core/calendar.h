// The plan's shared calendar (docs/model.md §7): where each simulated person sits on it.
//
// A synthetic cohort enters at calendar month 0 and is followed for H months, as before
// the calendar existed. With [inflow] or [caseload] the horizon H is the plan's calendar:
// months 0..H-1 for everyone. A newcomer arriving in month e is followed from entry for
// H - e months; a person of the caseload is followed from the middle of their history
// (their since-entry clock reads months_since_arrival at calendar month 0) for H months.
// Persons are numbered caseload replicas first, then arrivals in calendar order, so a
// person's index, and with it every random draw, does not depend on the arm.
#pragma once

#include <cstdint>
#include <vector>

#include "core/caseload.h"
#include "core/scenario.h"

namespace integrasim {

// One simulated person's place on the calendar. Times are months since the person's
// entry to Denmark (the since-entry clock); calendar month = since-entry month + offset.
struct PersonWindow {
  int offset = 0;         // calendar month minus since-entry month (caseload: negative)
  int begin = 0;          // since-entry month at which follow-up starts
  int end = 0;            // since-entry month at which follow-up ends (calendar month H)
  int spell_start = 0;    // since-entry month the benefit spell at `begin` began (<= begin)
  double weight = 1.0;    // real persons this simulated person stands for
  int caseload_row = -1;  // row of the caseload file, -1 for a newcomer or cohort member
  int followed() const { return end - begin; }  // months of follow-up
};

struct CalendarLayout {
  bool active = false;  // inflow or caseload: persons sit on a shared calendar
  int horizon = 0;      // H, months
  std::int64_t persons = 0;
  std::int64_t caseload_persons = 0;  // persons [0, caseload_persons) replicate caseload rows
  std::int64_t caseload_replicas = 1;
  // Persons arriving in calendar month e are [arrival_first[e], arrival_first[e + 1]).
  std::vector<std::int64_t> arrival_first;
  std::int64_t arrival_replicas = 1;
  double cohort_weight = 1.0;  // real persons per simulated member of a synthetic cohort
  std::vector<CaseloadPerson> caseload;
  int clock_months = 0;         // the largest since-entry month any person reaches
  double real_persons = 0.0;    // real persons the run stands for
  bool uniform_weights = true;  // every person has the same weight
  // The run writes the planner's outputs (calendar.csv, budget.csv, queues.csv): persons
  // on the shared calendar, limited places, or a cohort that says whom it represents.
  bool planner = false;

  PersonWindow window_of(std::int64_t person) const;
  // Weight of `person` relative to the mean weight (1 with uniform weights).
  double relative_weight(const PersonWindow& w) const { return w.weight * persons_per_real_; }

  // Limited places are counted in whole place units, so that persons who stand for
  // different numbers of real persons fill them exactly: a person takes
  // place_units(window) units, and `places` real places hold capacity_units(places).
  std::int64_t place_units(const PersonWindow& w) const;
  std::int64_t capacity_units(double places) const;
  double units_per_real() const { return active ? static_cast<double>(units_per_real_) : persons_per_real_; }

 private:
  friend CalendarLayout layout_calendar(const Scenario& s);
  double persons_per_real_ = 1.0;
  std::int64_t units_per_real_ = 1;  // calendar: place units per real person
};

// The calendar of a scenario; InputError if it would simulate more than k_max_persons.
CalendarLayout layout_calendar(const Scenario& s);

}  // namespace integrasim
