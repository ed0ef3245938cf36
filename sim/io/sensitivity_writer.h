// tornado.csv and voi.csv of `integrasim sensitivity` (columns in docs/sensitivity.md), each
// built once as a Table and rendered as CSV or as a sheet of results.xlsx.
#pragma once

#include <string>
#include <vector>

#include "analysis/sensitivity.h"
#include "io/csv_writer.h"
#include "io/table.h"

namespace integrasim {

// parameter, arm, point_value, low_value, high_value, metric_at_point, metric_at_low,
// metric_at_high, swing, rank, metric, unit: one row per uncertain value and policy arm,
// largest swing first. The metric is the policy arm minus the comparator.
Table tornado_table(const std::vector<TornadoRow>& rows, const DecisionMetric& metric);
std::string tornado_csv(const std::vector<TornadoRow>& rows, const DecisionMetric& metric,
                        CsvDialect dialect);

// parameter_or_group, kind, parameters, evppi_per_person, evppi_cohort, share_of_evpi,
// noise_bound_per_person, metric, unit, cohort, draws: EVPI first, then groups, then
// single parameters, each by value.
Table voi_table(const VoiReport& report);
std::string voi_csv(const VoiReport& report, CsvDialect dialect);

}  // namespace integrasim
