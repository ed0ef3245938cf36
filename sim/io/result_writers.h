// summary.csv, monthly.csv, effects.csv, calendar.csv and queues.csv from Results (columns documented in
// README).
#pragma once

#include <string>

#include "core/results.h"
#include "io/csv_writer.h"

namespace integrasim {

std::string summary_csv(const Results& results, CsvDialect dialect);
std::string monthly_csv(const Results& results, CsvDialect dialect);
std::string effects_csv(const Results& results, CsvDialect dialect);
// The planner's outputs (Results::planner).
std::string calendar_csv(const Results& results, CsvDialect dialect);
std::string queues_csv(const Results& results, CsvDialect dialect);
std::string budget_csv(const Results& results, CsvDialect dialect);

}  // namespace integrasim
