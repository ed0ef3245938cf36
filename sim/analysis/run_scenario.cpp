#include "analysis/run_scenario.h"

#include <chrono>

#include "analysis/summarise.h"

namespace integrasim {

RunOutcome run_scenario(const Scenario& scenario, const Catalogue& catalogue,
                        const SimulationOptions& options) {
  return run_with_parameters(scenario, resolve_parameters(catalogue, scenario), options);
}

RunOutcome run_with_parameters(const Scenario& scenario, Parameters parameters,
                               const SimulationOptions& options) {
  RunOutcome out;
  out.parameters = std::move(parameters);
  out.model = compile_model(scenario, out.parameters);
  const auto start = std::chrono::steady_clock::now();
  const Tallies tallies = simulate(out.model, options);
  out.results = summarise(out.model, tallies);
  out.wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return out;
}

}  // namespace integrasim
