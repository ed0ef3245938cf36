// Merging the chunks' floating sums into the run's total while the chunks are simulated
// (issue 13 item 3), instead of keeping every chunk's sums until the end: memory then grows
// with threads x report cells, no longer with chunks x report cells.
//
// The sums stay bit-identical for any thread count because the total still gets the same
// additions in the same order: chunk 0's sums, then chunk 1's, ... (Tallies::add_sums). A
// chunk finished early waits, handed over, until all chunks before it are merged; a worker
// may start a chunk only while it is fewer than `window` chunks past the next one to merge,
// so at most `window` chunks' sums exist at once (plus the total).
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <optional>
#include <vector>

#include "core/tallies.h"

namespace integrasim {

// Chunks that may be simulated or waiting to be merged at once, per thread: two, so that a
// thread finishing a chunk while the one before it is still running need not wait.
inline constexpr std::int64_t k_fold_window_per_thread = 2;

class OrderedFold {
 public:
  // Folds chunks 0, 1, ... into `total` (its floating arrays sized and holding what goes
  // before chunk 0); `window` >= 1.
  OrderedFold(Tallies& total, std::int64_t window);

  // Blocks until chunk `c` may start (c < next to merge + window), then returns zeroed sums
  // for it (recycled from merged chunks where possible). Returns nothing if `stop` became
  // true while waiting: the run is being abandoned.
  std::optional<Tallies> begin_chunk(std::int64_t c, const std::atomic<bool>& stop);

  // Hands over chunk `c`'s sums; merges them, and the chunks after them that are already
  // finished, once all before them are merged. The merging is done by one thread at a time,
  // outside the lock, so that the others go on simulating.
  void finish_chunk(std::int64_t c, Tallies&& sums);

  // Chunks merged so far (all of them once every chunk was finished).
  std::int64_t merged() const;

 private:
  Tallies& total_;
  const std::int64_t window_;
  mutable std::mutex mutex_;
  std::condition_variable merged_more_;
  std::int64_t next_ = 0;                      // the next chunk to merge
  bool merging_ = false;                       // a thread is adding finished chunks to total_
  std::vector<std::optional<Tallies>> ready_;  // finished chunk c at c % window, until merged
  std::vector<Tallies> spare_;                 // merged chunks' arrays, for the next chunks
};

// Floating sums only: a chunk's Tallies without the integer arrays, zeroed.
Tallies make_sum_tallies(const TallyLayout& layout);

}  // namespace integrasim
