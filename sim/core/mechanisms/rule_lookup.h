// Looking up the catalogue's rules (rules.csv) for a mechanism's compile step.
#pragma once

#include <string>
#include <string_view>

#include "core/catalogue.h"
#include "core/scenario.h"

namespace integrasim {

// Whether some compile step reads rule `id`; the single list of the rules the model uses.
bool model_reads_rule(std::string_view id);

// The rule with `id`, or null; InternalError if `id` is not one model_reads_rule knows.
const RuleRow* find_rule(const Catalogue& cat, std::string_view id);

// A rule's value; InputError naming `why` if it is missing but needed; `fallback` if it
// is missing and not needed.
double rule_value(const Scenario& s, const Catalogue& cat, std::string_view id, bool needed,
                  std::string_view why, double fallback);

}  // namespace integrasim
