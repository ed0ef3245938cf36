#include "io/parameter_sources_table.h"

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

namespace integrasim {

namespace {

struct ValueWithUnit {
  const CatalogueValue* value = nullptr;
  std::string unit;
};

// The catalogue's values in the order of Catalogue::all_values(), each with the unit its
// file gives it (only rules.csv has a unit column; the other files' values have one unit
// per column, docs/model.md §3-§5).
std::vector<ValueWithUnit> values_with_units(const Catalogue& c) {
  std::vector<ValueWithUnit> out;
  for (const auto& r : c.baselines) out.push_back({&r.hazard, "hazard per month"});
  for (const auto& r : c.return_hazards) out.push_back({&r.hazard, "hazard per month"});
  for (const auto& r : c.covariates)
    out.push_back({&r.hazard_ratio, r.per_danish_level ? "hazard ratio per Danish level" : "hazard ratio"});
  for (const auto& t : c.interventions) {
    out.push_back({&t.default_duration, "months"});
    out.push_back({&t.anticipation_months, "months"});
    out.push_back({&t.full_dose_months, "months"});
    out.push_back({&t.post_half_life, "months"});
    out.push_back({&t.cost_per_month, "DKK per participant-month"});
    out.push_back({&t.danish_gain_per_month, "Danish levels per month"});
    out.push_back({&t.effect_until_spell_month, "months"});
  }
  for (const auto& r : c.effects) out.push_back({&r.hazard_ratio, "hazard ratio"});
  for (const auto& r : c.interactions) out.push_back({&r.hazard_ratio, "hazard ratio"});
  for (const auto& r : c.rules) out.push_back({&r.value, r.unit});
  return out;
}

}  // namespace

Table parameter_sources_table(const Parameters& parameters) {
  Table table({{"id"},
               {"value"},
               {"unit"},
               {"ci_low"},
               {"ci_high"},
               {"distribution"},
               {"status"},
               {"source"},
               {"file"},
               {"line"},
               {"note"}});
  for (const ValueWithUnit& entry : values_with_units(parameters.values)) {
    const CatalogueValue& v = *entry.value;
    const bool overridden = std::find(parameters.overridden.begin(), parameters.overridden.end(), v.id) !=
                            parameters.overridden.end();
    table.add_text(v.id);
    table.add_number(v.value);
    table.add_text(entry.unit);
    if (v.has_interval) {
      table.add_number(v.ci_low);
      table.add_number(v.ci_high);
    } else {
      table.add_empty();
      table.add_empty();
    }
    table.add_text(name_of(v.distribution));
    table.add_text(overridden ? std::string_view("override") : name_of(v.status));
    table.add_text(v.source);
    table.add_text(v.file);
    table.add_integer(v.line);
    table.add_text(v.note);
    table.end_row();
  }
  return table;
}

}  // namespace integrasim
