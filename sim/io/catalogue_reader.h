// Evidence catalogue CSV files (scenarios/evidence/*.csv) -> Catalogue, with
// fast-cpp-csv-parser. Errors name file, line, column name and value.
#pragma once

#include <string>

#include "core/catalogue.h"

namespace integrasim {

// Reads every catalogue file from a directory (scenarios/evidence).
Catalogue read_catalogue_dir(const std::string& dir);

// The catalogue compiled into the binary.
Catalogue read_embedded_catalogue();

// The text of the built-in default scenario.
std::string_view embedded_default_scenario();

}  // namespace integrasim
