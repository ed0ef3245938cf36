// A Table (io/table.h) as CSV text: a header row of the column names, then one line per
// row. Numbers in shortest round-trip form, empty cells as empty fields (CsvWriter).
#pragma once

#include <string>

#include "io/csv_writer.h"
#include "io/table.h"

namespace integrasim {

std::string csv_of(const Table& table, CsvDialect dialect);

}  // namespace integrasim
