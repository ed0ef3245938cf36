// Paired differences between two runs of the same persons (docs/sweep.md "Paired standard
// errors between points"). Two runs with one seed and one cohort simulate person i from
// the same random numbers (core/random_streams.h), so their outcomes are correlated person
// by person; the SE of the difference of their means needs the cross-products of the two
// runs' per-person values, which the tallies of one run cannot hold. PersonOutcomes keeps
// one run's per-person values of every arm and summary metric, recorded through
// SimulationOptions::person_outcomes; paired_run_differences pairs two of them.
#pragma once

#include <cstdint>
#include <functional>
#include <vector>

#include "core/compiled_model.h"
#include "core/engine.h"
#include "core/results.h"

namespace integrasim {

class PersonOutcomes {
 public:
  // Room for every person of `model`, its arms (arm_full_variant) and its first `metrics`
  // tally columns (the summary's metric columns summed over persons: all but the median).
  PersonOutcomes(const CompiledModel& model, int metrics);

  // The callback to put in SimulationOptions::person_outcomes. It writes only the slots
  // of the person it is called for, so the engine's threads may call it at once.
  std::function<void(std::uint64_t, int, const double*, const double*)> recorder();

  std::int64_t persons() const { return persons_; }
  int arms() const { return arms_; }
  int metrics() const { return metrics_; }
  int cell(std::int64_t person) const { return cells_[static_cast<std::size_t>(person)]; }
  double x(std::int64_t person, int arm, int metric) const { return x_[at_(person, arm, metric)]; }
  double w(std::int64_t person, int arm, int metric) const { return w_[at_(person, arm, metric)]; }

 private:
  std::size_t at_(std::int64_t person, int arm, int metric) const {
    return (static_cast<std::size_t>(person) * static_cast<std::size_t>(arms_) +
            static_cast<std::size_t>(arm)) *
               static_cast<std::size_t>(metrics_) +
           static_cast<std::size_t>(metric);
  }
  std::int64_t persons_ = 0;
  int arms_ = 0;
  int metrics_ = 0;
  int tally_metrics_ = 0;         // metrics per variant in the engine's arrays
  std::vector<int> arm_variant_;  // per arm, its variant in the engine's arrays
  std::vector<int> cells_;        // per person, its report cell
  std::vector<double> x_;         // per person, arm and metric: the numerator
  std::vector<double> w_;         // ... and the denominator (ratio metrics only)
};

// For every summary row of `b` (arm x subgroup, in the order of Results::summary) and
// every metric: b's estimate minus a's, with the paired SE. The values are differences of
// the two runs' reported estimates, so they equal what a user computes from the two
// summary.csv files; the SE is the linearised SE of that difference over the persons the
// two runs share. The first-job median is not a mean over persons and PersonOutcomes
// does not keep first-job times: its difference gets the unpaired SE (summary.csv pairs
// it within one run from the joint first-job histogram). The two runs must be of one model
// shape (same persons, arms, subgroups and metrics); anything else is an internal error.
std::vector<std::vector<Estimate>> paired_run_differences(const CompiledModel& model, const Results& a,
                                                          const PersonOutcomes& pa, const Results& b,
                                                          const PersonOutcomes& pb);

}  // namespace integrasim
