// Looking up the catalogue's rules (rules.csv) for a mechanism's compile step.
#pragma once

#include <string>
#include <string_view>

#include "core/catalogue.h"
#include "core/scenario.h"

namespace integrasim {

const RuleRow* find_rule(const Catalogue& cat, std::string_view id);

// A rule's value; InputError naming `why` if it is missing but needed; `fallback` if it
// is missing and not needed.
double rule_value(const Scenario& s, const Catalogue& cat, std::string_view id, bool needed,
                  std::string_view why, double fallback);

}  // namespace integrasim
