// Where a metric's difference per participant sits in a summary row (core/results.h).
#include "core/results.h"

#include <algorithm>
#include <cstddef>
#include <vector>

namespace integrasim {

std::size_t per_participant_count(const std::vector<MetricInfo>& metrics) {
  return static_cast<std::size_t>(std::count_if(metrics.begin(), metrics.end(), per_participant_column));
}

bool per_participant_column(const MetricInfo& metric) {
  const MetricSpec* spec = find_metric(metric.name);
  return spec != nullptr && spec->columns == MetricColumns::one &&
         has_per_participant_difference(column(spec->id));
}

int per_participant_position(const Results& results, int k) {
  if (k < 0 || !per_participant_column(results.metrics[static_cast<std::size_t>(k)])) return -1;
  int position = 0;
  for (int j = 0; j < k; ++j)
    if (per_participant_column(results.metrics[static_cast<std::size_t>(j)])) ++position;
  return position;
}

}  // namespace integrasim
