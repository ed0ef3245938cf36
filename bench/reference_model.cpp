#include "reference_model.h"

#include "io/benchmark_scenario.h"
#include "io/catalogue_reader.h"
#include "io/scenario_reader.h"

namespace integrasim::bench {

const CompiledModel& reference_model() {
  static const CompiledModel model = [] {
    const Catalogue catalogue = read_embedded_catalogue();
    const Scenario scenario = parse_scenario(reference_benchmark_toml(), "<reference benchmark>", catalogue);
    return compile_model(scenario, resolve_parameters(catalogue, scenario));
  }();
  return model;
}

}  // namespace integrasim::bench
