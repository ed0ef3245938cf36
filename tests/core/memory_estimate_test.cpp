// The memory estimate of a run (core/memory_estimate.h, issue 12 item 9): its terms grow
// with what they say they grow with, a run beyond the limit is refused with the estimate,
// the limit and what to change, and an exception in a worker thread ends simulate() like
// any other error. The estimate's accuracy against measured peaks is in docs/memory.md.
#include "core/memory_estimate.h"

#include <gtest/gtest.h>

#include <string>

#include "core/diagnostics.h"
#include "core/engine.h"
#include "test_support.h"

namespace integrasim::testing {
namespace {

CompiledModel model_of(std::int64_t persons, int horizon, bool all_subgroups) {
  Scenario s = bare_scenario(horizon, persons);
  if (all_subgroups) {
    s.output.subgroup_dimensions.clear();
    for (int d = 0; d < k_dimension_count; ++d)
      s.output.subgroup_dimensions.push_back(static_cast<Dimension>(d));
  }
  const Catalogue c = constant_hazard_catalogue(0.05, 0.0, 0.0, 0.01, 0.0);
  return compile_model(s, resolve_parameters(c, s));
}

TEST(MemoryEstimate, GrowsWithMonthsSubgroupsThreadsAndRanksButNotPersons) {
  const std::uint64_t small = estimate_run_memory(model_of(10'000, 60, false), 1).total_bytes;
  // The chunks' sums are folded into the total as they finish (core/ordered_fold.h).
  EXPECT_EQ(estimate_run_memory(model_of(2'000'000, 60, true), 2).total_bytes,
            estimate_run_memory(model_of(200'000, 60, true), 2).total_bytes);
  EXPECT_GT(estimate_run_memory(model_of(200'000, 60, true), 2, 3).total_bytes,
            estimate_run_memory(model_of(200'000, 60, true), 2).total_bytes);
  EXPECT_GT(estimate_run_memory(model_of(10'000, 600, false), 1).total_bytes, small);
  EXPECT_GT(estimate_run_memory(model_of(10'000, 60, true), 1).total_bytes, small);
  EXPECT_GT(estimate_run_memory(model_of(10'000, 60, true), 8).total_bytes,
            estimate_run_memory(model_of(10'000, 60, true), 1).total_bytes);
}

TEST(MemoryEstimate, TermsAddUpAndComeLargestFirst) {
  const MemoryEstimate e = estimate_run_memory(model_of(600'000, 600, true), 2);
  std::uint64_t sum = 0;
  for (std::size_t i = 0; i < e.terms.size(); ++i) {
    sum += e.terms[i].bytes;
    if (i > 0) {
      EXPECT_GE(e.terms[i - 1].bytes, e.terms[i].bytes);
    }
  }
  EXPECT_EQ(sum, e.total_bytes);
  // Each thread's monthly table over 600 months for every subgroup cell.
  EXPECT_EQ(e.terms.front().name, "monthly tables and sums per thread");
}

TEST(MemoryEstimate, ARunBeyondTheLimitIsRefusedWithWhatToChange) {
  const MemoryEstimate e = estimate_run_memory(model_of(600'000, 600, true), 2);
  try {
    check_memory(e, MemoryLimit{100U << 20U, "--max-memory 100M"});
    FAIL() << "no error";
  } catch (const InputError& error) {
    const std::string expected =
        "the run needs an estimated " + format_bytes(e.total_bytes) +
        " of memory, more than the 100 MB allowed (--max-memory 100M); the largest "
        "part is monthly tables and sums per thread (" +
        format_bytes(e.terms.front().bytes) +
        "), which grows with threads, arms, subgroups and months: use fewer --threads, "
        "simulate fewer months, arms or subgroups (or turn the decomposition off), or raise "
        "--max-memory if the machine has the memory";
    EXPECT_EQ(error.what(), expected);
  }
  EXPECT_NO_THROW(check_memory(e, MemoryLimit{e.total_bytes, "--max-memory"}));
  EXPECT_NO_THROW(check_memory(e, MemoryLimit{}));  // no limit
}

TEST(MemoryEstimate, SimulateRefusesBeforeSimulating) {
  SimulationOptions options;
  options.memory_limit = MemoryLimit{1U << 20U, "--max-memory 1M"};
  bool progressed = false;
  options.progress = [&](double) { progressed = true; };
  EXPECT_THROW(simulate(model_of(2'000, 60, false), options), InputError);
  EXPECT_FALSE(progressed);
}

TEST(MemoryEstimate, BytesAreShownInPowersOf1024) {
  EXPECT_EQ(format_bytes(512), "512 bytes");
  EXPECT_EQ(format_bytes(1536), "1.5 kB");
  EXPECT_EQ(format_bytes(500U << 20U), "500 MB");
  EXPECT_EQ(format_bytes(std::uint64_t{63} << 30U), "63 GB");
}

// An exception thrown in a worker (here by the progress callback of a one-thread run, and
// by a pool of two, where the calling thread reports) comes out of simulate().
TEST(MemoryEstimate, AnExceptionInAWorkerComesOutOfSimulate) {
  for (const int threads : {1, 2}) {
    SimulationOptions options;
    options.threads = threads;
    options.progress = [](double) { throw std::bad_alloc(); };
    EXPECT_THROW(simulate(model_of(50'000, 60, false), options), std::bad_alloc) << threads;
  }
}

}  // namespace
}  // namespace integrasim::testing
