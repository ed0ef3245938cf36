#include "cli/mpi_exchange.h"

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

  void gather_chunks(std::vector<Tallies>& chunk_sums) override {
    const std::int64_t chunks = static_cast<std::int64_t>(chunk_sums.size());
    // The receive side matters on rank 0 only, which owns chunk 0 and so knows its size.
    const std::size_t per_chunk = g_rank == 0 && chunks > 0 ? float_size(chunk_sums.front().layout) : 0;
    std::vector<double> send;
    for (std::int64_t c = g_rank; c < chunks; c += g_ranks)
      append_floats(chunk_sums[static_cast<std::size_t>(c)], send);
    std::vector<int> counts(static_cast<std::size_t>(g_ranks), 0);
    std::vector<int> displs(static_cast<std::size_t>(g_ranks), 0);
    std::size_t total = 0;
    for (int r = 0; r < g_ranks; ++r) {
      const std::int64_t own = r < chunks ? (chunks - r + g_ranks - 1) / g_ranks : 0;
      counts[static_cast<std::size_t>(r)] = as_count(static_cast<std::size_t>(own) * per_chunk);
      displs[static_cast<std::size_t>(r)] = as_count(total);
      total += static_cast<std::size_t>(counts[static_cast<std::size_t>(r)]);
    }
    std::vector<double> received(g_rank == 0 ? total : 0);
    check(MPI_Gatherv(send.data(), as_count(send.size()), MPI_DOUBLE, received.data(), counts.data(),
                      displs.data(), MPI_DOUBLE, 0, MPI_COMM_WORLD),
          "MPI_Gatherv");
    g_bytes += static_cast<std::int64_t>(total - static_cast<std::size_t>(counts[0])) * k_double_bytes;
    if (g_rank != 0) return;
    const TallyLayout& shape = chunk_sums.front().layout;
    for (int r = 1; r < g_ranks; ++r) {
      const double* at = received.data() + displs[static_cast<std::size_t>(r)];
      for (std::int64_t c = r; c < chunks; c += g_ranks, at += per_chunk) {
        Tallies& t = chunk_sums[static_cast<std::size_t>(c)];
        t.layout = shape;
        t.variant_sums.resize(shape.variant_sum_size());
        t.pair_sums.resize(shape.pair_sum_size());
        t.participant_sums.resize(shape.participant_sum_size());
        t.calendar_money.resize(shape.calendar_money_size());
        take_floats(at, t);
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
