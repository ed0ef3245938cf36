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

// " (expected columns: a,b; optional: c)", the tail of every header message.
std::string expected_columns(const CsvTable& table) {
  const auto required_end = table.columns.end() - static_cast<std::ptrdiff_t>(table.optional_columns);
  std::string out =
      " (expected columns: " + join(std::vector<std::string>(table.columns.begin(), required_end), ",");
  if (table.optional_columns > 0)
    out += "; optional: " + join(std::vector<std::string>(required_end, table.columns.end()), ",");
  return out + ")";
}

// Turns one of the CSV library's exceptions into an InputError naming file and line.
[[noreturn]] void fail_from_csv_library(const CsvTable& table, const io::error::base& error) {
  int line = 1;  // header errors carry no line, and the header is line 1
  if (const auto* with_line = dynamic_cast<const io::error::with_file_line*>(&error))
    line = with_line->file_line;
  const SourcePosition where{table.file, line, 0};
  const std::string expected = expected_columns(table);

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
CsvTable read_fixed_width(const CsvText& source, CsvTable table, const CsvLayout& layout,
                          std::index_sequence<I...> /*column indices*/) {
  constexpr auto n = static_cast<unsigned>(sizeof...(I));
  try {
    io::CSVReader<n, io::trim_chars<' '>, io::double_quote_escape<',', '"'>, io::throw_on_overflow,
                  io::empty_line_comment>
        reader(source.name, source.text.data(), source.text.data() + source.text.size());
    // Missing columns are checked here, as the library would check all of them and only
    // the required ones must be there.
    reader.read_header(io::ignore_missing_column, table.columns[I]...);
    for (std::size_t c = 0; c + table.optional_columns < table.columns.size(); ++c) {
      if (!reader.has_column(table.columns[c]))
        fail_input_message(
            SourcePosition{table.file, 1, 0},
            "column '" + table.columns[c] + "' is missing from the header" + expected_columns(table));
    }
    // A column missing from the header is never assigned, so its fields stay empty.
    std::array<std::string, n> fields;
    while (reader.read_row(fields[I]...)) {
      const int line = static_cast<int>(reader.get_file_line());
      if (table.rows.size() == layout.max_rows)
        fail_input_message(
            SourcePosition{table.file, line, 0},
            "the file has more than " + std::to_string(layout.max_rows) + " " + layout.row_noun);
      table.rows.push_back(CsvRecord{line, {fields.begin(), fields.end()}});
    }
  } catch (const io::error::base& error) {
    fail_from_csv_library(table, error);
  }
  return table;
}

}  // namespace

CsvTable read_csv_table(const CsvText& source, std::vector<std::string> columns) {
  return read_csv_table(source, CsvLayout{std::move(columns), {}});
}

CsvTable read_csv_table(const CsvText& source, CsvLayout layout) {
  CsvTable table{source.name, std::move(layout.required), {}, layout.optional.size()};
  table.columns.insert(table.columns.end(), layout.optional.begin(), layout.optional.end());
  // The widths of the files integrasim reads; a new width is one more case.
  switch (table.columns.size()) {
    case 9:
      return read_fixed_width(source, std::move(table), layout, std::make_index_sequence<9>{});
    case 11:
      return read_fixed_width(source, std::move(table), layout, std::make_index_sequence<11>{});
    case 12:
      return read_fixed_width(source, std::move(table), layout, std::make_index_sequence<12>{});
    case 13:
      return read_fixed_width(source, std::move(table), layout, std::make_index_sequence<13>{});
    case 14:
      return read_fixed_width(source, std::move(table), layout, std::make_index_sequence<14>{});
    default:
      fail_internal("no CSV reader for " + std::to_string(table.columns.size()) + " columns (" + source.name +
                    ")");
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
