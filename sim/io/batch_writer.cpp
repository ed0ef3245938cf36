#include "io/batch_writer.h"

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

// The columns of summary.csv after any leading ones, in its order (README "summary.csv").
std::vector<std::string> summary_columns(const Results& r) {
  std::vector<std::string> names = {"arm", "role", "subgroup", "dimension", "persons"};
  for (const MetricInfo& m : r.metrics) {
    names.push_back(m.name);
    names.push_back(m.name + "_se");
  }
  for (const MetricInfo& m : r.metrics) {
    std::string diff = "diff_";
    diff += m.name;
    names.push_back(diff);
    names.push_back(diff + "_se");
  }
  return names;
}

// One summary.csv row as cells; the comparator's differences are empty, as there.
std::vector<TableCell> summary_cells(const Results& r, const SummaryRow& row) {
  std::vector<TableCell> cells;
  const ArmInfo& arm = r.arms[static_cast<std::size_t>(row.arm)];
  const SubgroupInfo& subgroup = r.subgroups[static_cast<std::size_t>(row.subgroup)];
  cells.emplace_back(arm.name);
  cells.emplace_back(arm.role);
  cells.emplace_back(subgroup.name);
  cells.emplace_back(subgroup.dimension);
  cells.emplace_back(static_cast<std::int64_t>(row.persons));
  for (const Estimate& e : row.metrics) {
    cells.emplace_back(e.value);
    cells.emplace_back(e.se);
  }
  for (std::size_t k = 0; k < r.metrics.size(); ++k) {
    const bool comparator = row.arm == r.comparator_arm;
    cells.emplace_back(comparator ? k_empty : row.vs_comparator[k].value);
    cells.emplace_back(comparator ? k_empty : row.vs_comparator[k].se);
  }
  return cells;
}

// Runs in one table must have one set of columns.
void check_same_columns(const std::vector<std::string>& expected, const std::vector<std::string>& got,
                        const std::string& which) {
  if (expected != got) fail_internal(which + " has other summary columns than the first run of the table");
}

}  // namespace

ResultTable batch_table(const std::vector<BatchEntry>& entries) {
  ResultTable table;
  table.header = {"scenario", "scenario_file"};
  std::vector<std::string> columns;
  for (const BatchEntry& e : entries) {
    check_results(*e.results);
    if (columns.empty()) {
      columns = summary_columns(*e.results);
      table.header.insert(table.header.end(), columns.begin(), columns.end());
    }
    check_same_columns(columns, summary_columns(*e.results), "scenario '" + e.name + "'");
    for (const SummaryRow& row : e.results->summary) {
      std::vector<TableCell> cells = {e.name, e.file};
      for (TableCell& c : summary_cells(*e.results, row)) cells.push_back(std::move(c));
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
  if (sweep.points.empty()) return table;
  const Results& first = sweep.points.front().results;
  const std::vector<std::string> columns = summary_columns(first);
  table.header.insert(table.header.end(), columns.begin(), columns.end());
  for (const MetricInfo& m : first.metrics) {
    std::string name = "vs_first_";
    name += m.name;
    table.header.push_back(name);
    table.header.push_back(name + "_se");
  }
  for (std::size_t p = 0; p < sweep.points.size(); ++p) {
    const SweepPoint& point = sweep.points[p];
    check_results(point.results);
    check_same_columns(columns, summary_columns(point.results), "sweep point " + std::to_string(p + 1));
    if (p > 0 && point.vs_first.size() != point.results.summary.size())
      fail_internal("sweep point has differences for another number of rows");
    for (std::size_t r = 0; r < point.results.summary.size(); ++r) {
      std::vector<TableCell> cells;
      for (const double v : point.values) cells.emplace_back(v);
      cells.emplace_back(scenario_name);
      cells.emplace_back(scenario_file);
      for (TableCell& c : summary_cells(point.results, point.results.summary[r]))
        cells.push_back(std::move(c));
      for (std::size_t k = 0; k < point.results.metrics.size(); ++k) {
        const bool first_point = p == 0;
        cells.emplace_back(first_point ? k_empty : point.vs_first[r].at(k).value);
        cells.emplace_back(first_point ? k_empty : point.vs_first[r].at(k).se);
      }
      table.rows.push_back(std::move(cells));
    }
  }
  return table;
}

}  // namespace integrasim
