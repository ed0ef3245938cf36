// The validation registry on disk (scenarios/validation/): targets.csv plus the reference
// scenarios it names, and the two ways a validation report leaves the program: a table
// for the console and validation.csv.
#pragma once

#include <string>

#include "analysis/validation.h"
#include "core/catalogue.h"
#include "io/csv_writer.h"

namespace integrasim {

// `dir`/targets.csv. A missing folder or file is an InputError that suggests --registry.
std::vector<Target> read_registry(const std::string& dir);

// The path of the reference scenario `target` names: `dir`/<target.scenario>. It must lie
// inside `dir` once symlinks and ".." are resolved (a registry is shared, and must not
// make a run read files elsewhere); otherwise an InputError at the target's
// file:line:col. Whether the file exists is left to the caller.
std::string registry_scenario_path(const std::string& dir, const Target& target);

// Loads `dir`/<target.scenario> with the catalogue; a missing file is an InputError at
// the target's line of targets.csv.
ScenarioLoader registry_scenario_loader(const std::string& dir, const Catalogue& catalogue);

// The console table: target, source, published ± tolerance, simulated ± SE, residual,
// within tolerance, in-/out-of-sample; then a count and the runs.
std::string validation_table(const ValidationReport& report);

// validation.csv: one row per target with everything the table shows and the target's
// definition.
std::string validation_csv(const ValidationReport& report, CsvDialect dialect);

}  // namespace integrasim
