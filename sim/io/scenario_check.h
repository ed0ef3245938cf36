// `integrasim check`: the scenario fully resolved, in words. Every table and every key of
// the scenario format (io/scenario_keys.h) is printed with the value in force and where
// it came from: the scenario file's line, the built-in default, or the catalogue row
// (status and source); then every parameter value in force with its catalogue row.
#pragma once

#include <map>
#include <string>
#include <string_view>

#include "core/compiled_model.h"
#include "core/scenario.h"

namespace integrasim {

// Where each key of a scenario file is written, by its path: "scenario.seed",
// "pathway.1.step.2.coverage", "arm.2.assign.1.who", "population.sex.male",
// "uncertainty.vary.<id>.low", "overrides.<id>". Arrays of tables are numbered from 1, as
// in messages.
using ScenarioKeyPositions = std::map<std::string, SourcePosition>;

// The positions of the keys in scenario text (an InputError if it is not valid TOML).
ScenarioKeyPositions scenario_key_positions(std::string_view text, const std::string& display_name);

std::string resolved_scenario_text(const Scenario& scenario, const Parameters& parameters,
                                   const ScenarioKeyPositions& positions);

}  // namespace integrasim
