#include "io/scenario_keys.h"

#include <algorithm>
#include <stdexcept>

#include "core/diagnostics.h"
#include "core/model_types.h"

namespace integrasim {
namespace {

std::vector<ScenarioTable> make_tables() {
  std::vector<ScenarioTable> tables = {
      {"",
       {"scenario", "population", "inflow", "caseload", "frailty", "municipality", "labour_market", "pathway",
        "arm", "output", "overrides", "uncertainty"}},
      {"scenario",
       {"name", "description", "horizon_months", "persons", "seed", "duration_clock", "combination_rule",
        "combination_alpha"}},
  };
  ScenarioTable population{"population", {}};
  for (int d = 0; d < k_dimension_count; ++d)
    population.keys.emplace_back(name_of(static_cast<Dimension>(d)));
  population.keys.insert(population.keys.end(), {"danish_level_values", "danish_level_shares", "represents"});
  tables.push_back(population);
  for (int d = 0; d < k_dimension_count; ++d) {
    const auto dim = static_cast<Dimension>(d);
    ScenarioTable levels{"population." + std::string(name_of(dim)), {}};
    for (int l = 0; l < k_dimension_levels[static_cast<std::size_t>(d)]; ++l)
      levels.keys.emplace_back(level_name(dim, l));
    tables.push_back(levels);
  }
  const std::vector<ScenarioTable> rest = {
      {"inflow", {"arrivals_per_month", "simulated_per_arrival"}},
      {"caseload", {"file", "simulated_per_person"}},
      {"frailty", {"variance", "applies_to"}},
      {"municipality", {"company_collaboration", "specialised_caseworkers", "caseload"}},
      {"labour_market",
       {"employment_rate", "reference_rate", "skilled_job_share", "reference_skilled_job_share"}},
      {"pathway", {"name", "step"}},
      {"pathway.step",
       {"intervention", "track", "start_month", "after_previous_months", "duration_months", "coverage",
        "eligible", "min_danish_level", "dose"}},
      {"arm",
       {"name", "role", "pathway", "reentry_pathway", "assign", "benefit_cut", "sanctions", "capacity"}},
      {"arm.assign", {"who", "pathway"}},
      {"arm.capacity", {"intervention", "places", "max_wait_months"}},
      {"output", {"subgroups", "employment_rate_months", "decomposition"}},
      {"uncertainty",
       {"fix", "widen", "vary", "combination_alpha", "company_collaboration", "specialised_caseworkers",
        "caseload"}},
      {"uncertainty.distribution", {"distribution", "low", "high"}},
  };
  tables.insert(tables.end(), rest.begin(), rest.end());
  return tables;
}

}  // namespace

const std::vector<ScenarioTable>& scenario_tables() {
  static const std::vector<ScenarioTable> tables = make_tables();
  return tables;
}

const std::vector<std::string>& scenario_keys(std::string_view name) {
  const auto& tables = scenario_tables();
  const auto found =
      std::find_if(tables.begin(), tables.end(), [&](const auto& t) { return t.name == name; });
  if (found == tables.end()) fail_internal("no scenario table '" + std::string(name) + "'");
  return found->keys;
}

}  // namespace integrasim
