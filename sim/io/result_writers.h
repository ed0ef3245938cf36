// summary.csv, monthly.csv and effects.csv from Results (columns documented in README).
#pragma once

#include <string>

#include "core/results.h"
#include "io/csv_writer.h"

namespace integrasim {

std::string summary_csv(const Results& results, CsvDialect dialect);
std::string monthly_csv(const Results& results, CsvDialect dialect);
std::string effects_csv(const Results& results, CsvDialect dialect);

}  // namespace integrasim
