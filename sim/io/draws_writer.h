// Files of a probabilistic sensitivity analysis (`integrasim run --draws N`, docs/model.md §13;
// columns in docs/uncertainty.md): draws.csv (one row per draw x arm x subgroup x
// metric), parameters.csv (the sampled value of every uncertain parameter per draw, draw
// 0 = the point values) and uncertainty.csv (the summary across draws).
#pragma once

#include <string>

#include "analysis/uncertainty.h"
#include "io/csv_writer.h"

namespace integrasim {

std::string draws_csv(const DrawSet& set, CsvDialect dialect);
std::string parameters_csv(const DrawSet& set, CsvDialect dialect);
std::string uncertainty_csv(const UncertaintySummary& summary, CsvDialect dialect);

}  // namespace integrasim
