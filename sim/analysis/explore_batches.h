// How the explorer groups candidate pathways into batches, each one compiled scenario
// simulated with common random numbers (docs/explorer.md). With prefix reuse the
// candidates go in depth-first order of their sequences, so that a sequence and its
// extensions share a batch and the extensions continue from the shorter sequence's
// saved runs (core/prefix_reuse.h); a shared prefix that is not itself a candidate is
// added as a helper arm when enough candidates of the batch extend it.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "analysis/explorer.h"

namespace integrasim {

// One arm of a batch besides the comparator.
struct BatchArm {
  int candidate = -1;                         // whose results these are; -1 = a helper
  const ExploreCandidate* pathway = nullptr;  // the candidate, or the helper's prefix
};

struct ExploreBatchPlan {
  std::vector<ExploreCandidate> helpers;  // prefixes simulated only to be continued
  std::vector<std::vector<BatchArm>> batches;
  ExploreBatchPlan() = default;
  ExploreBatchPlan(const ExploreBatchPlan&) = delete;  // batches point into helpers
  ExploreBatchPlan& operator=(const ExploreBatchPlan&) = delete;
  ExploreBatchPlan(ExploreBatchPlan&&) = default;  // moving keeps the elements in place
  ExploreBatchPlan& operator=(ExploreBatchPlan&&) = default;
};

// A helper (or a repeated candidate) is simulated only when at least this many arms of
// its batch extend it: it costs one full run, and each extension saves only the part
// of its run before it parts from the prefix.
inline constexpr int k_min_extensions_for_helper = 3;

// Batches of at most `batch_size` arms (helpers included). Without reuse: the
// candidates in enumeration order, `batch_size` at a time, no helpers.
ExploreBatchPlan plan_explore_batches(const ExploreSpec& spec,
                                      const std::vector<ExploreCandidate>& candidates, int batch_size,
                                      bool reuse_prefixes);

// "p00042" style ids: the letter, then the number padded to at least 5 digits
// (candidates are p..., helpers h...).
std::string numbered_id(char letter, std::int64_t number);

// The candidate for `blocks` (block index, duration) starting at `start_month`, named
// `id` (make the pathway from the spec's fixed tracks and the blocks).
ExploreCandidate make_explore_candidate(const ExploreSpec& spec, const std::string& id, int start_month,
                                        const std::vector<std::pair<int, int>>& blocks);

}  // namespace integrasim
