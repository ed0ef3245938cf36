// `integrasim check`: the scenario fully resolved, in words: every pathway step and
// every parameter value in force with the catalogue row (source) it came from.
#pragma once

#include <string>

#include "core/compiled_model.h"
#include "core/scenario.h"

namespace integrasim {

std::string resolved_scenario_text(const Scenario& scenario, const Parameters& parameters);

}  // namespace integrasim
