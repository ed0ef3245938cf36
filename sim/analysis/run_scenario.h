// One call from a validated scenario and catalogue to finished results: resolve the
// parameters, compile, simulate, summarise.
#pragma once

#include "core/catalogue.h"
#include "core/compiled_model.h"
#include "core/engine.h"
#include "core/results.h"
#include "core/scenario.h"

namespace integrasim {

struct RunOutcome {
  Parameters parameters;
  CompiledModel model;
  Results results;
  double wall_seconds = 0.0;  // simulation and summary only
};

RunOutcome run_scenario(const Scenario& scenario, const Catalogue& catalogue,
                        const SimulationOptions& options);

// The same with the parameters given (e.g. one parameter draw, re-run alone).
RunOutcome run_with_parameters(const Scenario& scenario, Parameters parameters,
                               const SimulationOptions& options);

}  // namespace integrasim
