// Turns tallies into Results: ratio estimators with Monte Carlo standard errors,
// paired differences against the comparator, the decomposition of docs/model.md §8 and the
// monthly table (docs/model.md §10).
#pragma once

#include "core/compiled_model.h"
#include "core/results.h"
#include "core/tallies.h"

namespace integrasim {

Results summarise(const CompiledModel& model, const Tallies& tallies);

// Decomposition components in the order of CompiledModel::decomposition_pairs.
inline constexpr int k_component_count = 6;
inline constexpr const char* k_component_names[k_component_count] = {
    "benefit_rules", "anticipation", "lock_in", "post_programme", "net", "total"};

}  // namespace integrasim
