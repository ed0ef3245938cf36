// One person's part of a chunk's tallies (core/tallies.h): the sums of every arm variant's
// metrics and of the pairs' products, the first-job histograms and the per-participant
// sums. Its own module so that the engine's chunk loop stays about persons and variants,
// and so that `integrasim bench` can time the tallies by themselves
// (analysis/benchmark.h).
#pragma once

#include <vector>

#include "core/compiled_model.h"
#include "core/population.h"
#include "core/tallies.h"

namespace integrasim {

class PersonTally {
 public:
  PersonTally(const CompiledModel& m, const TallyLayout& layout);

  // Adds a person of report cell `cell` whose follow-up is `window`. `x` and `w` hold the
  // metric numerators and denominators, variant-major (variants x metrics, already
  // weighted by the person's relative weight); `first_job` the time of the first job per
  // variant (months since entry; infinity if none). The floating sums go to `sums`, the
  // integer counts, persons included, to `counts`.
  void add(const PersonWindow& window, int cell, const double* x, const double* w, const double* first_job,
           Tallies& sums, Tallies& counts);

 private:
  void add_variant_sums_(int cell, const double* x, const double* w, Tallies& sums) const;
  void add_first_job_(const PersonWindow& window, int cell, const double* first_job, Tallies& counts);
  void add_first_job_joint_(int cell, Tallies& counts) const;
  void add_pair_sums_(int cell, const double* x, const double* w, Tallies& sums) const;
  void add_participant_sums_(int cell, const double* x, Tallies& sums) const;

  const CompiledModel& m_;
  const TallyLayout& layout_;
  const TallyColumnPlan columns_;                 // the sums the outputs read
  std::vector<int> first_job_bin_;                // per variant, the person's bin of the first-job histogram
  std::vector<std::vector<int>> groups_of_cell_;  // per report cell, the report groups it is in
};

}  // namespace integrasim
