// The engine's side of clusters (core/cluster_exchange.h, docs/cluster.md), without MPI:
// N "ranks" are N threads that each simulate their share of the chunks and combine them
// through shared memory. Every rank must end with tallies bit-identical to one process,
// also with more ranks than chunks and with capacity worlds. The MPI exchange itself is
// checked end to end by tests/cluster/mpi_identity_test.py.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <barrier>
#include <thread>
#include <vector>

#include "core/engine.h"
#include "io/catalogue_reader.h"
#include "io/scenario_reader.h"
#include "test_support.h"

namespace integrasim::testing {
namespace {

// What the ranks of one in-process "cluster" share; each exchange call is a collective:
// every rank publishes, all wait, each reads what it needs, all wait again.
struct SharedRanks {
  explicit SharedRanks(int n)
      : ranks(n),
        sync(n),
        threads(static_cast<std::size_t>(n)),
        counts(static_cast<std::size_t>(n)),
        chunks(static_cast<std::size_t>(n)),
        totals(static_cast<std::size_t>(n)) {}
  int ranks;
  std::barrier<> sync;
  std::vector<int> threads;
  std::vector<Tallies*> counts;
  std::vector<std::vector<Tallies>*> chunks;
  std::vector<Tallies*> totals;
  std::atomic<int> chunks_off_share{0};  // chunks a rank held that were not its own, or missed
};

class ThreadExchange final : public ClusterExchange {
 public:
  ThreadExchange(SharedRanks& shared, int rank) : s_(shared), rank_(rank) {}

  int most_threads(int threads) override {
    s_.threads[at_()] = threads;
    s_.sync.arrive_and_wait();
    int most = 0;
    for (const int t : s_.threads) most = std::max(most, t);
    s_.sync.arrive_and_wait();
    return most;
  }

  void sum_counts(Tallies& counts) override {
    s_.counts[at_()] = &counts;
    s_.sync.arrive_and_wait();
    Tallies sum(counts.layout);
    for (const Tallies* t : s_.counts) {
      for (std::size_t i = 0; i < sum.monthly_diff.size(); ++i) sum.monthly_diff[i] += t->monthly_diff[i];
      for (std::size_t i = 0; i < sum.first_job_hist.size(); ++i)
        sum.first_job_hist[i] += t->first_job_hist[i];
      for (std::size_t i = 0; i < sum.first_job_joint.size(); ++i)
        sum.first_job_joint[i] += t->first_job_joint[i];
      for (std::size_t i = 0; i < sum.group_persons.size(); ++i) sum.group_persons[i] += t->group_persons[i];
      for (std::size_t i = 0; i < sum.group_units.size(); ++i) sum.group_units[i] += t->group_units[i];
      sum.persons += t->persons;
    }
    s_.sync.arrive_and_wait();  // everyone has read everyone's before anyone overwrites
    counts.monthly_diff = sum.monthly_diff;
    counts.first_job_hist = sum.first_job_hist;
    counts.first_job_joint = sum.first_job_joint;
    counts.group_persons = sum.group_persons;
    counts.group_units = sum.group_units;
    counts.persons = sum.persons;
  }

  void gather_chunks(std::vector<Tallies>& chunk_sums) override {
    for (std::size_t c = 0; c < chunk_sums.size(); ++c)
      if (chunk_sums[c].variant_sums.empty() == (c % static_cast<std::size_t>(s_.ranks) == at_()))
        s_.chunks_off_share.fetch_add(1);
    s_.chunks[at_()] = &chunk_sums;
    s_.sync.arrive_and_wait();
    if (rank_ == 0)
      for (std::size_t c = 0; c < chunk_sums.size(); ++c)
        if (c % static_cast<std::size_t>(s_.ranks) != 0)
          chunk_sums[c] = (*s_.chunks[c % static_cast<std::size_t>(s_.ranks)])[c];
    s_.sync.arrive_and_wait();
  }

  void share_sums(Tallies& total) override {
    s_.totals[at_()] = &total;
    s_.sync.arrive_and_wait();
    if (rank_ != 0) {
      const Tallies& root = *s_.totals[0];
      total.variant_sums = root.variant_sums;
      total.pair_sums = root.pair_sums;
      total.participant_sums = root.participant_sums;
      total.calendar_money = root.calendar_money;
    }
    s_.sync.arrive_and_wait();
  }

 private:
  std::size_t at_() const { return static_cast<std::size_t>(rank_); }
  SharedRanks& s_;
  int rank_;
};

// With `uneven_threads`, odd ranks run one thread more than `o.threads`, as nodes of
// different sizes would: the waves of chunks must still be the same on every rank.
std::vector<Tallies> simulate_on_ranks(const CompiledModel& m, SimulationOptions o, int ranks,
                                       bool uneven_threads = false) {
  SharedRanks shared(ranks);
  std::vector<ThreadExchange> exchanges;
  for (int r = 0; r < ranks; ++r) exchanges.emplace_back(shared, r);
  std::vector<Tallies> out(static_cast<std::size_t>(ranks));
  std::vector<std::thread> pool;
  for (int r = 0; r < ranks; ++r)
    pool.emplace_back([&, r] {
      SimulationOptions mine = o;
      if (uneven_threads) mine.threads += r % 2;
      mine.partition = {r, ranks, &exchanges[static_cast<std::size_t>(r)]};
      out[static_cast<std::size_t>(r)] = simulate(m, mine);
    });
  for (auto& th : pool) th.join();
  EXPECT_EQ(shared.chunks_off_share.load(), 0) << "each rank simulates exactly the chunks c % ranks == rank";
  return out;
}

TEST(ChunkPartition, EveryRankEndsWithTheTalliesOfOneProcess) {
  Scenario s = bare_scenario(48, 5500, 4321);  // 6 chunks of 1024 persons
  s.frailty.variance = 0.7;
  s.output.decomposition = true;
  s.output.subgroup_dimensions = {Dimension::sex};
  s.population.shares[0].share = {0.5, 0.5};
  give_pathway(s, "policy", "p", {step("course", 2, 6), step("language", 0, 24, "language")});
  const Catalogue c = constant_hazard_catalogue(0.03, 0.005, 0.002, 0.02, 0.01);
  const CompiledModel m = compile_model(s, resolve_parameters(c, s));
  SimulationOptions o;
  o.seed = 7;
  const Tallies one = simulate(m, o);
  // 2 ranks of 1 thread: waves of 4 chunks, the last one part-filled.
  for (const int ranks : {2, 3, 7}) {  // 7 ranks for 6 chunks: one rank simulates none
    o.threads = ranks == 3 ? 2 : 1;
    const std::vector<Tallies> all = simulate_on_ranks(m, o, ranks);
    for (int r = 0; r < ranks; ++r)
      testing::expect_identical_tallies(one, all[static_cast<std::size_t>(r)],
                                        std::to_string(r) + " of " + std::to_string(ranks) + " ranks");
  }
  o.threads = 1;
  const std::vector<Tallies> uneven = simulate_on_ranks(m, o, 2, true);
  for (int r = 0; r < 2; ++r)
    testing::expect_identical_tallies(one, uneven[static_cast<std::size_t>(r)],
                                      std::to_string(r) + " of 2, 1 and 2 threads");
}

// Capacity worlds are simulated whole on every rank; only the other work is split.
TEST(ChunkPartition, CapacityWorldsGiveTheTalliesOfOneProcess) {
  const Catalogue catalogue = read_embedded_catalogue();
  Scenario s = read_scenario_file(source_path("scenarios/municipality_plan.toml"), catalogue);
  const CompiledModel m = compile_model(s, resolve_parameters(catalogue, s));
  SimulationOptions o;
  o.seed = s.seed;
  const Tallies one = simulate(m, o);
  ASSERT_FALSE(one.queues.empty());
  const std::vector<Tallies> all = simulate_on_ranks(m, o, 3);
  for (int r = 0; r < 3; ++r)
    testing::expect_identical_tallies(one, all[static_cast<std::size_t>(r)], std::to_string(r) + " of 3");
}

}  // namespace
}  // namespace integrasim::testing
