// Calibration (docs/model.md §11): fit chosen catalogue values so that reference scenarios
// reproduce published targets. A pure function of (problem, catalogue, options): the
// reference scenarios are simulated with a fixed seed at every evaluation (common random
// numbers), so the objective is a deterministic, nearly smooth function of the parameters
// and a Levenberg-Marquardt search with finite-difference Jacobians works on it.
//
// Objective: S(p) = sum_i r_i(p)^2 with r_i = (simulated_i(p) - published_i) / tolerance_i.
// Each parameter p_k lives in [lower_k, upper_k] (0 < lower < upper) and is searched on
// u_k = logit((log p_k - log lower_k) / (log upper_k - log lower_k)), so every step stays
// inside the bounds and moves the parameter multiplicatively. docs/calibration.md has the
// details (finite-difference step, damping, stopping rules, standard errors).
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "analysis/targets.h"
#include "core/catalogue.h"
#include "core/memory_estimate.h"
#include "core/scenario.h"

namespace integrasim {

// One fitted quantity. Either the value of one catalogue row (kind value: bounds and start
// in the row's unit) or a common factor that multiplies the catalogue values of several
// rows (kind factor: bounds and start are factors, start 1 by default), e.g. "all
// employment baselines of women x f".
struct CalibrationParameter {
  enum class Kind { value, factor };
  std::string name;  // reported name: the id for kind value, a label for factors
  Kind kind = Kind::value;
  std::vector<std::string> ids;  // catalogue row ids (exactly one for kind value)
  double lower = 0.0;            // > 0
  double upper = 0.0;            // > lower
  std::optional<double> start;   // default: the catalogue value (value) or 1 (factor)
  // The PSA interval the applied rows get, when the evidence rather than the fit should
  // set it: lognormal with this lower end (in the rows' unit, e.g. HR 1 for "no lasting
  // effect") and its mirror image on the log scale above the fitted value, value^2 / low.
  // `interval_source` names the evidence row of the lower end. Default: the interval from
  // the fit's SE.
  std::optional<double> interval_low;
  std::string interval_source;
  SourcePosition where;  // in the calibration file, for messages
};

struct CalibrationSettings {
  int max_iterations = 30;              // Levenberg-Marquardt iterations (Jacobians)
  double fd_log_step = 0.05;            // finite-difference step in log p (about 5 % of the value)
  double initial_damping = 1e-3;        // lambda of the first iteration
  double objective_tolerance = 1e-6;    // stop when an accepted step lowers S by less than this share
  double step_tolerance = 1e-5;         // stop when the step in log p is below this for every parameter
  std::optional<std::int64_t> persons;  // overrides every reference scenario's cohort size
  std::optional<std::uint64_t> seed;    // overrides every reference scenario's seed
};

// What calibrate() needs: parameters, targets and the reference scenarios the targets
// refer to (already read and validated; io/calibration_config reads them from files).
struct CalibrationProblem {
  std::string name;  // names the output folder
  std::vector<CalibrationParameter> parameters;
  std::vector<Target> targets;       // only those used in the fit
  std::vector<Scenario> scenarios;   // distinct reference scenarios
  std::vector<int> target_scenario;  // per target, index into `scenarios`
  CalibrationSettings settings;
};

// A progress report after each evaluation of the objective.
struct CalibrationProgress {
  int iteration = 0;       // 0 = the start point
  int evaluations = 0;     // simulations of all reference scenarios so far
  double objective = 0.0;  // S at the best point so far
};

struct CalibrationOptions {
  int threads = 1;           // simulation threads; results are identical for any number
  MemoryLimit memory_limit;  // each simulation is refused beyond it (core/memory_estimate.h)
  std::function<void(const CalibrationProgress&)> progress;
};

struct FittedParameter {
  std::string name;
  CalibrationParameter::Kind kind = CalibrationParameter::Kind::value;
  std::vector<std::string> ids;
  double lower = 0.0;
  double upper = 0.0;
  double start = 0.0;
  double estimate = 0.0;
  // Approximate standard error of `estimate` (delta method on log p, from (J'J)^-1 with the
  // residuals scaled by their tolerances, i.e. treating each tolerance as one standard
  // deviation of the published figure); NaN when J'J is singular or ill-conditioned.
  double se = 0.0;
  // The part of the uncertainty that is Monte Carlo noise of the simulated targets
  // (the fit would move this much with another seed); NaN as above.
  double se_monte_carlo = 0.0;
  bool at_bound = false;  // within 0.1 % (in log p) of lower or upper
  // The targets that move with this parameter (non-zero column of the Jacobian at the
  // solution; with common random numbers an unrelated target does not move at all).
  std::vector<std::string> targets;
};

// One catalogue value after the fit.
struct FittedValue {
  std::string id;
  double previous = 0.0;  // the catalogue value before the fit
  double value = 0.0;     // the fitted value
  std::string parameter;  // name of the parameter that set it
  double se = 0.0;        // standard error of `value` (NaN if unavailable)
};

struct FitRow {
  std::string target;  // target id
  std::string source;
  std::string scenario;
  std::string arm;
  std::string metric;
  std::string subgroup;
  TargetComparison comparison = TargetComparison::level;
  double published = 0.0;
  double tolerance = 0.0;
  Estimate simulated;              // after the target's scale
  double residual = 0.0;           // simulated - published
  double weighted_residual = 0.0;  // residual / tolerance
  bool within_tolerance = false;
};

struct CalibrationIteration {
  int iteration = 0;
  double objective = 0.0;  // after the iteration
  double damping = 0.0;    // lambda used for the accepted step
  int evaluations = 0;     // cumulative
};

struct CalibrationResult {
  std::vector<FittedParameter> parameters;
  std::vector<FittedValue> values;  // one per catalogue id, parameter order
  std::vector<FitRow> start_fit;    // targets at the start point
  std::vector<FitRow> fit;          // targets at the solution
  std::vector<CalibrationIteration> history;
  int iterations = 0;
  int evaluations = 0;
  double start_objective = 0.0;
  double objective = 0.0;
  bool converged = false;
  std::string stop_reason;        // plain words
  double condition_number = 0.0;  // of J'J in log p at the solution (inf if singular)
  bool standard_errors = false;   // whether se columns are available
  Catalogue calibrated;           // the input catalogue with the fitted values,
                                  // status calibrated, source and note updated
};

// Fits the parameters. Throws InputError for a problem that cannot be fitted (unknown
// ids, a reference scenario that overrides a fitted id, a start outside the bounds, a
// target whose arm/metric/subgroup the scenario does not report), also when a parameter
// value makes a scenario inconsistent.
CalibrationResult calibrate(const CalibrationProblem& problem, const Catalogue& catalogue,
                            const CalibrationOptions& options);

// The objective's pieces at given parameter values (same order as problem.parameters),
// without fitting: used by tests and to report a fit at arbitrary values.
std::vector<FitRow> evaluate_calibration_targets(const CalibrationProblem& problem,
                                                 const Catalogue& catalogue,
                                                 const std::vector<double>& parameter_values,
                                                 int threads = 1);

}  // namespace integrasim
