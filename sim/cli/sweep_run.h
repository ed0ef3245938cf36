// `integrasim run` of a scenario with [sweep] (docs/sweep.md): every point on one seed,
// written as sweep.csv and manifest.json.
#pragma once

#include <string>

#include "analysis/sweep.h"
#include "cli/commands.h"
#include "cli/scenario_inputs.h"

namespace integrasim::cli {

// `in` has the command line's --seed and --persons applied already.
int run_sweep_command(const RunOptions& options, const LoadedInputs& in, const SweepSpec& sweep,
                      const std::string& folder);

}  // namespace integrasim::cli
