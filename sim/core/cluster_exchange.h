// Splitting one simulation across the processes of a cluster (docs/cluster.md). The engine
// simulates only its own share of the fixed chunks of persons; an exchange (MPI in
// sim/cli/mpi_exchange.h) combines the shares. Core itself knows nothing of MPI.
#pragma once

#include <vector>

#include "core/tallies.h"

namespace integrasim {

// How `simulate()` moves the ranks' tallies; every rank makes the same calls in the same
// order: most_threads, gather_chunks once per wave of chunks, sum_counts, share_sums.
class ClusterExchange {
 public:
  virtual ~ClusterExchange() = default;
  // The largest `threads` of all ranks, on every rank: it sizes the waves of chunks, which
  // must be the same on every rank although nodes may run different numbers of threads.
  virtual int most_threads(int threads) = 0;
  // Adds the integer arrays and `persons` of `counts` over all ranks, on every rank
  // (integer sums are exact in any order).
  virtual void sum_counts(Tallies& counts) = 0;
  // Brings the floating sums of one wave of chunks to rank 0: on entry each rank holds its
  // own chunks of the wave (c % ranks == rank, c counted from the wave's first chunk, a
  // multiple of ranks), the others empty; on return rank 0 holds all of them.
  virtual void gather_chunks(std::vector<Tallies>& chunk_sums) = 0;
  // Copies rank 0's merged floating sums to every other rank, so that every rank goes on
  // with the same tallies (the next step of calibrate or explore may depend on them).
  virtual void share_sums(Tallies& total) = 0;
};

// This process's share: the chunks c with c % ranks == rank. One process: rank 0 of 1.
struct ChunkPartition {
  int rank = 0;
  int ranks = 1;
  ClusterExchange* exchange = nullptr;  // required when ranks > 1
};

}  // namespace integrasim
