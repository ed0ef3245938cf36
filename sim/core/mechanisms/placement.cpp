#include "core/mechanisms/placement.h"

#include "core/mechanisms/rule_lookup.h"

namespace integrasim {

void compile_placement(const Scenario& s, const Catalogue& cat, PlacementRule& rule) {
  rule.company_collaboration = s.municipality.company_collaboration;
  const bool has_rules = find_rule(cat, "placement.success_at_level_0") != nullptr ||
                         find_rule(cat, "placement.success_per_level") != nullptr;
  if (!has_rules) return;
  const char* why = "the catalogue gives one placement rule";
  rule.active = true;
  rule.at_level_0 = rule_value(s, cat, "placement.success_at_level_0", true, why, 1.0);
  rule.per_level = rule_value(s, cat, "placement.success_per_level", true, why, 0.0);
}

}  // namespace integrasim
