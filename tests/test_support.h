// Small helpers shared by every test tier.
#pragma once

#include <string>

#include "core/catalogue.h"
#include "core/scenario.h"

namespace integrasim::testing {

// Absolute path of a file in the source tree, e.g. source_path("scenarios/default.toml").
std::string source_path(const std::string& relative);

// Path of the built `integrasim` executable.
std::string integrasim_binary();

// A fresh, empty temporary directory (removed by the OS's tmp cleaning, not by us).
std::string make_temp_dir(const std::string& tag);

// A minimal catalogue built in memory: constant baseline hazards (employed 0.02,
// education 0.005, exit 0.002 per month for everyone), job loss 0.01 per month,
// education drop-out 0.01 per month, no covariates, and two interventions:
// "course" (full time, lock-in HR 0.5, post HR 1.5, anticipation HR 1.2 over 2 months)
// and "language" (part time, lock-in HR 0.9, Danish gain 0.1 per month).
Catalogue tiny_catalogue();

// A value with only an id, a number and a placeholder source.
CatalogueValue test_value(const std::string& id, double value);

}  // namespace integrasim::testing
