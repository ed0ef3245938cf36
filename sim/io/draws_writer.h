// Files of a probabilistic sensitivity analysis (`integrasim run --draws N`, docs/model.md §13;
// columns in docs/uncertainty.md): draws.csv (one row per draw x arm x subgroup x
// metric), parameters.csv (the sampled value of every uncertain parameter per draw, draw
// 0 = the point values) and uncertainty.csv (the summary across draws). Each table is
// built once (`*_table`) and rendered as CSV or as a sheet of results.xlsx.
#pragma once

#include <string>

#include "analysis/uncertainty.h"
#include "io/csv_writer.h"
#include "io/table.h"

namespace integrasim {

Table draws_table(const DrawSet& set);
Table parameters_table(const DrawSet& set);
Table uncertainty_table(const UncertaintySummary& summary);

std::string draws_csv(const DrawSet& set, CsvDialect dialect);
std::string parameters_csv(const DrawSet& set, CsvDialect dialect);
std::string uncertainty_csv(const UncertaintySummary& summary, CsvDialect dialect);

}  // namespace integrasim
