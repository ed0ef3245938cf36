// A scenario file and the catalogue it is read against, with the hashes of every input
// for the manifest: what run, check and batch load first.
#pragma once

#include <string>
#include <vector>

#include "core/catalogue.h"
#include "core/scenario.h"
#include "io/manifest.h"

namespace integrasim::cli {

inline constexpr const char* k_builtin_scenario = "<built-in default.toml>";

struct LoadedInputs {
  Catalogue catalogue;
  Scenario scenario;
  std::vector<FileHash> hashes;  // the scenario, its caseload file, the catalogue files
  std::string text;              // the scenario file's text (e.g. for [sweep])
  std::string display_name;      // the scenario path as given, or k_builtin_scenario
};

// `scenario_path` empty = the built-in default scenario; `catalogue_dir` empty = the
// built-in catalogue.
LoadedInputs load_inputs(const std::string& scenario_path, const std::string& catalogue_dir);

}  // namespace integrasim::cli
