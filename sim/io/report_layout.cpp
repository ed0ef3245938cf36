#include "io/report_layout.h"

#include <string>

#include "core/diagnostics.h"

namespace integrasim {

std::vector<int> scenario_arms(const Results& r) {
  std::vector<int> arms;
  for (int a = 0; a < static_cast<int>(r.arms.size()); ++a)
    if (r.arms[static_cast<std::size_t>(a)].role != "no_intervention") arms.push_back(a);
  return arms;
}

std::vector<int> compared_arms(const Results& r) {
  std::vector<int> arms;
  for (const int a : scenario_arms(r))
    if (a != r.comparator_arm) arms.push_back(a);
  return arms;
}

std::vector<int> populated_subgroups(const Results& r) {
  std::vector<int> groups;
  for (int g = 0; g < static_cast<int>(r.subgroups.size()); ++g)
    if (summary_row(r, r.comparator_arm, g).persons > 0) groups.push_back(g);
  return groups;
}

int metric_column(const Results& r, const std::string& name) {
  for (int c = 0; c < static_cast<int>(r.metrics.size()); ++c)
    if (r.metrics[static_cast<std::size_t>(c)].name == name) return c;
  std::string what = "report: no metric '";
  what.append(name).append("' in the results");
  fail_internal(what);
}

std::vector<int> headline_columns(const Results& r) {
  std::vector<int> columns = {metric_column(r, "months_on_benefit"), metric_column(r, "months_employed")};
  int last_rate = -1;
  for (int c = 0; c < static_cast<int>(r.metrics.size()); ++c) {
    const MetricInfo& m = r.metrics[static_cast<std::size_t>(c)];
    if (m.metric == Metric::employment_rate &&
        (last_rate < 0 || m.month > r.metrics[static_cast<std::size_t>(last_rate)].month))
      last_rate = c;
  }
  if (last_rate >= 0) columns.push_back(last_rate);
  const int net = metric_column(r, "cost_municipal_net_dkk");
  for (const SummaryRow& row : r.summary)
    if (row.metrics[static_cast<std::size_t>(net)].value != 0.0) {
      columns.push_back(net);
      break;
    }
  return columns;
}

std::vector<int> cost_columns(const Results& r) {
  return {metric_column(r, "cost_programmes_dkk"), metric_column(r, "cost_benefit_dkk"),
          metric_column(r, "cost_reimbursement_dkk"), metric_column(r, "cost_municipal_net_dkk")};
}

const SummaryRow& summary_row(const Results& r, int arm, int subgroup) {
  for (const SummaryRow& row : r.summary)
    if (row.arm == arm && row.subgroup == subgroup) return row;
  std::string what = "report: no summary row for arm ";
  what.append(std::to_string(arm)).append(", subgroup ").append(std::to_string(subgroup));
  fail_internal(what);
}

const UncertaintyRow& uncertainty_row(const UncertaintySummary& u, int arm, int subgroup, int metric) {
  for (const UncertaintyRow& row : u.rows)
    if (row.arm == arm && row.subgroup == subgroup && row.metric == metric) return row;
  std::string what = "report: no uncertainty row for arm ";
  what.append(std::to_string(arm));
  fail_internal(what);
}

}  // namespace integrasim
