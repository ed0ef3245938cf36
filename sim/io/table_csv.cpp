#include "io/table_csv.h"

#include <variant>

namespace integrasim {

std::string csv_of(const Table& table, CsvDialect dialect) {
  CsvWriter csv(dialect);
  for (const TableColumn& c : table.columns()) csv.add_text(c.name);
  csv.end_row();
  const std::size_t width = table.columns().size();
  for (std::size_t r = 0; r < table.rows(); ++r) {
    for (std::size_t c = 0; c < width; ++c) {
      const TableCell& cell = table.cell(r, c);
      if (const auto* number = std::get_if<double>(&cell)) {
        csv.add_number(*number);
      } else if (const auto* integer = std::get_if<std::int64_t>(&cell)) {
        csv.add_integer(*integer);
      } else if (const auto* text = std::get_if<TextCell>(&cell)) {
        csv.add_text(table.text(*text));
      } else {
        csv.add_text("");
      }
    }
    csv.end_row();
  }
  return csv.text();
}

}  // namespace integrasim
