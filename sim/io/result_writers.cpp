#include "io/result_writers.h"

#include <algorithm>
#include <cstddef>
#include <limits>
#include <map>
#include <stdexcept>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "core/diagnostics.h"
#include "io/table_csv.h"

namespace integrasim {

namespace {

// Results are produced by the engine, so a bad index or a misaligned vector is a bug in
// our code, not bad input; say so rather than write a misleading table.
[[noreturn]] void internal_error(const std::string& what) {
  fail_internal(what);
}

template <typename Item>
const Item& checked_at(const std::vector<Item>& items, int index, const char* what) {
  if (index < 0 || static_cast<std::size_t>(index) >= items.size()) {
    internal_error(std::string(what) + " index " + std::to_string(index) + " out of range");
  }
  return items[static_cast<std::size_t>(index)];
}

const ArmInfo& arm_of(const Results& results, int index) {
  return checked_at(results.arms, index, "arm");
}

const SubgroupInfo& subgroup_of(const Results& results, int index) {
  return checked_at(results.subgroups, index, "subgroup");
}

void add_estimate(Table& table, const Estimate& estimate) {
  table.add_number(estimate.value);
  table.add_number(estimate.se);
}

// The comparator has no difference with itself: its diff columns stay empty (rather than
// 0 with SE 0) so a planner does not read them as a measured null effect.
void add_differences(Table& table, const Results& results, const SummaryRow& row) {
  const std::size_t count = results.metrics.size();
  const std::size_t per_participant = per_participant_count(results.metrics);
  if (row.arm == results.comparator_arm) {
    for (std::size_t i = 0; i < 2 * (count + per_participant); ++i) table.add_empty();
    return;
  }
  if (row.vs_comparator.size() != count || row.per_participant.size() != per_participant) {
    internal_error("summary row for arm '" + arm_of(results, row.arm).name + "' has " +
                   std::to_string(row.vs_comparator.size()) + " differences and " +
                   std::to_string(row.per_participant.size()) + " per participant for " +
                   std::to_string(count) + " metrics (" + std::to_string(per_participant) +
                   " per participant)");
  }
  for (const auto& difference : row.vs_comparator) add_estimate(table, difference);
  for (const auto& difference : row.per_participant) add_estimate(table, difference);
}

void add_summary_row(Table& table, const Results& results, const SummaryRow& row) {
  const ArmInfo& arm = arm_of(results, row.arm);
  const SubgroupInfo& subgroup = subgroup_of(results, row.subgroup);
  if (row.metrics.size() != results.metrics.size()) {
    internal_error("summary row for arm '" + arm.name + "' has " + std::to_string(row.metrics.size()) +
                   " values for " + std::to_string(results.metrics.size()) + " metrics");
  }
  table.add_text(arm.name);
  table.add_text(arm.role);
  table.add_text(subgroup.name);
  table.add_text(subgroup.dimension);
  table.add_integer(row.persons);
  for (const auto& metric : row.metrics) add_estimate(table, metric);
  add_differences(table, results, row);
  table.end_row();
}

}  // namespace

std::vector<TableColumn> summary_columns(const std::vector<MetricInfo>& metrics) {
  std::vector<TableColumn> columns = {
      {"arm"}, {"role"}, {"subgroup"}, {"dimension"}, {"persons", ColumnUnit::count}};
  const auto add = [&](const std::string& name, const MetricInfo& metric) {
    const ColumnUnit unit = column_unit_of(metric.unit);
    columns.push_back({name, unit});
    columns.push_back({name + "_se", unit});
  };
  for (const auto& metric : metrics) add(metric.name, metric);
  for (const auto& metric : metrics) add("diff_" + metric.name, metric);
  for (const auto& metric : metrics)
    if (per_participant_column(metric)) add("diff_" + metric.name + "_per_participant", metric);
  return columns;
}

ColumnUnit column_unit_of(std::string_view metric_unit) {
  if (metric_unit == "DKK per person" || metric_unit == "DKK") return ColumnUnit::dkk;
  if (metric_unit == "share") return ColumnUnit::share;
  if (metric_unit == "months per person" || metric_unit == "months" || metric_unit == "percentage points")
    return ColumnUnit::months;
  return ColumnUnit::none;
}

Table summary_table(const Results& results) {
  Table table(summary_columns(results.metrics));
  for (const auto& row : results.summary) add_summary_row(table, results, row);
  return table;
}

Table monthly_table(const Results& results) {
  Table table({{"arm"},
               {"subgroup"},
               {"month"},
               {"kind"},
               {"name"},
               {"share", ColumnUnit::share},
               {"se", ColumnUnit::share}});
  for (const auto& row : results.monthly) {
    table.add_text(arm_of(results, row.arm).name);
    table.add_text(subgroup_of(results, row.subgroup).name);
    table.add_integer(row.month);
    table.add_text(row.kind);
    table.add_text(row.name);
    add_estimate(table, row.share);
    table.end_row();
  }
  return table;
}

Table monthly_wide_table(const Results& results) {
  int first = 0;
  int last = -1;
  for (const auto& row : results.monthly) {
    if (last < first) first = last = row.month;
    first = std::min(first, row.month);
    last = std::max(last, row.month);
  }
  std::vector<TableColumn> columns = {{"arm"}, {"subgroup"}, {"kind"}, {"name"}, {"measure"}};
  for (int m = first; m <= last; ++m) {
    std::string name = "m";
    name += std::to_string(m);
    columns.push_back({std::move(name), ColumnUnit::share});
  }
  // One series per arm, subgroup, kind and name: its shares and SEs by month.
  struct Series {
    const MonthlyRow* first_row = nullptr;
    std::vector<Estimate> by_month;
  };
  const auto months = static_cast<std::size_t>(last - first + 1);
  const double nan = std::numeric_limits<double>::quiet_NaN();
  std::vector<Series> series;
  std::map<std::tuple<int, int, std::string_view, std::string_view>, std::size_t> index;
  for (const auto& row : results.monthly) {
    const auto [it, added] = index.try_emplace({row.arm, row.subgroup, row.kind, row.name}, series.size());
    if (added) series.push_back({&row, std::vector<Estimate>(months, Estimate{nan, nan})});
    series[it->second].by_month[static_cast<std::size_t>(row.month - first)] = row.share;
  }
  Table table(std::move(columns));
  for (const Series& s : series) {
    for (const bool se : {false, true}) {
      table.add_text(arm_of(results, s.first_row->arm).name);
      table.add_text(subgroup_of(results, s.first_row->subgroup).name);
      table.add_text(s.first_row->kind);
      table.add_text(s.first_row->name);
      table.add_text(se ? "se" : "share");
      for (const Estimate& e : s.by_month) table.add_number(se ? e.se : e.value);
      table.end_row();
    }
  }
  return table;
}

// Effects are in months per person or percentage points, both shown to one decimal.
Table effects_table(const Results& results) {
  Table table({{"arm"},
               {"subgroup"},
               {"outcome"},
               {"unit"},
               {"component"},
               {"effect", ColumnUnit::months},
               {"se", ColumnUnit::months}});
  for (const auto& row : results.effects) {
    table.add_text(arm_of(results, row.arm).name);
    table.add_text(subgroup_of(results, row.subgroup).name);
    table.add_text(row.outcome);
    table.add_text(row.unit);
    table.add_text(row.component);
    add_estimate(table, row.effect);
    table.end_row();
  }
  return table;
}

// Measures are real persons or DKK, both shown as whole numbers with separators.
Table calendar_table(const Results& results) {
  Table table(
      {{"arm"}, {"calendar_month"}, {"measure"}, {"value", ColumnUnit::count}, {"se", ColumnUnit::count}});
  for (const auto& row : results.calendar) {
    table.add_text(arm_of(results, row.arm).name);
    table.add_integer(row.month);
    table.add_text(row.measure);
    add_estimate(table, row.value);
    table.end_row();
  }
  return table;
}

Table queues_table(const Results& results) {
  Table table({{"arm"},
               {"intervention"},
               {"places", ColumnUnit::count},
               {"due", ColumnUnit::count},
               {"started", ColumnUnit::count},
               {"share_started", ColumnUnit::share},
               {"mean_wait_months", ColumnUnit::months},
               {"most_in_places", ColumnUnit::count},
               {"queued_person_months", ColumnUnit::count}});
  for (const auto& row : results.queues) {
    table.add_text(arm_of(results, row.arm).name);
    table.add_text(row.intervention);
    for (const double v : {row.places, row.due, row.started,
                           row.due > 0.0 ? row.started / row.due : std::numeric_limits<double>::quiet_NaN(),
                           row.mean_wait_months, row.most_in_places, row.queued_person_months})
      table.add_number(v);
    table.end_row();
  }
  return table;
}

Table budget_table(const Results& results) {
  std::vector<TableColumn> columns = {{"arm"}, {"year"}};
  // Every measure is DKK but the self-supported person-months, a count.
  const auto unit_of = [](std::string_view name) {
    return name.size() > 4 && name.substr(name.size() - 4) == "_dkk" ? ColumnUnit::dkk : ColumnUnit::count;
  };
  for (const std::string_view name : k_budget_measure_names) {
    columns.push_back({std::string(name), unit_of(name)});
    columns.push_back({std::string(name) + "_se", unit_of(name)});
  }
  for (const std::string_view name : k_budget_measure_names) {
    columns.push_back({"diff_" + std::string(name), unit_of(name)});
    columns.push_back({"diff_" + std::string(name) + "_se", unit_of(name)});
  }
  columns.push_back({"net_cost_per_extra_self_supported_month_dkk", ColumnUnit::dkk});
  Table table(std::move(columns));
  constexpr auto k_net = static_cast<std::size_t>(BudgetMeasure::municipal_net_cost);
  constexpr auto k_self = static_cast<std::size_t>(BudgetMeasure::self_supported_months);
  const Estimate missing{std::numeric_limits<double>::quiet_NaN(), std::numeric_limits<double>::quiet_NaN()};
  for (const auto& row : results.budget) {
    table.add_text(arm_of(results, row.arm).name);
    if (row.year < 0) {
      table.add_text("total");
    } else {
      table.add_integer(row.year);
    }
    for (const Estimate& e : row.totals) add_estimate(table, e);
    for (std::size_t j = 0; j < row.totals.size(); ++j)
      add_estimate(table, row.vs_comparator.empty() ? missing : row.vs_comparator[j]);
    // What each extra month of self-support costs (or saves) the municipality, net.
    const bool has_ratio = !row.vs_comparator.empty() && row.vs_comparator[k_self].value != 0.0;
    table.add_number(has_ratio ? row.vs_comparator[k_net].value / row.vs_comparator[k_self].value
                               : std::numeric_limits<double>::quiet_NaN());
    table.end_row();
  }
  return table;
}

std::string summary_csv(const Results& results, CsvDialect dialect) {
  return csv_of(summary_table(results), dialect);
}

std::string monthly_csv(const Results& results, CsvDialect dialect) {
  return csv_of(monthly_table(results), dialect);
}

std::string effects_csv(const Results& results, CsvDialect dialect) {
  return csv_of(effects_table(results), dialect);
}

std::string calendar_csv(const Results& results, CsvDialect dialect) {
  return csv_of(calendar_table(results), dialect);
}

std::string queues_csv(const Results& results, CsvDialect dialect) {
  return csv_of(queues_table(results), dialect);
}

std::string budget_csv(const Results& results, CsvDialect dialect) {
  return csv_of(budget_table(results), dialect);
}

}  // namespace integrasim
