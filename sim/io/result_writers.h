// summary.csv, monthly.csv, effects.csv, calendar.csv, queues.csv and budget.csv from
// Results (columns documented in README). Each table is built once (`*_table`) and
// rendered as CSV (`*_csv`) or as a sheet of results.xlsx.
#pragma once

#include <string>
#include <string_view>

#include "core/results.h"
#include "io/csv_writer.h"
#include "io/table.h"

namespace integrasim {

Table summary_table(const Results& results);
Table monthly_table(const Results& results);
Table effects_table(const Results& results);
// monthly.csv turned wide, for a workbook sheet when the long table would pass Excel's
// row limit: arm, subgroup, kind, name, measure ("share" or "se"), then one column per
// month (m1, m2, ...); rows in the order the long table first names them.
Table monthly_wide_table(const Results& results);
// The planner's outputs (Results::planner).
Table calendar_table(const Results& results);
Table queues_table(const Results& results);
Table budget_table(const Results& results);

std::string summary_csv(const Results& results, CsvDialect dialect);
std::string monthly_csv(const Results& results, CsvDialect dialect);
std::string effects_csv(const Results& results, CsvDialect dialect);
std::string calendar_csv(const Results& results, CsvDialect dialect);
std::string queues_csv(const Results& results, CsvDialect dialect);
std::string budget_csv(const Results& results, CsvDialect dialect);

// summary.csv's columns for these metrics (README "summary.csv"): arm, role, subgroup,
// dimension, persons, each metric and its SE, each difference and its SE, each
// difference per participant and its SE; batch and sweep tables reuse them.
std::vector<TableColumn> summary_columns(const std::vector<MetricInfo>& metrics);

// The number format of a metric's values by its unit (MetricInfo::unit, e.g. "DKK per
// person"): DKK, shares and months get theirs, other units none.
ColumnUnit column_unit_of(std::string_view metric_unit);

}  // namespace integrasim
