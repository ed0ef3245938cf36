#include "io/csv_rows.h"

// fast-cpp-csv-parser copies file names with strncpy and terminates them itself; after
// inlining, GCC's -Wstringop-truncation still flags it, in the library's code, not ours.
#include "io/fccp_csv.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <system_error>
#include <utility>

namespace integrasim::csv {
namespace {

// Turns one of the CSV library's exceptions into an InputError naming file and line.
[[noreturn]] void fail_from_csv_library(const CsvTable& table, const io::error::base& error) {
  int line = 1;  // header errors carry no line, and the header is line 1
  if (const auto* with_line = dynamic_cast<const io::error::with_file_line*>(&error))
    line = with_line->file_line;
  const SourcePosition where{table.file, line, 0};
  const std::string expected = " (expected columns: " + join(table.columns, ",") + ")";

  if (const auto* missing = dynamic_cast<const io::error::missing_column_in_header*>(&error))
    fail_input_message(
        where, "column '" + std::string(missing->column_name) + "' is missing from the header" + expected);
  if (const auto* extra = dynamic_cast<const io::error::extra_column_in_header*>(&error))
    fail_input_message(where, "column '" + std::string(extra->column_name) +
                                  "' is not a column of this file" +
                                  did_you_mean(extra->column_name, table.columns) + expected);
  if (const auto* twice = dynamic_cast<const io::error::duplicated_column_in_header*>(&error))
    fail_input_message(
        where, "column '" + std::string(twice->column_name) + "' appears twice in the header" + expected);
  if (dynamic_cast<const io::error::header_missing*>(&error) != nullptr)
    fail_input_message(where, "the header line is missing" + expected);
  if (dynamic_cast<const io::error::too_few_columns*>(&error) != nullptr)
    fail_input_message(where, "the row has fewer fields than the header" + expected);
  if (dynamic_cast<const io::error::too_many_columns*>(&error) != nullptr)
    fail_input_message(where,
                       "the row has more fields than the header (quote fields that "
                       "contain a comma)" +
                           expected);
  if (dynamic_cast<const io::error::escaped_string_not_closed*>(&error) != nullptr)
    fail_input_message(where, "a quoted field is not closed (fields may not span lines)");
  fail_input_message(where, error.what());
}

// The CSV library fixes the column count at compile time, hence one instantiation per
// file width. Fields are read as strings; CsvRow parses them.
template <std::size_t... I>
CsvTable read_fixed_width(const CsvText& source, std::vector<std::string> columns,
                          std::index_sequence<I...> /*column indices*/) {
  constexpr auto n = static_cast<unsigned>(sizeof...(I));
  CsvTable table{source.name, std::move(columns), {}};
  try {
    io::CSVReader<n, io::trim_chars<' '>, io::double_quote_escape<',', '"'>, io::throw_on_overflow,
                  io::empty_line_comment>
        reader(source.name, source.text.data(), source.text.data() + source.text.size());
    reader.read_header(io::ignore_no_column, table.columns[I]...);
    std::array<std::string, n> fields;
    while (reader.read_row(fields[I]...)) {
      table.rows.push_back(
          CsvRecord{static_cast<int>(reader.get_file_line()), {fields.begin(), fields.end()}});
    }
  } catch (const io::error::base& error) {
    fail_from_csv_library(table, error);
  }
  return table;
}

}  // namespace

CsvTable read_csv_table(const CsvText& source, std::vector<std::string> columns) {
  // The widths of the files integrasim reads; a new width is one more case.
  switch (columns.size()) {
    case 9:
      return read_fixed_width(source, std::move(columns), std::make_index_sequence<9>{});
    case 11:
      return read_fixed_width(source, std::move(columns), std::make_index_sequence<11>{});
    case 12:
      return read_fixed_width(source, std::move(columns), std::make_index_sequence<12>{});
    case 14:
      return read_fixed_width(source, std::move(columns), std::make_index_sequence<14>{});
    default:
      fail_internal("no CSV reader for " + std::to_string(columns.size()) + " columns (" + source.name + ")");
  }
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

std::string join(const std::vector<std::string>& parts, std::string_view separator) {
  std::string out;
  for (const auto& p : parts) {
    if (!out.empty()) out += separator;
    out += p;
  }
  return out;
}

void CsvRow::fail(std::string_view column, std::string_view value, std::string_view rule) const {
  fail_input(where(), "column '" + std::string(column) + "'", quote_value(value), rule);
}

void CsvRow::fail_choice(std::string_view column, std::string_view value,
                         const std::vector<std::string>& choices) const {
  fail(column, value, "one of " + join(choices, ", ") + did_you_mean(value, choices));
}

std::string_view CsvRow::raw(std::string_view column) const {
  const auto it = std::find(table_.columns.begin(), table_.columns.end(), column);
  if (it == table_.columns.end()) fail_internal("no column '" + std::string(column) + "'");
  return trim(row_.fields[static_cast<std::size_t>(it - table_.columns.begin())]);
}

std::string CsvRow::text(std::string_view column) const {
  const std::string_view value = raw(column);
  if (value.empty()) fail(column, value, "given (the column is required)");
  return std::string(value);
}

std::optional<double> CsvRow::optional_number(std::string_view column) const {
  const std::string_view value = raw(column);
  if (value.empty()) return std::nullopt;
  double x = 0.0;
  const auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), x);
  if (error != std::errc{} || end != value.data() + value.size())
    fail(column, value, "a number such as 0.25, -4.6 or 1e-3");
  // from_chars accepts "nan" and "inf"; neither is a usable value.
  if (!std::isfinite(x)) fail(column, value, "a finite number");
  return x;
}

double CsvRow::number(std::string_view column) const {
  const auto x = optional_number(column);
  if (!x) fail(column, "", "a number (the column is required)");
  return *x;
}

double CsvRow::positive(std::string_view column, std::string_view meaning) const {
  const double x = number(column);
  if (!(x > 0.0)) fail(column, raw(column), "> 0 (" + std::string(meaning) + ")");
  return x;
}

std::size_t CsvRow::choice(std::string_view column, const std::vector<std::string>& choices) const {
  const std::string value = text(column);
  const auto found = std::find(choices.begin(), choices.end(), value);
  if (found == choices.end()) fail_choice(column, value, choices);
  return static_cast<std::size_t>(found - choices.begin());
}

std::optional<int> CsvRow::optional_integer(std::string_view column, int lo, int hi,
                                            std::string_view rule) const {
  const std::string_view value = raw(column);
  if (value.empty()) return std::nullopt;
  int x = 0;
  const auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), x);
  if (error != std::errc{} || end != value.data() + value.size() || x < lo || x > hi)
    fail(column, value, rule);
  return x;
}

}  // namespace integrasim::csv
