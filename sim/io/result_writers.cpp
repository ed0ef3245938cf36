#include "io/result_writers.h"

#include <limits>

#include <cstddef>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/diagnostics.h"

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

void add_estimate(CsvWriter& csv, const Estimate& estimate) {
  csv.add_number(estimate.value);
  csv.add_number(estimate.se);
}

std::vector<std::string> summary_header(const Results& results) {
  std::vector<std::string> names = {"arm", "role", "subgroup", "dimension", "persons"};
  for (const auto& metric : results.metrics) {
    names.push_back(metric.name);
    names.push_back(metric.name + "_se");
  }
  for (const auto& metric : results.metrics) {
    names.push_back("diff_" + metric.name);
    names.push_back("diff_" + metric.name + "_se");
  }
  return names;
}

// The comparator has no difference with itself: its diff columns stay empty (rather than
// 0 with SE 0) so a planner does not read them as a measured null effect.
void add_differences(CsvWriter& csv, const Results& results, const SummaryRow& row) {
  const std::size_t count = results.metrics.size();
  if (row.arm == results.comparator_arm) {
    for (std::size_t i = 0; i < 2 * count; ++i) csv.add_text("");
    return;
  }
  if (row.vs_comparator.size() != count) {
    internal_error("summary row for arm '" + arm_of(results, row.arm).name + "' has " +
                   std::to_string(row.vs_comparator.size()) + " differences for " + std::to_string(count) +
                   " metrics");
  }
  for (const auto& difference : row.vs_comparator) add_estimate(csv, difference);
}

void add_summary_row(CsvWriter& csv, const Results& results, const SummaryRow& row) {
  const ArmInfo& arm = arm_of(results, row.arm);
  const SubgroupInfo& subgroup = subgroup_of(results, row.subgroup);
  if (row.metrics.size() != results.metrics.size()) {
    internal_error("summary row for arm '" + arm.name + "' has " + std::to_string(row.metrics.size()) +
                   " values for " + std::to_string(results.metrics.size()) + " metrics");
  }
  csv.add_text(arm.name);
  csv.add_text(arm.role);
  csv.add_text(subgroup.name);
  csv.add_text(subgroup.dimension);
  csv.add_integer(row.persons);
  for (const auto& metric : row.metrics) add_estimate(csv, metric);
  add_differences(csv, results, row);
  csv.end_row();
}

}  // namespace

std::string summary_csv(const Results& results, CsvDialect dialect) {
  CsvWriter csv(dialect);
  csv.header(summary_header(results));
  for (const auto& row : results.summary) add_summary_row(csv, results, row);
  return csv.text();
}

std::string monthly_csv(const Results& results, CsvDialect dialect) {
  CsvWriter csv(dialect);
  csv.header({"arm", "subgroup", "month", "kind", "name", "share", "se"});
  for (const auto& row : results.monthly) {
    csv.add_text(arm_of(results, row.arm).name);
    csv.add_text(subgroup_of(results, row.subgroup).name);
    csv.add_integer(row.month);
    csv.add_text(row.kind);
    csv.add_text(row.name);
    add_estimate(csv, row.share);
    csv.end_row();
  }
  return csv.text();
}

std::string effects_csv(const Results& results, CsvDialect dialect) {
  CsvWriter csv(dialect);
  csv.header({"arm", "subgroup", "outcome", "unit", "component", "effect", "se"});
  for (const auto& row : results.effects) {
    csv.add_text(arm_of(results, row.arm).name);
    csv.add_text(subgroup_of(results, row.subgroup).name);
    csv.add_text(row.outcome);
    csv.add_text(row.unit);
    csv.add_text(row.component);
    add_estimate(csv, row.effect);
    csv.end_row();
  }
  return csv.text();
}

std::string calendar_csv(const Results& results, CsvDialect dialect) {
  CsvWriter csv(dialect);
  csv.header({"arm", "calendar_month", "measure", "value", "se"});
  for (const auto& row : results.calendar) {
    csv.add_text(arm_of(results, row.arm).name);
    csv.add_integer(row.month);
    csv.add_text(row.measure);
    add_estimate(csv, row.value);
    csv.end_row();
  }
  return csv.text();
}

std::string queues_csv(const Results& results, CsvDialect dialect) {
  CsvWriter csv(dialect);
  csv.header({"arm", "intervention", "places", "due", "started", "share_started", "mean_wait_months",
              "most_in_places", "queued_person_months"});
  for (const auto& row : results.queues) {
    csv.add_text(arm_of(results, row.arm).name);
    csv.add_text(row.intervention);
    for (const double v : {row.places, row.due, row.started,
                           row.due > 0.0 ? row.started / row.due : std::numeric_limits<double>::quiet_NaN(),
                           row.mean_wait_months, row.most_in_places, row.queued_person_months})
      csv.add_number(v);
    csv.end_row();
  }
  return csv.text();
}

std::string budget_csv(const Results& results, CsvDialect dialect) {
  CsvWriter csv(dialect);
  std::vector<std::string> header = {"arm", "year"};
  for (const std::string_view name : k_budget_measure_names) {
    header.emplace_back(name);
    header.push_back(std::string(name) + "_se");
  }
  for (const std::string_view name : k_budget_measure_names) {
    header.push_back("diff_" + std::string(name));
    header.push_back("diff_" + std::string(name) + "_se");
  }
  header.emplace_back("net_cost_per_extra_self_supported_month_dkk");
  csv.header(header);
  constexpr auto k_net = static_cast<std::size_t>(BudgetMeasure::municipal_net_cost);
  constexpr auto k_self = static_cast<std::size_t>(BudgetMeasure::self_supported_months);
  const Estimate missing{std::numeric_limits<double>::quiet_NaN(), std::numeric_limits<double>::quiet_NaN()};
  for (const auto& row : results.budget) {
    csv.add_text(arm_of(results, row.arm).name);
    if (row.year < 0) {
      csv.add_text("total");
    } else {
      csv.add_integer(row.year);
    }
    for (const Estimate& e : row.totals) add_estimate(csv, e);
    for (std::size_t j = 0; j < row.totals.size(); ++j)
      add_estimate(csv, row.vs_comparator.empty() ? missing : row.vs_comparator[j]);
    // What each extra month of self-support costs (or saves) the municipality, net.
    const bool has_ratio = !row.vs_comparator.empty() && row.vs_comparator[k_self].value != 0.0;
    csv.add_number(has_ratio ? row.vs_comparator[k_net].value / row.vs_comparator[k_self].value
                             : std::numeric_limits<double>::quiet_NaN());
    csv.end_row();
  }
  return csv.text();
}

}  // namespace integrasim
