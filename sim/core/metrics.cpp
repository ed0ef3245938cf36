#include "core/metrics.h"

namespace integrasim {

std::vector<MetricColumn> metric_columns(const std::vector<int>& employment_rate_months) {
  std::vector<MetricColumn> out;
  for (const MetricSpec& spec : k_metrics) {
    if (spec.columns == MetricColumns::one) {
      out.push_back({spec.id, 0, std::string(spec.name)});
      continue;
    }
    for (const int month : employment_rate_months)
      out.push_back({spec.id, month, std::string(spec.name) + std::to_string(month)});
  }
  return out;
}

int tally_column_count(const std::vector<int>& employment_rate_months) {
  return k_fixed_metric_count + static_cast<int>(employment_rate_months.size());
}

std::vector<int> decomposed_columns(const std::vector<MetricColumn>& columns) {
  std::vector<int> out;
  for (std::size_t k = 0; k < columns.size(); ++k) {
    const MetricSpec& spec = metric_spec(columns[k].metric);
    if (!spec.decomposed) continue;
    const bool last_of_row = k + 1 == columns.size() || columns[k + 1].metric != columns[k].metric;
    if (spec.columns == MetricColumns::per_rate_month && !last_of_row) continue;
    out.push_back(static_cast<int>(k));
  }
  return out;
}

const MetricSpec* find_metric(std::string_view column_name) {
  for (const MetricSpec& spec : k_metrics) {
    const bool match =
        spec.columns == MetricColumns::one ? column_name == spec.name : column_name.starts_with(spec.name);
    if (match) return &spec;
  }
  return nullptr;
}

MetricDirection metric_direction(std::string_view column_name) {
  const MetricSpec* spec = find_metric(column_name);
  return spec != nullptr ? spec->direction : MetricDirection::none;
}

}  // namespace integrasim
