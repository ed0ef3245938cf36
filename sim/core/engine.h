// The simulation: one pure function from (compiled scenario + parameters, seed, draw)
// to tallies (docs/model.md §9). Persons are split into fixed chunks that threads take in
// turn; each chunk's sums are kept apart and merged in chunk order as soon as the chunks
// before it are (core/ordered_fold.h), so the result is bit-identical for any thread count. Arm variants
// whose pathway extends another's continue from that one's saved runs (core/prefix_reuse.h), also
// bit-identically.
#pragma once

#include <cstdint>
#include <functional>

#include "core/cluster_exchange.h"
#include "core/compiled_model.h"
#include "core/memory_estimate.h"
#include "core/spell_timelines.h"
#include "core/tallies.h"

namespace integrasim {

struct SimulationOptions {
  std::uint64_t seed = 1;  // master seed
  std::uint32_t draw = 0;  // parameter draw (0 = the catalogue's point values)
  int threads = 1;         // worker threads (>= 1)
  // Continue variants whose pathway extends another's from that one's saved runs
  // (core/prefix_reuse.h). Changes only the speed, never a bit of the results; off to
  // check exactly that.
  bool reuse_prefixes = true;
  // Passes of first spells each worker thread may record and reuse (core/spell_timelines.h);
  // 0 = none. Like reuse_prefixes, it changes only the speed, never a bit of the results.
  std::int64_t timeline_passes = k_default_timeline_passes;
  // The run is refused (InputError) before it starts if its estimated memory
  // (core/memory_estimate.h) exceeds this; bytes = 0: no check.
  MemoryLimit memory_limit;
  // Called now and then from the calling thread with the share of persons done (0-1).
  std::function<void(double)> progress;
  // Called once per person with its report cell and its outcome columns x and w, each
  // variants x metrics (TallyLayout), as they enter the sums; for pairing two runs of the
  // same persons (analysis/paired_runs.h). Called from the worker threads, for distinct
  // persons at once: it must write only what belongs to `person`. Empty = not called.
  std::function<void(std::uint64_t person, int cell, const double* x, const double* w)> person_outcomes;
  // Across processes: this one simulates only its share of the chunks, and the exchange
  // makes the returned tallies those of the whole cohort on every process, bit-identical
  // to one process (core/cluster_exchange.h).
  ChunkPartition partition;
};

// An exception in a worker thread (std::bad_alloc above all) stops the other workers and
// is rethrown here once all have stopped, so that it ends the run like any other error.
Tallies simulate(const CompiledModel& model, const SimulationOptions& options);

// Persons per chunk for a cohort of `persons`: depends on the cohort size only, never on
// the thread count (that is what makes sums reproducible).
std::int64_t chunk_size_for(std::int64_t persons);

}  // namespace integrasim
