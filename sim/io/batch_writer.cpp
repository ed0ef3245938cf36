#include "io/batch_writer.h"

#include <algorithm>
#include <limits>

#include "core/diagnostics.h"

namespace integrasim {
namespace {

constexpr double k_empty = std::numeric_limits<double>::quiet_NaN();

void check_results(const Results& r) {
  for (const SummaryRow& row : r.summary) {
    const bool ok = row.arm >= 0 && static_cast<std::size_t>(row.arm) < r.arms.size() && row.subgroup >= 0 &&
                    static_cast<std::size_t>(row.subgroup) < r.subgroups.size() &&
                    row.metrics.size() == r.metrics.size() &&
                    (row.arm == r.comparator_arm || row.vs_comparator.size() == r.metrics.size());
    if (!ok) fail_internal("a summary row does not match its results' arms, subgroups or metrics");
  }
}

// The metrics of several runs by name, in order of first appearance: scenarios may report
// employment rates at different months.
std::vector<std::string> metric_union(const std::vector<const Results*>& runs) {
  std::vector<std::string> names;
  for (const Results* r : runs)
    for (const MetricInfo& m : r->metrics)
      if (std::find(names.begin(), names.end(), m.name) == names.end()) names.push_back(m.name);
  return names;
}

// The columns of summary.csv after any leading ones, in its order (README "summary.csv").
std::vector<std::string> summary_columns(const std::vector<std::string>& metrics) {
  std::vector<std::string> names = {"arm", "role", "subgroup", "dimension", "persons"};
  for (const std::string& m : metrics) {
    names.push_back(m);
    names.push_back(m + "_se");
  }
  for (const std::string& m : metrics) {
    std::string diff = "diff_";
    diff += m;
    names.push_back(diff);
    names.push_back(diff + "_se");
  }
  return names;
}

// Per metric of `metrics`, its index in r.metrics, or -1 if the run does not report it.
std::vector<int> metric_indices(const Results& r, const std::vector<std::string>& metrics) {
  std::vector<int> at;
  for (const std::string& name : metrics) {
    int found = -1;
    for (std::size_t k = 0; k < r.metrics.size(); ++k)
      if (r.metrics[k].name == name) found = static_cast<int>(k);
    at.push_back(found);
  }
  return at;
}

void add_estimate(std::vector<TableCell>& cells, const std::vector<Estimate>& estimates, int k) {
  cells.emplace_back(k < 0 ? k_empty : estimates[static_cast<std::size_t>(k)].value);
  cells.emplace_back(k < 0 ? k_empty : estimates[static_cast<std::size_t>(k)].se);
}

// One summary.csv row as cells, the metrics in the order of `at` (metric_indices); the
// comparator's differences and metrics the run does not report are empty.
std::vector<TableCell> summary_cells(const Results& r, const SummaryRow& row, const std::vector<int>& at) {
  std::vector<TableCell> cells;
  const ArmInfo& arm = r.arms[static_cast<std::size_t>(row.arm)];
  const SubgroupInfo& subgroup = r.subgroups[static_cast<std::size_t>(row.subgroup)];
  cells.emplace_back(arm.name);
  cells.emplace_back(arm.role);
  cells.emplace_back(subgroup.name);
  cells.emplace_back(subgroup.dimension);
  cells.emplace_back(static_cast<std::int64_t>(row.persons));
  for (const int k : at) add_estimate(cells, row.metrics, k);
  for (const int k : at) add_estimate(cells, row.vs_comparator, row.arm == r.comparator_arm ? -1 : k);
  return cells;
}

}  // namespace

ResultTable batch_table(const std::vector<BatchEntry>& entries) {
  std::vector<const Results*> runs;
  for (const BatchEntry& e : entries) {
    check_results(*e.results);
    runs.push_back(e.results);
  }
  const std::vector<std::string> metrics = metric_union(runs);
  ResultTable table;
  table.header = {"scenario", "scenario_file"};
  for (std::string& c : summary_columns(metrics)) table.header.push_back(std::move(c));
  for (const BatchEntry& e : entries) {
    const std::vector<int> at = metric_indices(*e.results, metrics);
    for (const SummaryRow& row : e.results->summary) {
      std::vector<TableCell> cells = {e.name, e.file};
      for (TableCell& c : summary_cells(*e.results, row, at)) cells.push_back(std::move(c));
      table.rows.push_back(std::move(cells));
    }
  }
  return table;
}

ResultTable sweep_table(const std::string& scenario_name, const std::string& scenario_file,
                        const SweepSpec& spec, const SweepResults& sweep) {
  ResultTable table;
  for (const SweepDimension& d : spec.dimensions) table.header.push_back(d.target.name);
  table.header.emplace_back("scenario");
  table.header.emplace_back("scenario_file");
  std::vector<const Results*> runs;
  for (const SweepPoint& p : sweep.points) {
    check_results(p.results);
    runs.push_back(&p.results);
  }
  const std::vector<std::string> metrics = metric_union(runs);
  for (std::string& c : summary_columns(metrics)) table.header.push_back(std::move(c));
  for (const std::string& m : metrics) {
    std::string name = "vs_first_";
    name += m;
    table.header.push_back(name);
    table.header.push_back(name + "_se");
  }
  for (std::size_t p = 0; p < sweep.points.size(); ++p) {
    const SweepPoint& point = sweep.points[p];
    const std::vector<int> at = metric_indices(point.results, metrics);
    if (p > 0 && point.vs_first.size() != point.results.summary.size())
      fail_internal("sweep point has differences for another number of rows");
    for (std::size_t r = 0; r < point.results.summary.size(); ++r) {
      std::vector<TableCell> cells;
      for (const double v : point.values) cells.emplace_back(v);
      cells.emplace_back(scenario_name);
      cells.emplace_back(scenario_file);
      for (TableCell& c : summary_cells(point.results, point.results.summary[r], at))
        cells.push_back(std::move(c));
      // The first point has no difference to itself.
      if (p == 0) {
        for (std::size_t k = 0; k < at.size(); ++k) add_estimate(cells, {}, -1);
      } else {
        for (const int k : at) add_estimate(cells, point.vs_first[r], k);
      }
      table.rows.push_back(std::move(cells));
    }
  }
  return table;
}

}  // namespace integrasim
