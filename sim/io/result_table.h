// A table of typed cells (text, numbers, counts) that a CSV file or a workbook sheet is
// written from: batch.csv, sweep.csv and compare.csv build their rows once as a
// ResultTable, so another writer can take the same rows.
#pragma once

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "io/csv_writer.h"

namespace integrasim {

// One cell: text, a number (NaN = empty: not estimated) or an integer count.
using TableCell = std::variant<std::string, double, std::int64_t>;

struct ResultTable {
  std::vector<std::string> header;
  std::vector<std::vector<TableCell>> rows;  // each as long as the header
};

std::string table_csv(const ResultTable& table, CsvDialect dialect);

}  // namespace integrasim
