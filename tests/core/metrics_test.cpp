// The table of metrics (core/metrics.h): the columns it gives a scenario, name lookups,
// and the documentation tables generated from it. README.md's column table and
// docs/uncertainty.md's direction table must equal what the table in code generates; on a
// difference the test prints the table to paste.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "core/metrics.h"
#include "test_support.h"

namespace integrasim::testing {
namespace {

// The name a reader sees: employment_rate_mNN for the per-month row.
std::string shown_name(const MetricSpec& m) {
  std::string name(m.name);
  if (m.columns == MetricColumns::per_rate_month) name += "NN";
  return name;
}

std::string better(MetricDirection d) {
  switch (d) {
    case MetricDirection::higher_is_better:
      return "higher";
    case MetricDirection::lower_is_better:
      return "lower";
    case MetricDirection::none:
      break;
  }
  return "neither";
}

std::string averaged_over(const MetricSpec& m) {
  switch (m.estimator) {
    case Estimator::mean:
      break;
    case Estimator::ratio:
      return std::string(m.denominator);
    case Estimator::first_job_median:
      return "all persons (median)";
  }
  return "all persons";
}

// README.md, "summary.csv" > "Metrics".
std::string readme_table() {
  std::string out = "| metric | meaning | unit | better | averaged over |\n|---|---|---|---|---|\n";
  for (const MetricSpec& m : k_metrics) {
    out.append("| `").append(shown_name(m)).append("` | ").append(m.description).append(" | ");
    out.append(m.unit == "share" ? "share, 0–1" : m.unit)
        .append(" | ")
        .append(better(m.direction))
        .append(" | ")
        .append(averaged_over(m));
    out.append(" |\n");
  }
  return out;
}

// docs/uncertainty.md: which way is better.
std::string direction_table() {
  const MetricDirection order[] = {MetricDirection::higher_is_better, MetricDirection::lower_is_better,
                                   MetricDirection::none};
  std::string out = "| better when higher | better when lower | no direction |\n|---|---|---|\n|";
  for (const MetricDirection d : order) {
    std::string cell;
    for (const MetricSpec& m : k_metrics) {
      if (m.direction != d) continue;
      if (!cell.empty()) cell.append(", ");
      cell.append("`").append(m.name);
      if (m.columns == MetricColumns::per_rate_month) cell.append("*");
      cell.append("`");
    }
    out.append(" ").append(cell).append(" |");
  }
  return out + "\n";
}

// The Markdown table in `file` whose first line starts with `header`: that line and the
// table lines after it.
std::string table_in(const std::string& file, const std::string& header) {
  std::ifstream in(source_path(file));
  std::string line;
  std::string out;
  bool inside = false;
  while (std::getline(in, line)) {
    if (!inside && line.starts_with(header)) inside = true;
    if (!inside) continue;
    if (!line.starts_with("|")) break;
    out += line + "\n";
  }
  return out;
}

TEST(MetricTable, ReadmeColumnTableIsGeneratedFromTheTableInCode) {
  const std::string expected = readme_table();
  const std::string actual = table_in("README.md", "| metric | meaning |");
  ASSERT_FALSE(actual.empty()) << "README.md has no table starting with '| metric | meaning |'";
  EXPECT_EQ(actual, expected) << "README.md's metric table differs from k_metrics (sim/core/metrics.h); "
                                 "replace it with:\n"
                              << expected;
}

TEST(MetricTable, UncertaintyDirectionTableIsGeneratedFromTheTableInCode) {
  const std::string expected = direction_table();
  const std::string actual = table_in("docs/uncertainty.md", "| better when higher |");
  ASSERT_FALSE(actual.empty()) << "docs/uncertainty.md has no table starting with '| better when higher |'";
  EXPECT_EQ(actual, expected) << "docs/uncertainty.md's direction table differs from k_metrics "
                                 "(sim/core/metrics.h); replace it with:\n"
                              << expected;
}

TEST(MetricTable, ColumnsAreTheRowsInOrderWithOneColumnPerRateMonth) {
  const std::vector<MetricColumn> columns = metric_columns({12, 36});
  ASSERT_EQ(columns.size(), k_metric_count + 1);
  EXPECT_EQ(columns.front().name, "months_on_benefit");
  EXPECT_EQ(columns[static_cast<std::size_t>(k_fixed_metric_count)].name, "employment_rate_m12");
  EXPECT_EQ(columns[static_cast<std::size_t>(k_fixed_metric_count)].month, 12);
  EXPECT_EQ(columns[static_cast<std::size_t>(k_fixed_metric_count) + 1].name, "employment_rate_m36");
  EXPECT_EQ(columns[static_cast<std::size_t>(k_fixed_metric_count) + 1].metric, Metric::employment_rate);
  EXPECT_EQ(columns.back().name, "median_time_to_first_job");
  // The tally columns are the first ones: everything but the median.
  EXPECT_EQ(tally_column_count({12, 36}), static_cast<int>(columns.size()) - 1);
  EXPECT_EQ(metric_columns({}).size(), k_metric_count - 1);
}

TEST(MetricTable, EveryColumnNameFindsItsRow) {
  for (const MetricColumn& c : metric_columns({6, 60})) {
    const MetricSpec* spec = find_metric(c.name);
    ASSERT_NE(spec, nullptr) << c.name;
    EXPECT_EQ(spec->id, c.metric) << c.name;
    EXPECT_EQ(metric_direction(c.name), spec->direction) << c.name;
  }
  EXPECT_EQ(find_metric("months_on_benefit_se"), nullptr);
  EXPECT_EQ(find_metric("net_monetary_value"), nullptr);
  EXPECT_EQ(metric_direction("no_such_metric"), MetricDirection::none);
}

TEST(MetricTable, OnlyMeansComeBeforeTheRatiosInTheTallies) {
  for (int k = 0; k < tally_column_count({24}); ++k) {
    const MetricColumn c = metric_columns({24})[static_cast<std::size_t>(k)];
    EXPECT_EQ(metric_spec(c.metric).estimator == Estimator::mean, k < k_mean_column_count) << c.name;
  }
}

}  // namespace
}  // namespace integrasim::testing
