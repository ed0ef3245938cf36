// Probabilistic sensitivity analysis (docs/model.md §13): simulate a scenario once per parameter
// draw and summarise the results across draws — mean, 2.5 / 50 / 97.5 % percentiles, the
// probability that an arm beats the comparator, and the share of the variance across
// draws that is parameter uncertainty rather than Monte Carlo noise.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "analysis/parameter_sampling.h"
#include "core/catalogue.h"
#include "core/engine.h"
#include "core/results.h"
#include "core/scenario.h"

namespace integrasim {

// One parameter draw: the sampled values and the results of simulating every arm with
// them (all arms of a draw share their random numbers; each draw has its own, keyed by
// SimulationOptions::draw = draw). Results::monthly is left empty to bound memory.
struct DrawResult {
  std::uint32_t draw = 0;      // 1..N (0 would be the point estimates)
  std::vector<double> values;  // aligned with DrawSet::parameters
  Results results;
};

struct DrawSet {
  std::vector<UncertainParameter> parameters;  // catalogue rows, then scenario knobs
  std::vector<double> point_values;            // draw 0, aligned with `parameters`
  std::uint64_t seed = 0;
  bool sobol = false;
  std::vector<DrawResult> draws;  // draws 1..N in order
};

// Simulates draws 1..`draws` of `scenario` (with its [uncertainty] table applied).
// `options.seed` keys both the parameter draws and the Monte Carlo streams; options.draw
// is ignored; options.progress, if set, gets the share of all draws done. Results are
// byte-identical for any options.threads.
DrawSet run_draws(const Scenario& scenario, const Catalogue& catalogue, const SimulationOptions& options,
                  int draws, bool sobol);

// One draw alone (draw 0 = the point estimates), exactly as run_draws computes it.
DrawResult run_draw(const Scenario& scenario, const Catalogue& catalogue, const SimulationOptions& options,
                    std::uint32_t draw, bool sobol);

// Percentile p (0-1) of `values` by linear interpolation between order statistics
// (type 7 of Hyndman & Fan: the one of R and NumPy). NaN for no values.
double percentile(std::vector<double> values, double p);

// Total variance across draws of per-draw estimates = parameter part + Monte Carlo part;
// the MC part is the mean squared per-draw standard error. share_parameter =
// max(0, 1 - MC / total); NaN with fewer than 2 draws or zero total variance.
struct VarianceSplit {
  double total = 0.0;
  double monte_carlo = 0.0;
  double share_parameter = 0.0;
};
VarianceSplit variance_split(const std::vector<double>& values, const std::vector<double>& standard_errors);

// One row of uncertainty.csv: an arm x subgroup x metric over draws.
struct UncertaintyRow {
  int arm = 0;
  int subgroup = 0;
  int metric = 0;
  double mean = 0.0, p2_5 = 0.0, p50 = 0.0, p97_5 = 0.0;
  // Share of draws in which the arm is better than the comparator in the same draw (ties
  // count half); NaN for the comparator and for metrics without a direction.
  double prob_better = 0.0;
  double share_parameter_variance = 0.0;
  // The arm minus the comparator (paired within each draw); NaN for the comparator.
  double diff_mean = 0.0, diff_p2_5 = 0.0, diff_p50 = 0.0, diff_p97_5 = 0.0;
  double diff_share_parameter_variance = 0.0;
};

struct UncertaintySummary {
  std::vector<ArmInfo> arms;
  int comparator_arm = 0;
  std::vector<SubgroupInfo> subgroups;
  std::vector<MetricInfo> metrics;
  int draws = 0;
  bool sobol = false;
  std::vector<UncertaintyRow> rows;  // arm-major, then subgroup, then metric
};

UncertaintySummary summarise_draws(const DrawSet& set);

// The row for (arm, subgroup, metric name), or nullptr.
const UncertaintyRow* find_row(const UncertaintySummary& summary, int arm, int subgroup,
                               std::string_view metric);

}  // namespace integrasim
