// How much memory a run will need, estimated from the compiled model before anything is
// simulated (issue 12 item 9), so that a run too big for the machine is refused at once
// with what to change, instead of swapping for hours or being killed half-way.
//
// The estimate adds what the engine allocates (core/engine.cpp, core/tallies.h,
// core/capacity.h) and what the summary and the writers hold afterwards, at the larger of
// the two peaks. It is meant to err high: validated against the measured peak resident
// size in docs/memory.md.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/compiled_model.h"

namespace integrasim {

// One part of the estimate.
struct MemoryTerm {
  std::string name;         // e.g. "monthly tables and sums per thread"
  std::uint64_t bytes = 0;  // bytes
  std::string grows_with;   // what makes it larger, as advice: "persons, arms, subgroups and months"
};

struct MemoryEstimate {
  std::uint64_t total_bytes = 0;  // bytes at the peak
  std::vector<MemoryTerm> terms;  // the parts of the peak, largest first
};

// The peak memory of simulating `model` with `threads` workers, summarising and writing
// its results; on a cluster of `ranks` processes, that of rank 0 (which gathers the others'
// chunks).
MemoryEstimate estimate_run_memory(const CompiledModel& model, int threads, int ranks = 1);

// The most memory a run may use; bytes = 0 means no check.
struct MemoryLimit {
  std::uint64_t bytes = 0;  // bytes
  std::string source;       // what set it, for the message: "--max-memory 8G", "MemAvailable"
};

// InputError when `estimate` exceeds `limit`: the estimate, the limit, the largest term and
// what to change.
void check_memory(const MemoryEstimate& estimate, const MemoryLimit& limit);

// "1.5 GB", "320 MB", "12 kB" (powers of 1024, as memory is sized).
std::string format_bytes(std::uint64_t bytes);

}  // namespace integrasim
