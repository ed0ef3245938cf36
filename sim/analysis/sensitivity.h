// Sensitivity analysis and value of information (docs/model.md §13, docs/sensitivity.md):
// - one-way (tornado): each uncertain parameter at the ends of its 95 % interval, all
//   others at their point values, same seed and draw 0 (common random numbers), so a
//   parameter that does not enter the model has swing exactly 0;
// - EVPI and EVPPI per uncertain parameter and per named group from a probabilistic
//   sensitivity analysis (draws of every uncertain parameter at once), with the
//   scenario's arms as the options of the decision (analysis/voi.h).
#pragma once

#include <Eigen/Dense>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/catalogue.h"
#include "core/compiled_model.h"
#include "core/engine.h"
#include "core/results.h"
#include "core/scenario.h"

namespace integrasim {

// The decision metric: a summary metric of the "all" subgroup (default
// months_self_support), or with `value_per_month` the net monetary value
// value_per_month x months_self_support - (cost_programmes_dkk + cost_benefit_dkk),
// named "net_monetary_value", in DKK per person.
struct DecisionMetric {
  std::string name = "months_self_support";
  std::optional<double> value_per_month;  // DKK per month of self-support
};

inline constexpr const char* k_net_monetary_value = "net_monetary_value";

// Metrics that can be a decision metric, and whether more is better. Throws InputError
// for an unknown metric, for net_monetary_value without a value per month and for a
// value per month with another metric.
void check_decision_metric(const DecisionMetric& metric);
bool higher_is_better(const DecisionMetric& metric);
std::string decision_metric_unit(const DecisionMetric& metric);  // "months per person", ...
// The metric of scenario arm `arm` (subgroup "all").
double decision_metric_value(const Results& results, int arm, const DecisionMetric& metric);

// A named set of parameters: catalogue ids, each optionally with '*' wildcards
// (matching any run of characters), e.g. "effect.internship_*.lock_in.*".
struct ParameterGroup {
  std::string name;
  std::vector<std::string> patterns;
};
// Built-in groups by id prefix (docs/sensitivity.md lists them); a group none of whose
// patterns matches an uncertain parameter is left out of voi.csv.
std::vector<ParameterGroup> builtin_parameter_groups();

struct TornadoRow {
  std::string parameter;  // catalogue row id
  std::string arm;        // policy arm; the metric is arm minus comparator
  double point_value = 0.0;
  double low_value = 0.0;   // ci_low
  double high_value = 0.0;  // ci_high
  double metric_at_point = 0.0;
  double metric_at_low = 0.0;
  double metric_at_high = 0.0;
  double swing = 0.0;  // |metric_at_high - metric_at_low|
  int rank = 0;        // 1 = largest swing, per arm
};

// The draws of a probabilistic sensitivity analysis, reduced to what VOI needs.
struct DrawTable {
  std::vector<std::string> parameter_ids;  // columns of x (uncertain parameters)
  std::vector<std::string> arm_names;      // columns of metric (scenario arms)
  Eigen::MatrixXd x;                       // draws x parameters: sampled values
  Eigen::MatrixXd metric;                  // draws x arms: decision metric, natural units
};

struct VoiRow {
  std::string name;            // "EVPI", a parameter id or a group name
  std::string kind;            // "all", "parameter", "group"
  int parameters = 0;          // uncertain parameters it covers
  double per_person = 0.0;     // in the metric's units per person
  double cohort = 0.0;         // per_person x cohort size
  double share_of_evpi = 0.0;  // per_person / EVPI (0 if EVPI is 0)
  double noise_bound = 0.0;    // per person: upward bias bound of the estimator (voi.h)
};

struct VoiReport {
  std::string metric;
  std::string unit;  // e.g. "months per person"
  double cohort = 0.0;
  int draws = 0;
  std::vector<VoiRow> rows;  // EVPI first, then groups, then parameters (each by value)
};

struct SensitivityOptions {
  DecisionMetric metric;
  int draws = 100;                     // parameter draws for VOI; 0 = tornado only
  bool sobol = false;                  // draws from a Sobol sequence
  bool tornado = true;                 // run the one-way analysis
  double cohort = 0.0;                 // 0 = the scenario's persons
  std::vector<ParameterGroup> groups;  // user groups, besides the built-in ones
  int threads = 1;
  MemoryLimit memory_limit;              // each simulation is refused beyond it (core/memory_estimate.h)
  std::function<void(double)> progress;  // share of simulations done
};

struct SensitivityResult {
  std::vector<TornadoRow> tornado;
  VoiReport voi;
  int uncertain_parameters = 0;
  int simulations = 0;
};

// A copy of the scenario trimmed for repeated runs: no decomposition variants and no
// subgroups (neither changes the "all" arm results, which come from the same persons).
Scenario sensitivity_scenario(const Scenario& scenario);

// Resolve `parameters`, compile with the scenario, simulate with `options` and summarise.
Results simulate_parameters(const Scenario& scenario, const Parameters& parameters,
                            const SimulationOptions& options);

// One-way analysis of every uncertain value (as run_draws sees them) for each policy arm
// (every non-comparator arm if none is marked policy). `done` gets the runs finished.
std::vector<TornadoRow> tornado(const Scenario& scenario, const Catalogue& catalogue,
                                const DecisionMetric& metric, int threads,
                                const std::function<void(int)>& done = {},
                                const MemoryLimit& memory_limit = {});

// The draw loop: run_draws (analysis/uncertainty.h) for draws 1..n of every uncertain
// value (catalogue rows after the scenario's [uncertainty] table, then scenario knobs),
// reduced to the decision metric per arm.
DrawTable simulate_draws(const Scenario& scenario, const Catalogue& catalogue, const DecisionMetric& metric,
                         int draws, bool sobol, int threads, const std::function<void(int)>& done = {},
                         const MemoryLimit& memory_limit = {});

// EVPI and EVPPI per parameter and per group (built-in plus `groups`). Throws InputError
// if a user group matches no uncertain parameter.
VoiReport value_of_information(const DrawTable& table, const DecisionMetric& metric, double cohort,
                               const std::vector<ParameterGroup>& groups);

SensitivityResult run_sensitivity(const Scenario& scenario, const Catalogue& catalogue,
                                  const SensitivityOptions& options);

}  // namespace integrasim
