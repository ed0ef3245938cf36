#include "io/batch_writer.h"

#include <algorithm>
#include <iterator>
#include <limits>

#include "core/diagnostics.h"
#include "io/result_writers.h"

namespace integrasim {
namespace {

constexpr double k_empty = std::numeric_limits<double>::quiet_NaN();

void check_results(const Results& r) {
  for (const SummaryRow& row : r.summary) {
    const bool ok =
        row.arm >= 0 && static_cast<std::size_t>(row.arm) < r.arms.size() && row.subgroup >= 0 &&
        static_cast<std::size_t>(row.subgroup) < r.subgroups.size() &&
        row.metrics.size() == r.metrics.size() &&
        (row.arm == r.comparator_arm || (row.vs_comparator.size() == r.metrics.size() &&
                                         row.per_participant.size() == per_participant_count(r.metrics)));
    if (!ok) fail_internal("a summary row does not match its results' arms, subgroups or metrics");
  }
}

// The metrics of several runs by name, in order of first appearance: scenarios may report
// employment rates at different months.
std::vector<MetricInfo> metric_union(const std::vector<const Results*>& runs) {
  std::vector<MetricInfo> metrics;
  for (const Results* r : runs)
    for (const MetricInfo& m : r->metrics)
      if (std::none_of(metrics.begin(), metrics.end(), [&](const MetricInfo& k) { return k.name == m.name; }))
        metrics.push_back(m);
  return metrics;
}

// The columns of summary.csv after any leading ones, in its order.
void add_summary_columns(std::vector<TableColumn>& columns, const std::vector<MetricInfo>& metrics) {
  std::vector<TableColumn> summary = summary_columns(metrics);
  columns.insert(columns.end(), std::make_move_iterator(summary.begin()),
                 std::make_move_iterator(summary.end()));
}

// Per metric of `metrics`, its index in r.metrics, or -1 if the run does not report it.
std::vector<int> metric_indices(const Results& r, const std::vector<MetricInfo>& metrics) {
  std::vector<int> at;
  for (const MetricInfo& metric : metrics) {
    int found = -1;
    for (std::size_t k = 0; k < r.metrics.size(); ++k)
      if (r.metrics[k].name == metric.name) found = static_cast<int>(k);
    at.push_back(found);
  }
  return at;
}

void add_estimate(Table& table, const std::vector<Estimate>& estimates, int k) {
  table.add_number(k < 0 ? k_empty : estimates[static_cast<std::size_t>(k)].value);
  table.add_number(k < 0 ? k_empty : estimates[static_cast<std::size_t>(k)].se);
}

// One summary.csv row's cells, the metrics in the order of `at` (metric_indices); the
// comparator's differences and metrics the run does not report are empty.
void add_summary_cells(Table& table, const Results& r, const SummaryRow& row,
                       const std::vector<MetricInfo>& metrics, const std::vector<int>& at) {
  const ArmInfo& arm = r.arms[static_cast<std::size_t>(row.arm)];
  const SubgroupInfo& subgroup = r.subgroups[static_cast<std::size_t>(row.subgroup)];
  table.add_text(arm.name);
  table.add_text(arm.role);
  table.add_text(subgroup.name);
  table.add_text(subgroup.dimension);
  table.add_integer(static_cast<std::int64_t>(row.persons));
  for (const int k : at) add_estimate(table, row.metrics, k);
  for (const int k : at) add_estimate(table, row.vs_comparator, row.arm == r.comparator_arm ? -1 : k);
  for (std::size_t i = 0; i < at.size(); ++i) {
    if (!per_participant_column(metrics[i])) continue;
    add_estimate(table, row.per_participant,
                 row.arm == r.comparator_arm ? -1 : per_participant_position(r, at[i]));
  }
}

}  // namespace

Table batch_table(const std::vector<BatchEntry>& entries) {
  std::vector<const Results*> runs;
  for (const BatchEntry& e : entries) {
    check_results(*e.results);
    runs.push_back(e.results);
  }
  const std::vector<MetricInfo> metrics = metric_union(runs);
  std::vector<TableColumn> columns = {{"scenario"}, {"scenario_file"}};
  add_summary_columns(columns, metrics);
  Table table(std::move(columns));
  for (const BatchEntry& e : entries) {
    const std::vector<int> at = metric_indices(*e.results, metrics);
    for (const SummaryRow& row : e.results->summary) {
      table.add_text(e.name);
      table.add_text(e.file);
      add_summary_cells(table, *e.results, row, metrics, at);
      table.end_row();
    }
  }
  return table;
}

Table sweep_table(const std::string& scenario_name, const std::string& scenario_file, const SweepSpec& spec,
                  const SweepResults& sweep) {
  // A swept value may be a share, a month or a count of places: its unit is not known here.
  std::vector<TableColumn> columns;
  for (const SweepDimension& d : spec.dimensions) columns.push_back({d.target.name});
  columns.push_back({"scenario"});
  columns.push_back({"scenario_file"});
  std::vector<const Results*> runs;
  for (const SweepPoint& p : sweep.points) {
    check_results(p.results);
    runs.push_back(&p.results);
  }
  const std::vector<MetricInfo> metrics = metric_union(runs);
  add_summary_columns(columns, metrics);
  for (const MetricInfo& m : metrics) {
    const ColumnUnit unit = column_unit_of(m.unit);
    std::string name = "vs_first_";
    name += m.name;
    columns.push_back({name, unit});
    columns.push_back({name + "_se", unit});
  }
  Table table(std::move(columns));
  for (std::size_t p = 0; p < sweep.points.size(); ++p) {
    const SweepPoint& point = sweep.points[p];
    const std::vector<int> at = metric_indices(point.results, metrics);
    if (p > 0 && point.vs_first.size() != point.results.summary.size())
      fail_internal("sweep point has differences for another number of rows");
    for (std::size_t r = 0; r < point.results.summary.size(); ++r) {
      for (const double v : point.values) table.add_number(v);
      table.add_text(scenario_name);
      table.add_text(scenario_file);
      add_summary_cells(table, point.results, point.results.summary[r], metrics, at);
      // The first point has no difference to itself.
      if (p == 0) {
        for (std::size_t k = 0; k < at.size(); ++k) add_estimate(table, {}, -1);
      } else {
        for (const int k : at) add_estimate(table, point.vs_first[r], k);
      }
      table.end_row();
    }
  }
  return table;
}

}  // namespace integrasim
