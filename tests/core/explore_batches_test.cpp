// The explorer's batches with prefix reuse: every candidate once, batches within their
// size, helpers only where enough of the batch extends them, and results byte-identical
// to simulating every candidate in full.
#include "analysis/explore_batches.h"

#include <gtest/gtest.h>

#include <map>

#include "io/explore_writer.h"
#include "test_support.h"

namespace integrasim {
namespace {

Catalogue sequence_catalogue() {
  Catalogue c = testing::constant_hazard_catalogue(0.03, 0.004, 0.001, 0.015, 0.01);
  for (const char* id : {"A", "B"}) {
    InterventionType& t = testing::add_full_time_intervention(c, id, 4.0, 0.7, 1.3);
    t.post_half_life = testing::test_value(std::string(id) + ".post_half_life", 12.0);
  }
  testing::add_ordered_interaction(c, "A", "B", 1.8);
  return c;
}

// Sequences of length 2-3 over three blocks with two durations each: the length-1
// prefixes are not candidates, so the explorer adds them as helpers. Danish classes run
// alongside on a fixed track.
ExploreSpec sequence_spec() {
  ExploreSpec spec;
  spec.name = "sequences";
  spec.where.file = "<test>";
  spec.base = testing::bare_scenario(48, 1500, 5);
  spec.base.frailty.variance = 0.5;
  testing::give_pathway(spec.base, "comparator", "classes", {testing::step("language", 1, 30, "language")});
  spec.comparator_arm = "comparator";
  spec.fixed_from = "classes";
  spec.fixed_tracks = {"language"};
  for (const char* id : {"A", "B", "course"}) {
    ExploreBlock b;
    b.label = id;
    b.intervention = id;
    b.durations = {3, 5};
    b.coverage = 0.9;
    b.gap_months = 1;
    b.where.file = "<test>";
    spec.blocks.push_back(b);
  }
  spec.min_length = 2;
  spec.max_length = 3;
  spec.repeats = true;
  spec.first_start_months = {2};
  spec.metric = "months_employed";
  spec.subgroups = {Dimension::sex};
  spec.decomposition = true;
  spec.robustness = false;
  return spec;
}

bool extends(const ExploreCandidate& shorter, const ExploreCandidate& longer) {
  return shorter.start_month == longer.start_month && shorter.blocks.size() < longer.blocks.size() &&
         std::equal(shorter.blocks.begin(), shorter.blocks.end(), longer.blocks.begin());
}

TEST(ExploreBatches, EveryCandidateOnceWithinTheBatchSizeAndHelpersOnlyWhereTheyPay) {
  const ExploreSpec spec = sequence_spec();
  std::int64_t enumerated = 0;
  const std::vector<ExploreCandidate> candidates = enumerate_candidates(spec, enumerated);
  ASSERT_EQ(candidates.size(), 36U + 216U);  // 6^2 + 6^3
  for (const int size : {1, 5, 32}) {
    const ExploreBatchPlan plan = plan_explore_batches(spec, candidates, size, true);
    std::map<int, int> seen;
    int helpers = 0;
    for (const auto& batch : plan.batches) {
      EXPECT_LE(batch.size(), static_cast<std::size_t>(size));
      for (const BatchArm& arm : batch) {
        ASSERT_NE(arm.pathway, nullptr);
        if (arm.candidate >= 0) {
          ++seen[arm.candidate];
          EXPECT_EQ(arm.pathway, &candidates[static_cast<std::size_t>(arm.candidate)]);
          continue;
        }
        ++helpers;
        const auto extending = std::count_if(batch.begin(), batch.end(), [&](const BatchArm& b) {
          return b.candidate >= 0 && extends(*arm.pathway, *b.pathway);
        });
        EXPECT_GE(extending, k_min_extensions_for_helper) << arm.pathway->sequence;
      }
    }
    ASSERT_EQ(seen.size(), candidates.size());
    for (const auto& [c, times] : seen) EXPECT_EQ(times, 1) << c;
    if (size == 32) {
      EXPECT_GT(helpers, 0);
    }
    if (size == 1) {
      EXPECT_EQ(helpers, 0);
    }
  }
  // Without reuse: enumeration order, no helpers.
  const ExploreBatchPlan plain = plan_explore_batches(spec, candidates, 32, false);
  int next = 0;
  for (const auto& batch : plain.batches)
    for (const BatchArm& arm : batch) EXPECT_EQ(arm.candidate, next++);
}

TEST(ExploreBatches, PrefixReuseGivesByteIdenticalResults) {
  const ExploreSpec spec = sequence_spec();
  const Catalogue c = sequence_catalogue();
  ExploreOptions full;
  full.threads = 2;
  full.reuse_prefixes = false;
  const ExploreResult plain = explore(spec, c, full);
  EXPECT_EQ(plain.helper_simulations, 0);
  ExploreOptions reuse = full;
  reuse.reuse_prefixes = true;
  const ExploreResult reused = explore(spec, c, reuse);
  EXPECT_GT(reused.helper_simulations, 0);
  EXPECT_EQ(explore_csv(plain, CsvDialect::standard), explore_csv(reused, CsvDialect::standard));
  reuse.batch_size = 7;
  EXPECT_EQ(explore_csv(plain, CsvDialect::standard),
            explore_csv(explore(spec, c, reuse), CsvDialect::standard));
}

}  // namespace
}  // namespace integrasim
