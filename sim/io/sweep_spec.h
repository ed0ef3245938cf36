// The [sweep] table of a scenario file (docs/sweep.md) -> a validated SweepSpec. Read
// apart from the rest of the scenario, from the same text, after parse_scenario has
// accepted it: targets are checked against the parsed scenario and the catalogue, and
// every bad target or value is an InputError at its file:line:column.
#pragma once

#include <string>
#include <string_view>

#include "analysis/sweep.h"
#include "core/catalogue.h"
#include "core/scenario.h"

namespace integrasim {

// Most values in one sweep dimension, and most points of a two-dimensional grid: every
// point is a full run, so 1,000 points already take a thousand times one run.
inline constexpr int k_max_sweep_values = 200;
inline constexpr int k_max_sweep_points = 1000;

// Reads [sweep] of `text` (the file `scenario` was parsed from); no [sweep] = inactive.
SweepSpec parse_sweep(std::string_view text, const std::string& display_name, const Scenario& scenario,
                      const Catalogue& catalogue);

// What `check` prints for [sweep]: each target with its values, and the points.
std::string sweep_text(const SweepSpec& spec);

}  // namespace integrasim
