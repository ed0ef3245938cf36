// The one CSV row checker of every CSV reader (the evidence catalogue, target registries,
// the caseload).
//
// fast-cpp-csv-parser turns the text into rows of strings, checking the header and the
// number of fields; CsvRow then turns fields into typed values. Every bad field is
// reported as "file:line: column 'x' is 'value', but must be <rule>" so that the user sees
// the line and the column.
#pragma once

#include <cstddef>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostics.h"

namespace integrasim::csv {

// One CSV file's bytes and the name used in messages.
struct CsvText {
  std::string name;
  std::string_view text;
};

struct CsvRecord {
  int line = 0;                     // 1-based line in the file (the header is line 1)
  std::vector<std::string> fields;  // in the order of CsvTable::columns
};

struct CsvTable {
  std::string file;                  // as given by the user, for messages
  std::vector<std::string> columns;  // the expected columns, in the reader's order
  std::vector<CsvRecord> rows;
  std::size_t optional_columns = 0;  // the last this many of `columns` may be missing
};

// Reads every row of `source`, whose header must hold exactly `columns` (in any order).
// Header, field-count and quoting problems are InputErrors naming file and line.
CsvTable read_csv_table(const CsvText& source, std::vector<std::string> columns);

// What a file with optional columns may hold.
struct CsvLayout {
  std::vector<std::string> required;  // each must be in the header
  std::vector<std::string> optional;  // may be missing; a missing column reads as empty fields
  std::size_t max_rows = std::numeric_limits<std::size_t>::max();
  std::string row_noun = "rows";  // what a row is, for the too-many-rows message ("persons")
};

// As above, for a header that holds every required column and any of the optional ones
// (in any order; CsvTable::columns lists the required, then the optional). The row after
// `max_rows` is an InputError "file:line: the file has more than <max_rows> <row_noun>",
// so a huge file is not held in memory before it is refused.
CsvTable read_csv_table(const CsvText& source, CsvLayout layout);

// Leading and trailing spaces and tabs removed.
std::string_view trim(std::string_view s);

// "a, b, c".
std::string join(const std::vector<std::string>& parts, std::string_view separator);

// One row of a CsvTable with compiler-style errors.
class CsvRow {
 public:
  CsvRow(const CsvTable& table, const CsvRecord& row) : table_(table), row_(row) {}

  const std::string& file() const { return table_.file; }
  int line() const { return row_.line; }
  SourcePosition where() const { return SourcePosition{table_.file, row_.line, 0}; }

  // "file:line: column 'x' is 'value', but must be <rule>".
  [[noreturn]] void fail(std::string_view column, std::string_view value, std::string_view rule) const;
  // As fail(), for a value that is not one of `choices`, with a did-you-mean hint.
  [[noreturn]] void fail_choice(std::string_view column, std::string_view value,
                                const std::vector<std::string>& choices) const;

  // The field as written, trimmed.
  std::string_view raw(std::string_view column) const;
  // A non-empty field.
  std::string text(std::string_view column) const;
  // A finite number, or nothing for an empty field.
  std::optional<double> optional_number(std::string_view column) const;
  // A finite number; the field is required.
  double number(std::string_view column) const;
  // A number above 0; `meaning` says what the column holds.
  double positive(std::string_view column, std::string_view meaning) const;
  // One of `choices`; its index.
  std::size_t choice(std::string_view column, const std::vector<std::string>& choices) const;
  // A whole number in [lo, hi], or nothing for an empty field; `rule` describes the range.
  std::optional<int> optional_integer(std::string_view column, int lo, int hi, std::string_view rule) const;

 private:
  const CsvTable& table_;
  const CsvRecord& row_;
};

}  // namespace integrasim::csv
