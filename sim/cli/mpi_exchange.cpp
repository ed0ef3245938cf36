#include "cli/mpi_exchange.h"

#include <array>
#include <cstdlib>
#include <limits>
#include <stdexcept>
#include <string>
#include <vector>

#ifdef INTEGRASIM_MPI
#include <mpi.h>
#endif

namespace integrasim::cli {
namespace {

int g_rank = 0;
int g_ranks = 1;
std::int64_t g_bytes = 0;  // bytes, as seen from rank 0

#ifdef INTEGRASIM_MPI
bool g_started = false;

// Open MPI's launcher sets these; a process started without one stays a single process.
bool launched_by_mpi() {
  for (const char* name : {"OMPI_COMM_WORLD_SIZE", "PMIX_RANK", "PMI_SIZE"})
    if (std::getenv(name) != nullptr) return true;
  return false;
}

void check(int code, const char* what) {
  if (code != MPI_SUCCESS) throw std::runtime_error(std::string("MPI call failed: ") + what);
}

int as_count(std::size_t n) {
  if (n > static_cast<std::size_t>(std::numeric_limits<int>::max()))
    throw std::runtime_error("MPI message above 2^31 elements");
  return static_cast<int>(n);
}

constexpr std::int64_t k_double_bytes = static_cast<std::int64_t>(sizeof(double));
constexpr std::int64_t k_int_bytes = static_cast<std::int64_t>(sizeof(std::int64_t));

// The integer arrays of a Tallies, one after another, and back.
std::vector<std::int64_t> pack_counts(const Tallies& t) {
  std::vector<std::int64_t> out;
  for (const auto* v :
       {&t.monthly_diff, &t.first_job_hist, &t.first_job_joint, &t.group_persons, &t.group_units})
    out.insert(out.end(), v->begin(), v->end());
  out.push_back(t.persons);
  return out;
}

void unpack_counts(const std::vector<std::int64_t>& in, Tallies& t) {
  std::size_t at = 0;
  for (auto* v : {&t.monthly_diff, &t.first_job_hist, &t.first_job_joint, &t.group_persons, &t.group_units})
    for (auto& x : *v) x = in[at++];
  t.persons = in[at];
}

std::size_t float_size(const TallyLayout& layout) {
  return layout.variant_sum_size() + layout.pair_sum_size() + layout.participant_sum_size() +
         layout.calendar_money_size();
}

void append_floats(const Tallies& t, std::vector<double>& out) {
  for (const auto* v : {&t.variant_sums, &t.pair_sums, &t.participant_sums, &t.calendar_money})
    out.insert(out.end(), v->begin(), v->end());
}

// Fills `t`'s floating arrays (already sized) from `in`.
void take_floats(const double* in, Tallies& t) {
  for (auto* v : {&t.variant_sums, &t.pair_sums, &t.participant_sums, &t.calendar_money})
    for (auto& x : *v) x = *in++;
}

class MpiExchange final : public ClusterExchange {
 public:
  int most_threads(int threads) override {
    int most = threads;
    check(MPI_Allreduce(&threads, &most, 1, MPI_INT, MPI_MAX, MPI_COMM_WORLD), "MPI_Allreduce");
    return most;
  }

  void sum_counts(Tallies& counts) override {
    std::vector<std::int64_t> local = pack_counts(counts);
    std::vector<std::int64_t> all(local.size());
    check(
        MPI_Allreduce(local.data(), all.data(), as_count(local.size()), MPI_INT64_T, MPI_SUM, MPI_COMM_WORLD),
        "MPI_Allreduce");
    unpack_counts(all, counts);
    // Each other rank sends its counts in and receives the sum back.
    g_bytes += 2 * (g_ranks - 1) * static_cast<std::int64_t>(local.size()) * k_int_bytes;
  }

  // Point to point, chunk by chunk, straight into (and out of) the chunks' arrays, so that
  // no rank holds a second copy of a wave. Rank 0 receives in chunk order and every other
  // rank sends its chunks in chunk order, so each send meets the receive waiting for it.
  void gather_chunks(std::vector<Tallies>& chunk_sums) override {
    const std::size_t chunks = chunk_sums.size();
    if (g_rank != 0) {
      for (std::size_t c = static_cast<std::size_t>(g_rank); c < chunks;
           c += static_cast<std::size_t>(g_ranks))
        for (auto* v : float_arrays_(chunk_sums[c]))
          check(MPI_Send(v->data(), as_count(v->size()), MPI_DOUBLE, 0, 0, MPI_COMM_WORLD), "MPI_Send");
      return;
    }
    if (chunks == 0) return;
    const TallyLayout& shape = chunk_sums.front().layout;  // chunk 0 of a wave is rank 0's own
    for (std::size_t c = 0; c < chunks; ++c) {
      const int from = static_cast<int>(c % static_cast<std::size_t>(g_ranks));
      if (from == 0) continue;
      Tallies& t = chunk_sums[c];
      t.layout = shape;
      t.variant_sums.resize(shape.variant_sum_size());
      t.pair_sums.resize(shape.pair_sum_size());
      t.participant_sums.resize(shape.participant_sum_size());
      t.calendar_money.resize(shape.calendar_money_size());
      for (auto* v : float_arrays_(t)) {
        check(
            MPI_Recv(v->data(), as_count(v->size()), MPI_DOUBLE, from, 0, MPI_COMM_WORLD, MPI_STATUS_IGNORE),
            "MPI_Recv");
        g_bytes += static_cast<std::int64_t>(v->size()) * k_double_bytes;
      }
    }
  }

  void share_sums(Tallies& total) override {
    std::vector<double> floats;
    floats.reserve(float_size(total.layout));
    append_floats(total, floats);
    check(MPI_Bcast(floats.data(), as_count(floats.size()), MPI_DOUBLE, 0, MPI_COMM_WORLD), "MPI_Bcast");
    if (g_rank != 0) take_floats(floats.data(), total);
    g_bytes += (g_ranks - 1) * static_cast<std::int64_t>(floats.size()) * k_double_bytes;
  }

 private:
  // A chunk's floating arrays, in the order they are sent.
  static std::array<std::vector<double>*, 4> float_arrays_(Tallies& t) {
    return {&t.variant_sums, &t.pair_sums, &t.participant_sums, &t.calendar_money};
  }
};

MpiExchange g_exchange;
#endif

}  // namespace

ClusterSession::ClusterSession([[maybe_unused]] int& argc, [[maybe_unused]] char**& argv) {
#ifdef INTEGRASIM_MPI
  if (!launched_by_mpi()) return;
  check(MPI_Init(&argc, &argv), "MPI_Init");
  g_started = true;
  check(MPI_Comm_rank(MPI_COMM_WORLD, &g_rank), "MPI_Comm_rank");
  check(MPI_Comm_size(MPI_COMM_WORLD, &g_ranks), "MPI_Comm_size");
#endif
}

ClusterSession::~ClusterSession() {
#ifdef INTEGRASIM_MPI
  if (g_started) MPI_Finalize();
#endif
}

int cluster_rank() {
  return g_rank;
}
int cluster_ranks() {
  return g_ranks;
}
std::int64_t cluster_bytes() {
  return g_bytes;
}

ChunkPartition cluster_partition() {
  ChunkPartition p;
  p.rank = g_rank;
  p.ranks = g_ranks;
#ifdef INTEGRASIM_MPI
  if (g_ranks > 1) p.exchange = &g_exchange;
#endif
  return p;
}

}  // namespace integrasim::cli
