// Helpers shared by the unit tests of the core (tests/core only).
#pragma once

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "core/catalogue.h"
#include "core/model_types.h"
#include "piecewise_exponential.h"

namespace integrasim::testing {

// Adds an intervention `id` to the catalogue: a copy of `course` (full time, no
// anticipation, full dose after `full_dose_months`) with no effect rows of its own.
inline void add_intervention(Catalogue& c, const std::string& id, double full_dose_months) {
  InterventionType t = *c.find_intervention("course");
  const auto renamed = [&](CatalogueValue v) {
    v.id = id + v.id.substr(v.id.find('.'));
    return v;
  };
  t.id = id;
  t.label = id;
  t.default_duration = renamed(t.default_duration);
  t.anticipation_months = renamed(t.anticipation_months);
  t.anticipation_months.value = 0;
  t.full_dose_months = renamed(t.full_dose_months);
  t.full_dose_months.value = full_dose_months;
  t.post_half_life = renamed(t.post_half_life);
  t.cost_per_month = renamed(t.cost_per_month);
  t.danish_gain_per_month = renamed(t.danish_gain_per_month);
  t.danish_gain_per_month.value = 0;
  c.interventions.push_back(t);
}

// A subgroup selector from its text ("female & refugee"); a bad one is a bug in the test.
inline Selector sel(const std::string& text) {
  std::string error;
  const auto s = parse_selector(text, error);
  if (!s) throw std::runtime_error(error);
  return *s;
}

}  // namespace integrasim::testing
