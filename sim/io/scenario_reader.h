// TOML scenario files -> validated Scenario values (README "Scenario file reference").
// Unknown keys, wrong types, out-of-range values, NaN/inf and references to unknown
// pathways, interventions or catalogue ids are InputErrors naming file:line:col.
#pragma once

#include <string>
#include <string_view>

#include "core/catalogue.h"
#include "core/scenario.h"
#include "io/text_file.h"  // read_text_file, for the readers that include this header

namespace integrasim {

// Parses scenario text. `display_name` is used in messages (a path, or
// "<built-in default.toml>"). The catalogue is needed to check intervention ids and
// override ids.
Scenario parse_scenario(std::string_view text, const std::string& display_name, const Catalogue& catalogue);

// Reads and parses a file; a missing or unreadable file is an InputError.
Scenario read_scenario_file(const std::string& path, const Catalogue& catalogue);

}  // namespace integrasim
