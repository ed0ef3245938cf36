#include "io/result_table.h"

#include "core/diagnostics.h"

namespace integrasim {

std::string table_csv(const ResultTable& table, CsvDialect dialect) {
  CsvWriter csv(dialect);
  csv.header(table.header);
  for (const auto& row : table.rows) {
    if (row.size() != table.header.size()) fail_internal("a table row is not as long as its header");
    for (const TableCell& cell : row) {
      if (const auto* text = std::get_if<std::string>(&cell)) {
        csv.add_text(*text);
      } else if (const auto* count = std::get_if<std::int64_t>(&cell)) {
        csv.add_integer(*count);
      } else {
        csv.add_number(std::get<double>(cell));
      }
    }
    csv.end_row();
  }
  return csv.text();
}

}  // namespace integrasim
