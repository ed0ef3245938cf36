#include "io/csv_writer.h"

#include <charconv>
#include <cmath>
#include <stdexcept>
#include <system_error>

#include "core/diagnostics.h"

namespace integrasim {

namespace {

// Excel only recognises a UTF-8 file (and so shows æ, ø, å correctly) when it starts
// with a byte-order mark; other readers (R, pandas) skip it with encoding "UTF-8-BOM" /
// "utf-8-sig", which is why the standard dialect does not write one.
constexpr std::string_view utf8_bom = "\xEF\xBB\xBF";
constexpr std::string_view line_end = "\r\n";

char separator_of(CsvDialect dialect) {
  return dialect == CsvDialect::excel_da ? ';' : ',';
}

bool needs_quotes(std::string_view text, char separator) {
  return text.find_first_of(std::string_view{"\"\r\n"}) != std::string_view::npos ||
         text.find(separator) != std::string_view::npos;
}

// Shortest text that reads back as exactly `value` (std::to_chars without a format
// picks fixed or exponent form, whichever is shorter). Unlike printf("%.17g") this
// never depends on the locale, so the same run gives byte-identical files everywhere.
std::string shortest_round_trip(double value) {
  // Negative zero only arises from arithmetic on zero differences; "-0" would puzzle a
  // planner and carries no information, so it is written as "0".
  if (value == 0.0) return "0";
  char buffer[64];
  const auto [end, error] = std::to_chars(buffer, buffer + sizeof buffer, value);
  if (error != std::errc{}) fail_internal("to_chars failed for a double");
  return std::string(buffer, end);
}

}  // namespace

CsvWriter::CsvWriter(CsvDialect dialect) : dialect_(dialect) {
  if (dialect_ == CsvDialect::excel_da) text_.append(utf8_bom);
}

void CsvWriter::separator() {
  if (row_started_) text_.push_back(separator_of(dialect_));
  row_started_ = true;
}

void CsvWriter::add_text(std::string_view text) {
  separator();
  if (!needs_quotes(text, separator_of(dialect_))) {
    text_.append(text);
    return;
  }
  text_.push_back('"');
  for (const char c : text) {
    if (c == '"') text_.push_back('"');  // RFC 4180: a quote inside a quoted field is doubled
    text_.push_back(c);
  }
  text_.push_back('"');
}

// NaN marks "not available" (e.g. a median that was not reached within the horizon);
// an empty field is what Excel, R (NA), pandas (NaN) and Stata (.) all read as missing.
// Infinities are written as "inf"/"-inf", which R and pandas read back as infinite.
//
// Excel-da: the number keeps to_chars' form with '.' replaced by ','. Exponent forms
// such as "1,5e-05" are read as numbers by Excel in a Danish locale, so no fixed-point
// rewrite is needed (it would make tiny values very long and lose the round-trip
// guarantee's simplicity). The comma cannot clash with the ';' separator.
void CsvWriter::add_number(double value) {
  separator();
  if (std::isnan(value)) return;
  std::string number = shortest_round_trip(value);
  if (dialect_ == CsvDialect::excel_da) {
    for (char& c : number) {
      if (c == '.') c = ',';
    }
  }
  text_.append(number);
}

void CsvWriter::add_integer(long long value) {
  separator();
  char buffer[32];
  const auto [end, error] = std::to_chars(buffer, buffer + sizeof buffer, value);
  if (error != std::errc{}) fail_internal("to_chars failed for an integer");
  text_.append(buffer, end);
}

void CsvWriter::end_row() {
  text_.append(line_end);
  row_started_ = false;
}

void CsvWriter::header(const std::vector<std::string>& names) {
  for (const auto& name : names) add_text(name);
  end_row();
}

}  // namespace integrasim
