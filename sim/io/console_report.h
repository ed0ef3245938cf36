// The short plain-words report printed after a run: arms x key metrics with their
// Monte Carlo errors, the policy-vs-comparator differences and the decomposition.
#pragma once

#include <string>
#include <vector>

#include "analysis/uncertainty.h"
#include "core/results.h"
#include "core/scenario.h"

namespace integrasim {

// `files`: the names of the files written into output_folder, in the order written
// (manifest.json is added last); the "Results:" line lists them.
std::string planner_report(const Scenario& scenario, const Results& results, const std::string& output_folder,
                           const std::vector<std::string>& files);

// The decimals to print a value and its SE with: `decimals`, or more so that the SE shows
// at least two significant digits.
int se_decimals(double se, int decimals);

// One line per policy arm after a probabilistic sensitivity analysis: over the draws, the
// probability that it beats the comparator on months employed and the 95 % interval of
// the difference in months employed (all subgroups).
std::string uncertainty_report(const UncertaintySummary& summary);

}  // namespace integrasim
