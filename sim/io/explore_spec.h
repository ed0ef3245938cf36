// Explorer spec files (docs/explorer.md) -> a validated ExploreSpec with its base
// scenario read. Every problem is an InputError naming file:line:col.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "analysis/explorer.h"
#include "core/catalogue.h"
#include "io/manifest.h"

namespace integrasim {

struct LoadedExploreSpec {
  ExploreSpec spec;
  std::vector<FileHash> inputs;  // the spec file, then the base scenario
};

// Parses spec text. `display_name` names the file in messages; the base scenario path is
// resolved against `base_dir`.
LoadedExploreSpec parse_explore_spec(std::string_view text, const std::string& display_name,
                                     const std::string& base_dir, const Catalogue& catalogue);

// Reads and parses a spec file; relative paths are resolved against its folder.
LoadedExploreSpec read_explore_spec(const std::string& path, const Catalogue& catalogue);

}  // namespace integrasim
