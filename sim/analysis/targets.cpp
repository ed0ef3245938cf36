// The simulated counterpart of a published target (docs/model.md §11): one number of a run's
// summary, after `scale`, compared with the published value.
#include "analysis/targets.h"

#include <cmath>
#include <string>
#include <vector>

#include "core/diagnostics.h"

namespace integrasim {
namespace {

std::string join(const std::vector<std::string>& parts) {
  std::string out;
  for (const auto& p : parts) {
    if (!out.empty()) out.append(", ");
    out.append(p);
  }
  return out;
}

// "file:line: column 'x' is 'value', but must be one of <names> (did you mean 'y'?)".
[[noreturn]] void fail_name(const Target& target, const std::string& column, const std::string& value,
                            const std::string& what, const std::vector<std::string>& names) {
  std::string rule = what;
  rule.append(" of the results of ").append(target.scenario).append(": ").append(join(names));
  rule.append(did_you_mean(value, names));
  fail_input(SourcePosition{target.file, target.line, 0}, std::string("column '").append(column).append("'"),
             quote_value(value), rule);
}

}  // namespace

const char* comparison_name(TargetComparison comparison) {
  switch (comparison) {
    case TargetComparison::level:
      return "level";
    case TargetComparison::difference:
      return "difference";
    case TargetComparison::difference_per_participant:
      return "difference_per_participant";
  }
  return "?";
}

TargetResult evaluate_target(const Target& target, const Results& results) {
  std::vector<std::string> names;

  int arm = -1;
  for (std::size_t i = 0; i < results.arms.size(); ++i) {
    names.push_back(results.arms[i].name);
    if (results.arms[i].name == target.arm) arm = static_cast<int>(i);
  }
  if (arm < 0) fail_name(target, "arm", target.arm, "an arm", names);
  if (target.comparison != TargetComparison::level && arm == results.comparator_arm) {
    std::vector<std::string> others;
    for (std::size_t i = 0; i < results.arms.size(); ++i)
      if (static_cast<int>(i) != results.comparator_arm) others.push_back(results.arms[i].name);
    fail_input(SourcePosition{target.file, target.line, 0}, "column 'arm'", quote_value(target.arm),
               std::string("an arm other than the comparator when comparison is ")
                   .append(comparison_name(target.comparison))
                   .append(" (the "
                           "difference is taken against the comparator): ")
                   .append(join(others)));
  }

  names.clear();
  int subgroup = -1;
  for (std::size_t i = 0; i < results.subgroups.size(); ++i) {
    names.push_back(results.subgroups[i].name);
    if (results.subgroups[i].name == target.subgroup) subgroup = static_cast<int>(i);
  }
  if (subgroup < 0)
    fail_name(target, "subgroup", target.subgroup,
              "a reported subgroup (add its characteristic to [output] subgroups)", names);

  names.clear();
  int metric = -1;
  for (std::size_t i = 0; i < results.metrics.size(); ++i) {
    names.push_back(results.metrics[i].name);
    if (results.metrics[i].name == target.metric) metric = static_cast<int>(i);
  }
  if (metric < 0)
    fail_name(target, "metric", target.metric,
              "a metric (employment rates only at the scenario's employment_rate_months)", names);

  // Per participant: the metric's place among those summary.csv gives per participant.
  int column = metric;
  if (target.comparison == TargetComparison::difference_per_participant) {
    column = per_participant_position(results, metric);
    if (column < 0) {
      names.clear();
      for (const auto& info : results.metrics)
        if (per_participant_column(info)) names.push_back(info.name);
      fail_name(target, "metric", target.metric, "a metric with a difference per participant", names);
    }
  }

  const SummaryRow* row = nullptr;
  for (const auto& r : results.summary)
    if (r.arm == arm && r.subgroup == subgroup) row = &r;
  const std::vector<Estimate>* estimates = nullptr;
  if (row != nullptr) {
    switch (target.comparison) {
      case TargetComparison::level:
        estimates = &row->metrics;
        break;
      case TargetComparison::difference:
        estimates = &row->vs_comparator;
        break;
      case TargetComparison::difference_per_participant:
        estimates = &row->per_participant;
        break;
    }
  }
  if (estimates == nullptr || static_cast<std::size_t>(column) >= estimates->size())
    fail_internal("results have no summary row for arm '" + target.arm + "', subgroup '" + target.subgroup +
                  "' and metric '" + target.metric + "'");

  const Estimate raw = (*estimates)[static_cast<std::size_t>(column)];
  TargetResult out;
  out.target = &target;
  out.simulated.value = raw.value * target.scale;
  out.simulated.se = raw.se * std::fabs(target.scale);
  out.residual = out.simulated.value - target.published;
  // A missing value (NaN, e.g. a median not reached) is never within tolerance.
  out.within_tolerance = std::isfinite(out.residual) && std::fabs(out.residual) <= target.tolerance;
  return out;
}

}  // namespace integrasim
