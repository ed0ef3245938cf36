// The pathway explorer: it finds a planted best sequence (an ordered interaction makes
// "A then B" better than "B then A"), ranks under the three combination rules, and its
// results (explore.csv) are byte-identical for any thread count, also through the binary.
#include "analysis/explorer.h"

#include <gtest/gtest.h>

#include <cmath>

#include <filesystem>
#include <string>

#include "io/explore_writer.h"
#include "process_support.h"
#include "test_support.h"

namespace integrasim {
namespace {

// Two full-time interventions A and B with the same small post effect, and an ordered
// interaction: B completed after A multiplies the job hazard by 2.5.
Catalogue planted_catalogue() {
  Catalogue c = testing::constant_hazard_catalogue(0.03, 0.0, 0.0, 0.01, 0.0);
  for (const char* id : {"A", "B"}) {
    InterventionType& t = testing::add_full_time_intervention(c, id, 3.0, 0.8, 1.2);
    t.anticipation_months = testing::test_value(std::string(id) + ".anticipation_months", 0.0);
  }
  testing::add_ordered_interaction(c, "A", "B", 2.5);
  return c;
}

ExploreSpec planted_spec() {
  ExploreSpec spec;
  spec.name = "planted";
  spec.where.file = "<test>";
  spec.base = testing::bare_scenario(36, 3000, 11);
  spec.comparator_arm = "comparator";
  for (const char* id : {"A", "B"}) {
    ExploreBlock b;
    b.label = id;
    b.intervention = id;
    b.durations = {3};
    b.where.file = "<test>";
    spec.blocks.push_back(b);
  }
  spec.min_length = 1;
  spec.max_length = 2;
  spec.order_matters = true;
  spec.repeats = false;
  spec.first_start_months = {1};
  spec.metric = "months_employed";
  spec.subgroups = {Dimension::sex};
  spec.decomposition = true;
  return spec;
}

const ExploreRow& row_of(const ExploreResult& r, const std::string& sequence, const std::string& subgroup) {
  for (const ExploreRow& row : r.rows) {
    if (row.candidate < 0 || r.subgroups[static_cast<std::size_t>(row.subgroup)].name != subgroup) continue;
    if (r.candidates[static_cast<std::size_t>(row.candidate)].sequence == sequence) return row;
  }
  throw std::runtime_error("no row " + sequence);
}

TEST(Explorer, FindsThePlantedBestSequence) {
  const ExploreSpec spec = planted_spec();
  ExploreOptions options;
  const ExploreResult r = explore(spec, planted_catalogue(), options);
  ASSERT_EQ(r.candidates.size(), 4U);  // A, B, A > B, B > A
  EXPECT_FALSE(r.fractional);
  const ExploreRow& ab = row_of(r, "from m1: A 3m > B 3m", "all");
  const ExploreRow& ba = row_of(r, "from m1: B 3m > A 3m", "all");
  EXPECT_EQ(ab.rank, 1);
  EXPECT_GT(ba.rank, 1);
  // Both against the same comparator with the same persons: A then B gains clearly more.
  EXPECT_GT(ab.diff.value - ba.diff.value, 3 * (ab.diff.se + ba.diff.se));
  EXPECT_GT(ab.diff.value, 3 * ab.diff.se);
  // The interaction is a post-programme effect: the decomposition adds up to the total.
  ASSERT_TRUE(ab.has_decomposition);
  EXPECT_NEAR(ab.decomposition[3].value, ab.decomposition[1].value + ab.decomposition[2].value, 1e-9);
  EXPECT_GT(ab.decomposition[2].value, 0.0);
  // The interaction term is added under every combination rule, so the order stays best.
  EXPECT_EQ(ab.rank_by_rule[0], 1);
  EXPECT_EQ(ab.rank_by_rule[1], 1);
  EXPECT_EQ(ab.rank_by_rule[2], 1);
  EXPECT_EQ(row_of(r, "from m1: A 3m > B 3m", "male").rank, 1);
  // Reporting: an empty subgroup (no women in this cohort) has no rows (analysis/summarise.cpp).
  EXPECT_THROW(row_of(r, "from m1: A 3m > B 3m", "female"), std::runtime_error);
  // The first row of each subgroup is the comparator, then by rank.
  EXPECT_EQ(r.rows[0].candidate, -1);
  EXPECT_EQ(r.rows[1].candidate, ab.candidate);
}

TEST(Explorer, WithoutTheInteractionTheOrderDoesNotMatter) {
  Catalogue c = planted_catalogue();
  c.interactions.clear();
  ExploreSpec spec = planted_spec();
  spec.robustness = false;
  const ExploreResult r = explore(spec, c, ExploreOptions{});
  const ExploreRow& ab = row_of(r, "from m1: A 3m > B 3m", "all");
  const ExploreRow& ba = row_of(r, "from m1: B 3m > A 3m", "all");
  // Same effects, same persons, same random numbers: identical outcomes.
  EXPECT_EQ(ab.value.value, ba.value.value);
  EXPECT_EQ(ab.rank_by_rule[0], 0);  // robustness off: not run
}

TEST(Explorer, EveryMetricIsReportedWithItsPairedDifference) {
  const ExploreSpec spec = planted_spec();
  const ExploreResult r = explore(spec, planted_catalogue(), ExploreOptions{});
  ASSERT_FALSE(r.metrics.empty());
  std::size_t k = r.metrics.size();
  for (std::size_t i = 0; i < r.metrics.size(); ++i)
    if (r.metrics[i].name == r.metric) k = i;
  ASSERT_LT(k, r.metrics.size());
  // Equal, or both not available (a subgroup without persons).
  const auto same = [](double a, double b) { return (std::isnan(a) && std::isnan(b)) || a == b; };
  for (const ExploreRow& row : r.rows) {
    ASSERT_EQ(row.metrics.size(), r.metrics.size());
    // The ranking metric's own columns are the same numbers as its entry in the list.
    EXPECT_TRUE(same(row.metrics[k].value, row.value.value));
    EXPECT_TRUE(same(row.metrics[k].se, row.value.se));
    if (row.candidate < 0) {
      EXPECT_TRUE(row.metric_diffs.empty());
    } else {
      ASSERT_EQ(row.metric_diffs.size(), r.metrics.size());
      EXPECT_TRUE(same(row.metric_diffs[k].value, row.diff.value));
    }
  }
  const std::string csv = explore_csv(r, CsvDialect::standard);
  const std::string header = csv.substr(0, csv.find('\r'));
  EXPECT_NE(header.find(",months_on_benefit,months_on_benefit_se,"), std::string::npos) << header;
  EXPECT_NE(header.find(",diff_months_employed,diff_months_employed_se"), std::string::npos) << header;
}

TEST(Explorer, ResultsAreIdenticalForAnyThreadCountAndBatchSize) {
  ExploreSpec spec = planted_spec();
  spec.base.persons = 5000;
  const Catalogue c = planted_catalogue();
  ExploreOptions one;
  one.threads = 1;
  ExploreOptions two;
  two.threads = 2;
  const std::string a = explore_csv(explore(spec, c, one), CsvDialect::standard);
  const std::string b = explore_csv(explore(spec, c, two), CsvDialect::standard);
  EXPECT_EQ(a, b);
  ExploreOptions single_arm_batches;
  single_arm_batches.batch_size = 1;  // each candidate compiled alone with the comparator
  EXPECT_EQ(a, explore_csv(explore(spec, c, single_arm_batches), CsvDialect::standard));
  EXPECT_EQ(explore_csv(explore(spec, c, one), CsvDialect::excel_da),
            explore_csv(explore(spec, c, two), CsvDialect::excel_da));
}

TEST(Explorer, DrawsGiveTheProbabilityOfBeingBest) {
  ExploreSpec spec = planted_spec();
  spec.robustness = false;
  spec.decomposition = false;
  ExploreOptions options;
  options.draws = 3;
  options.sample = [](const Parameters& base, std::uint32_t) { return base; };  // fixed parameters
  const ExploreResult r = explore(spec, planted_catalogue(), options);
  const ExploreRow& ab = row_of(r, "from m1: A 3m > B 3m", "all");
  EXPECT_DOUBLE_EQ(ab.prob_best, 1.0);
  EXPECT_DOUBLE_EQ(row_of(r, "from m1: B 3m > A 3m", "all").prob_best, 0.0);
}

TEST(ExplorerCli, ExampleSpecIsByteIdenticalAcrossThreadsAndWithoutPrefixReuse) {
  const std::string dir = testing::make_temp_dir("explore-cli");
  const std::string spec = testing::source_path("scenarios/explore/language_company.toml");
  const auto one = testing::run_integrasim(
      {"explore", spec, "--persons", "2000", "--threads", "1", "--quiet", "--out", dir + "/one"});
  ASSERT_EQ(one.exit_code, 0) << testing::describe(one);
  const auto two = testing::run_integrasim(
      {"explore", spec, "--persons", "2000", "--threads", "2", "--quiet", "--out", dir + "/two"});
  ASSERT_EQ(two.exit_code, 0) << testing::describe(two);
  const auto full = testing::run_integrasim({"explore", spec, "--persons", "2000", "--threads", "2",
                                             "--no-prefix-reuse", "--quiet", "--out", dir + "/full"});
  ASSERT_EQ(full.exit_code, 0) << testing::describe(full);
  const std::string a = testing::read_file_bytes(dir + "/one/explore.csv");
  EXPECT_EQ(a, testing::read_file_bytes(dir + "/two/explore.csv"));
  EXPECT_EQ(a, testing::read_file_bytes(dir + "/full/explore.csv"));  // prefix reuse changes nothing
  EXPECT_TRUE(std::filesystem::exists(dir + "/one/manifest.json"));
  const auto rows = testing::parse_csv(a);
  ASSERT_GT(rows.size(), 2U);
  EXPECT_EQ(rows[0][0], "pathway");
  EXPECT_EQ(rows[1][0], "business_as_usual");
  EXPECT_EQ(rows[2][21], "1");  // the best pathway of "all" comes right after the comparator
}

TEST(ExplorerCli, BadSpecExitsWithTwoAndWritesNothing) {
  const std::string dir = testing::make_temp_dir("explore-cli-bad");
  testing::write_file_bytes(dir + "/bad.toml", "[explore]\nname = \"x\"\n");
  const auto r = testing::run_integrasim({"explore", dir + "/bad.toml", "--out", dir + "/out"});
  EXPECT_EQ(r.exit_code, 2) << testing::describe(r);
  EXPECT_NE(r.err.find("bad.toml:1:1: [explore] is missing the required key 'scenario'"), std::string::npos)
      << r.err;
  EXPECT_FALSE(std::filesystem::exists(dir + "/out"));
}

}  // namespace
}  // namespace integrasim
