// A sweep (docs/sweep.md): one scenario run at every point of a list or grid of values
// of one or two targets, all points on the same seed and persons, so that the
// differences between points have paired standard errors (analysis/paired_runs.h).
#pragma once

#include <string>
#include <vector>

#include "core/catalogue.h"
#include "core/engine.h"
#include "core/results.h"
#include "core/scenario.h"

namespace integrasim {

// What a sweep dimension changes, resolved to indices in the scenario by the reader.
enum class SweepKnob {
  override_value,   // a catalogue value by id, as in [overrides] (its row's unit)
  step_coverage,    // pathway step coverage (share, 0-1)
  step_start,       // pathway step start_month or after_previous_months (months)
  capacity_places,  // [[arm.capacity]] places (real persons at the same time)
};

struct SweepTarget {
  std::string name;  // as written in the file, for columns and messages
  SweepKnob knob = SweepKnob::override_value;
  std::string override_id;  // override_value: the catalogue id
  int pathway = -1;         // step_*: index into Scenario::pathways
  int step = -1;            // step_*: index into Pathway::steps
  int arm = -1;             // capacity_places: index into Scenario::arms
  int capacity = -1;        // capacity_places: index into Arm::capacity
  SourcePosition where;     // the target's position in the file
};

struct SweepDimension {
  SweepTarget target;
  std::vector<double> values;  // in the target's unit, in the order written
};

// One or two dimensions; with two, every pair of values (the first varies slowest).
struct SweepSpec {
  std::vector<SweepDimension> dimensions;  // empty = no sweep
  bool active() const { return !dimensions.empty(); }
};

// The scenario with the values of one point (one per dimension) put in.
Scenario scenario_at(const Scenario& base, const SweepSpec& spec, const std::vector<double>& point);

// Every point of the sweep in order: the first dimension's values, each with all of the
// second's.
std::vector<std::vector<double>> sweep_points(const SweepSpec& spec);

struct SweepPoint {
  std::vector<double> values;  // one per dimension
  Results results;             // as `run` of scenario_at(point) would report them
  // Per summary row and metric: this point minus the first point, paired SE (empty
  // vectors for the first point itself).
  std::vector<std::vector<Estimate>> vs_first;
};

struct SweepResults {
  std::vector<SweepPoint> points;
};

// Runs every point with `options` (one seed, so common random numbers across points).
SweepResults run_sweep(const Scenario& base, const SweepSpec& spec, const Catalogue& catalogue,
                       const SimulationOptions& options);

}  // namespace integrasim
