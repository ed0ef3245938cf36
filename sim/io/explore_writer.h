// explore.csv (docs/explorer.md): one row per pathway and subgroup, the comparator first
// in each subgroup and then the candidates from best to worst.
#pragma once

#include <string>

#include "analysis/explorer.h"
#include "io/csv_writer.h"
#include "io/table.h"

namespace integrasim {

// Built once as a Table, rendered as CSV or as a sheet of results.xlsx.
Table explore_table(const ExploreResult& result);
std::string explore_csv(const ExploreResult& result, CsvDialect dialect);

// A short console report: what was explored, how fast, and the best pathway per subgroup.
std::string explore_console_report(const ExploreSpec& spec, const ExploreResult& result,
                                   const std::string& folder);

}  // namespace integrasim
