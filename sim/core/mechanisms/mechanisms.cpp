#include "core/mechanisms/mechanisms.h"

#include "core/compiled_model.h"

namespace integrasim {

void compile_mechanisms(const Scenario& s, const Catalogue& cat, CompiledModel& m) {
  MechanismParams& p = m.mechanisms;
  bool& employed_has_effects = m.destination_has_effects[static_cast<std::size_t>(Destination::employed)];
  compile_benefit_cut(s, cat, p.benefit_cut, employed_has_effects);
  compile_labour_market(s, cat, m.horizon_months, p.labour_market, employed_has_effects);
  compile_skilled_jobs(s, cat, m.baseline[static_cast<std::size_t>(Destination::employed)]);
  compile_sanctions(s, cat, p.sanction, employed_has_effects,
                    m.destination_reachable[static_cast<std::size_t>(Destination::off_benefit)]);
  compile_placement(s, cat, p.placement);
  compile_municipal_costs(s, cat, p.costs);
}

}  // namespace integrasim
