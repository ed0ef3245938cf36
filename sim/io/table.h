// One result table, built once and rendered twice: as CSV text (io/table_csv.h) and as a
// sheet of results.xlsx (io/xlsx_workbook.h). So the workbook equals the CSV files by
// construction rather than by a second copy of every writer.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <variant>
#include <vector>

namespace integrasim {

// What a column's numbers are, which decides their number format in the workbook. The
// CSV text is the same for every kind (shortest round-trip form).
enum class ColumnUnit : std::uint8_t {
  none,    // text, an index (month, draw, rank, year) or a number of mixed units
  count,   // persons or person-months (real or simulated): #,##0
  dkk,     // DKK: #,##0
  share,   // a share between 0 and 1: 0.0%
  months,  // months, or percentage points: 0.0
};

struct TableColumn {
  std::string name;                    // header, e.g. "months_on_benefit_se"
  ColumnUnit unit = ColumnUnit::none;  // of its numbers
};

struct EmptyCell {};
// A text cell's index into Table::texts(): arm and subgroup names repeat on every row, so
// each distinct text is stored once.
struct TextCell {
  std::uint32_t index = 0;
};
// A number that is not available (NaN, e.g. a median not reached) is an EmptyCell.
using TableCell = std::variant<EmptyCell, double, std::int64_t, TextCell>;

class Table {
 public:
  explicit Table(std::vector<TableColumn> columns);

  // Cells are added in column order, one row at a time.
  void add_text(std::string_view text);
  void add_number(double value);  // NaN is stored as an empty cell
  void add_integer(std::int64_t value);
  void add_empty();
  void end_row();  // an internal error unless the row has one cell per column

  const std::vector<TableColumn>& columns() const { return columns_; }
  std::size_t rows() const { return columns_.empty() ? 0 : cells_.size() / columns_.size(); }
  const TableCell& cell(std::size_t row, std::size_t column) const {
    return cells_[row * columns_.size() + column];
  }
  const std::string& text(TextCell cell) const { return texts_[cell.index]; }

 private:
  std::vector<TableColumn> columns_;
  std::vector<TableCell> cells_;                          // row by row
  std::vector<std::string> texts_;                        // every distinct text, in order of first use
  std::unordered_map<std::string, std::uint32_t> index_;  // text -> its index in texts_
  std::vector<std::uint32_t> recent_;                     // per column: the text last added there
  std::size_t in_row_ = 0;                                // cells added to the current row
};

}  // namespace integrasim
