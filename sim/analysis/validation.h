// Validation against published targets (docs/model.md §11): run each reference scenario of a
// target registry once and compare every target with its simulated counterpart.
// Reading files is left to the caller (io/validation_registry.h supplies the usual
// loader), so this runs on plain values.
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

enum class SampleFilter { all, in_sample, out_of_sample };

struct ValidationOptions {
  std::optional<std::int64_t> persons;  // overrides every scenario's persons
  int threads = 1;
  MemoryLimit memory_limit;  // each reference scenario is refused beyond it (core/memory_estimate.h)
  SampleFilter only = SampleFilter::all;
};

// Loads the reference scenario a target names (its `scenario` column); called once per
// distinct scenario, with the first target that names it (for error messages).
using ScenarioLoader = std::function<Scenario(const Target& first_target)>;

// One reference scenario as it was run.
struct ValidationRun {
  std::string scenario_file;  // the targets' `scenario` column
  std::string scenario_name;
  std::int64_t persons = 0;
  int horizon_months = 0;
  std::uint64_t seed = 0;
  double wall_seconds = 0.0;
};

// Move it, do not copy it: results point into `targets`.
struct ValidationReport {
  std::vector<Target> targets;        // the targets evaluated, in registry order
  std::vector<TargetResult> results;  // aligned with `targets` (results[i].target == &targets[i])
  std::vector<ValidationRun> runs;    // in order of first use
};

// Keeps the targets `only` selects, runs each distinct scenario once (its own seed;
// `persons` if given) and evaluates every target on that run. InputError for unknown
// arms, subgroups or metrics (naming the target's file:line) and for bad scenarios.
ValidationReport run_validation(std::vector<Target> targets, const Catalogue& catalogue,
                                const ScenarioLoader& load, const ValidationOptions& options);

}  // namespace integrasim
