// Published targets (validation and calibration, docs/model.md §11): a number from a study,
// the reference scenario that reproduces the study's design, and the simulated metric
// to compare it with.
#pragma once

#include <string>
#include <vector>

#include "core/results.h"

namespace integrasim {

// How the simulated number is formed from a run's summary.
enum class TargetComparison {
  level,                      // the arm's metric
  difference,                 // the arm's metric minus the comparator's, per person (paired SE)
  difference_per_participant  // the same difference per participant: the effect on those
                              // who began a programme of the arm (ratio estimator's SE)
};

// The registry's spelling of a comparison ("level", "difference", ...).
const char* comparison_name(TargetComparison comparison);

struct Target {
  std::string id;        // e.g. "cohort_ramp_up_m12"
  std::string scenario;  // reference scenario file, relative to the registry folder
  std::string arm;       // arm whose metric is compared
  std::string metric;    // a summary.csv metric, e.g. "employment_rate_m12"
  std::string subgroup;  // "all", "male", ...
  TargetComparison comparison = TargetComparison::level;
  double published = 0.0;  // the published value, in the metric's unit
  double tolerance = 0.0;  // acceptable |simulated - published|, same unit
  double scale = 1.0;      // multiplies the simulated value first (e.g. months -> weeks 4.345)
  std::string source;      // evidence ids
  bool in_sample = false;  // used for calibration (true) or a genuine out-of-sample check
  std::string note;
  std::string file;  // registry file and line, for messages
  int line = 0;
};

struct TargetResult {
  const Target* target = nullptr;
  Estimate simulated;     // after `scale`
  double residual = 0.0;  // simulated - published
  bool within_tolerance = false;
};

// The simulated value of `target` in `results` (InputError if the arm, subgroup or
// metric does not exist in the results).
TargetResult evaluate_target(const Target& target, const Results& results);

}  // namespace integrasim
