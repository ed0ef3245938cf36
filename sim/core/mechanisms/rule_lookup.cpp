#include "core/mechanisms/rule_lookup.h"

#include <cmath>

#include "core/compiled_model.h"
#include "core/diagnostics.h"

namespace integrasim {
namespace {

std::string where_of(const CatalogueValue& v) {
  return v.file + ":" + std::to_string(v.line) + ": ";
}

}  // namespace

const RuleRow* find_rule(const Catalogue& cat, std::string_view id) {
  for (const auto& r : cat.rules)
    if (r.value.id == id) return &r;
  return nullptr;
}

double rule_value(const Scenario& s, const Catalogue& cat, std::string_view id, bool needed,
                  std::string_view why, double fallback) {
  const RuleRow* rule = find_rule(cat, id);
  if (rule == nullptr && needed)
    fail_input_message(
        s.where, std::string(why) + ", but the catalogue has no rule '" + std::string(id) + "' (rules.csv)");
  if (rule == nullptr) return fallback;
  if (!std::isfinite(rule->value.value))
    throw InputError(where_of(rule->value) + "'" + rule->value.id + "' must be a finite number");
  return rule->value.value;
}

}  // namespace integrasim
