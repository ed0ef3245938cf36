// The processes of an MPI launch (`mpirun -np N integrasim run ...`, docs/cluster.md): the
// only module that knows MPI. MPI is started only when an MPI launcher started this
// process, so a plain run, and a build without INTEGRASIM_MPI, never touch it.
#pragma once

#include <cstdint>

#include "core/cluster_exchange.h"

namespace integrasim::cli {

// Starts MPI for the life of main() when launched by mpirun; one process of one otherwise.
class ClusterSession {
 public:
  ClusterSession(int& argc, char**& argv);
  ~ClusterSession();
  ClusterSession(const ClusterSession&) = delete;
  ClusterSession& operator=(const ClusterSession&) = delete;
};

int cluster_rank();   // 0 without MPI
int cluster_ranks();  // 1 without MPI
inline bool cluster_root() {
  return cluster_rank() == 0;
}

// This process's share of the chunks, with the MPI exchange when there are several ranks.
ChunkPartition cluster_partition();

// Bytes of tallies this launch moved between ranks so far, summed over all ranks (what
// rank 0 received and sent; the other ranks' view is partial). 0 without MPI.
std::int64_t cluster_bytes();

}  // namespace integrasim::cli
