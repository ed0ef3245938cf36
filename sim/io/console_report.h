// The short plain-words report printed after a run: arms x key metrics with their
// Monte Carlo errors, the policy-vs-comparator differences and the decomposition.
#pragma once

#include <string>

#include "core/results.h"
#include "core/scenario.h"

namespace integrasim {

std::string planner_report(const Scenario& scenario, const Results& results,
                           const std::string& output_folder);

}  // namespace integrasim
