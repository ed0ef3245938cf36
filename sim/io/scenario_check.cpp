#include "io/scenario_check.h"

#include <algorithm>

#include "core/diagnostics.h"

namespace integrasim {
namespace {

std::string_view rule_name(CombinationRule r) {
  switch (r) {
    case CombinationRule::multiplicative:
      return "multiplicative";
    case CombinationRule::strongest:
      return "strongest";
    case CombinationRule::diminishing:
      return "diminishing";
  }
  return "?";
}

std::string shares_text(const PopulationSpec& p, Dimension d) {
  std::string out;
  const auto& shares = p.shares[static_cast<std::size_t>(d)].share;
  for (std::size_t l = 0; l < shares.size(); ++l) {
    if (!out.empty()) out += ", ";
    out += std::string(level_name(d, static_cast<int>(l))) + " " + format_value(shares[l]);
  }
  return out;
}

std::string step_text(const PathwayStep& s) {
  std::string out = s.intervention + " on track '" + s.track + "': ";
  out += s.relative_to_previous
             ? std::to_string(s.start_month) + " months after the previous step on the track"
             : "from month " + std::to_string(s.start_month) + " of the spell";
  out += ", " + std::to_string(s.duration_months) + " months";
  out += ", coverage " + format_value(s.coverage);
  if (!s.eligible.is_all()) out += ", only " + s.eligible.to_string();
  if (s.min_danish_level > 0) out += ", needs Danish level >= " + format_value(s.min_danish_level);
  if (s.dose != 1.0) out += ", dose " + format_value(s.dose);
  return out;
}

std::string value_line(const CatalogueValue& v, const std::vector<std::string>& overridden) {
  const bool is_override = std::find(overridden.begin(), overridden.end(), v.id) != overridden.end();
  std::string out = "  " + v.id + " = " + format_value(v.value);
  if (v.has_interval) out += " [" + format_value(v.ci_low) + ", " + format_value(v.ci_high) + "]";
  out += "  (" + std::string(is_override ? "override" : name_of(v.status)) + "; source " + v.source;
  if (!is_override) out += "; " + v.file + ":" + std::to_string(v.line);
  return out + ")\n";
}

}  // namespace

std::string resolved_scenario_text(const Scenario& s, const Parameters& p) {
  std::string out;
  out += "scenario '" + s.name + "'" + (s.description.empty() ? "" : ": " + s.description) + "\n";
  out += "  horizon " + std::to_string(s.horizon_months) + " months, " + std::to_string(s.persons) +
         " persons, seed " + std::to_string(s.seed) + "\n";
  out += std::string("  duration clock ") +
         (s.duration_clock == DurationClock::since_entry ? "since_entry" : "since_spell_start") +
         ", combination rule " + std::string(rule_name(s.combination_rule));
  if (s.combination_rule == CombinationRule::diminishing)
    out += " (alpha " + format_value(s.combination_alpha) + ")";
  out += "\n\npopulation\n";
  for (int d = 0; d < k_dimension_count; ++d)
    out += "  " + std::string(name_of(static_cast<Dimension>(d))) + ": " +
           shares_text(s.population, static_cast<Dimension>(d)) + "\n";
  out += "  danish level at entry:";
  for (std::size_t i = 0; i < s.population.danish_level_values.size(); ++i)
    out.append(" ")
        .append(format_value(s.population.danish_level_values[i]))
        .append(" (share ")
        .append(format_value(s.population.danish_level_shares[i]))
        .append(")");
  out += "\n  frailty variance " + format_value(s.frailty.variance) + ", on:";
  for (int j = 0; j < k_destination_count; ++j)
    if (s.frailty.applies_to[static_cast<std::size_t>(j)])
      out += " " + std::string(name_of(static_cast<Destination>(j)));
  out += "\n\npathways\n";
  for (const auto& pw : s.pathways) {
    out += "  " + pw.name + "\n";
    for (std::size_t i = 0; i < pw.steps.size(); ++i)
      out += "    step " + std::to_string(i + 1) + ": " + step_text(pw.steps[i]) + "\n";
  }
  out += "\narms\n";
  for (const auto& arm : s.arms) {
    const std::string_view role = arm.role == ArmRole::comparator ? "comparator"
                                  : arm.role == ArmRole::policy   ? "policy"
                                                                  : "other";
    out.append("  ").append(arm.name).append(" (").append(role).append(")\n");
    for (const auto& rule : arm.assignments)
      out += "    " + rule.who.to_string() + " -> " + (rule.pathway.empty() ? "no programme" : rule.pathway) +
             "\n";
    if (!arm.reentry_pathway.empty()) out += "    returners -> " + arm.reentry_pathway + "\n";
  }
  out += "\nparameters (value [95% interval] (status; source; file:line))\n";
  for (const CatalogueValue* v : p.values.all_values()) out += value_line(*v, p.overridden);
  return out;
}

}  // namespace integrasim
