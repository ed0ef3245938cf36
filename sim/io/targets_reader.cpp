// Reads a target registry (scenarios/validation/targets.csv) in the catalogue reader's
// style: fast-cpp-csv-parser checks the header and the number of fields and hands over
// strings; every field is then parsed here so that each bad value is reported as
// "file:line: column 'x' is <value>, but must be <rule>".
#include "io/targets_reader.h"

// fast-cpp-csv-parser copies file names with strncpy and terminates them itself; after
// inlining, GCC's -Wstringop-truncation still flags it, in the library's code, not ours.
#include "io/fccp_csv.h"

#include <array>
#include <charconv>
#include <cmath>
#include <map>
#include <string_view>
#include <system_error>
#include <utility>

#include "io/input_error.h"
#include "io/scenario_reader.h"

namespace integrasim {
namespace {

constexpr std::array<const char*, 12> k_columns = {"id",       "scenario",   "arm",       "metric",
                                                   "subgroup", "comparison", "published", "tolerance",
                                                   "scale",    "source",     "in_sample", "note"};

std::string expected_columns() {
  std::string out = " (expected columns: ";
  for (std::size_t i = 0; i < k_columns.size(); ++i) {
    if (i > 0) out.append(",");
    out.append(k_columns[i]);
  }
  return out.append(")");
}

// Turns one of the CSV library's exceptions into an InputError naming file and line.
[[noreturn]] void fail_from_csv_library(const std::string& file, const io::error::base& error) {
  int line = 1;  // header errors carry no line, and the header is line 1
  if (const auto* with_line = dynamic_cast<const io::error::with_file_line*>(&error))
    line = with_line->file_line;
  const SourcePosition where{file, line, 0};
  const std::string expected = expected_columns();
  if (const auto* missing = dynamic_cast<const io::error::missing_column_in_header*>(&error))
    fail_input_message(where, std::string("column '")
                                  .append(missing->column_name)
                                  .append("' is missing from the header")
                                  .append(expected));
  if (const auto* extra = dynamic_cast<const io::error::extra_column_in_header*>(&error)) {
    const std::string hint =
        closest_match(extra->column_name, std::vector<std::string>(k_columns.begin(), k_columns.end()));
    std::string message =
        std::string("column '").append(extra->column_name).append("' is not a column of this file");
    if (!hint.empty()) message.append(" (did you mean '").append(hint).append("'?)");
    fail_input_message(where, message.append(expected));
  }
  if (const auto* twice = dynamic_cast<const io::error::duplicated_column_in_header*>(&error))
    fail_input_message(where, std::string("column '")
                                  .append(twice->column_name)
                                  .append("' appears twice in the header")
                                  .append(expected));
  if (dynamic_cast<const io::error::header_missing*>(&error) != nullptr)
    fail_input_message(where, std::string("the header line is missing").append(expected));
  if (dynamic_cast<const io::error::too_few_columns*>(&error) != nullptr)
    fail_input_message(where, std::string("the row has fewer fields than the header").append(expected));
  if (dynamic_cast<const io::error::too_many_columns*>(&error) != nullptr)
    fail_input_message(where, std::string("the row has more fields than the header (quote fields that "
                                          "contain a comma)")
                                  .append(expected));
  if (dynamic_cast<const io::error::escaped_string_not_closed*>(&error) != nullptr)
    fail_input_message(where, "a quoted field is not closed (fields may not span lines)");
  fail_input_message(where, error.what());
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// One registry row with compiler-style errors.
class Row {
 public:
  Row(const std::string& file, int line, const std::array<std::string, k_columns.size()>& fields)
      : file_(file), line_(line), fields_(fields) {}

  [[noreturn]] void fail(std::string_view column, std::string_view value, std::string_view rule) const {
    fail_input(SourcePosition{file_, line_, 0}, std::string("column '").append(column).append("'"),
               value.empty() ? "empty" : value, rule);
  }

  std::string_view raw(std::string_view column) const {
    for (std::size_t i = 0; i < k_columns.size(); ++i)
      if (column == k_columns[i]) return trim(fields_[i]);
    throw std::logic_error("internal error: no column '" + std::string(column) + "'");
  }

  std::string text(std::string_view column) const {
    const std::string_view value = raw(column);
    if (value.empty()) fail(column, value, "given (the column is required)");
    return std::string(value);
  }

  double number(std::string_view column) const {
    const std::string_view value = raw(column);
    if (value.empty()) fail(column, value, "a number (the column is required)");
    double x = 0.0;
    const auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), x);
    if (error != std::errc{} || end != value.data() + value.size())
      fail(column, value, "a number such as -4.6 or 0.25");
    // from_chars accepts "nan" and "inf"; neither is a usable target.
    if (!std::isfinite(x)) fail(column, value, "a finite number");
    return x;
  }

  double positive(std::string_view column, std::string_view meaning) const {
    const double x = number(column);
    if (!(x > 0.0)) fail(column, raw(column), std::string("> 0 (").append(meaning).append(")"));
    return x;
  }

  // One of two words; the first maps to `first`, the second to `!first`.
  bool choice(std::string_view column, std::string_view first, std::string_view second) const {
    const std::string value = text(column);
    if (value == first) return true;
    if (value == second) return false;
    std::string rule = std::string(first).append(" or ").append(second);
    const std::string hint = closest_match(value, {std::string(first), std::string(second)});
    if (!hint.empty()) rule.append(" (did you mean '").append(hint).append("'?)");
    fail(column, value, rule);
  }

  int line() const { return line_; }

 private:
  const std::string& file_;
  int line_;
  const std::array<std::string, k_columns.size()>& fields_;
};

Target read_row(const Row& row, const std::string& file) {
  Target t;
  t.id = row.text("id");
  t.scenario = row.text("scenario");
  t.arm = row.text("arm");
  t.metric = row.text("metric");
  t.subgroup = row.text("subgroup");
  t.comparison = row.choice("comparison", "level", "difference") ? TargetComparison::level
                                                                 : TargetComparison::difference;
  t.published = row.number("published");
  t.tolerance = row.positive("tolerance", "the largest acceptable |simulated - published|");
  t.scale = row.positive("scale", "multiplies the simulated value, e.g. 100 for percent");
  t.source = row.text("source");
  t.in_sample = row.choice("in_sample", "yes", "no");
  t.note = std::string(row.raw("note"));
  t.file = file;
  t.line = row.line();
  return t;
}

template <std::size_t... I>
std::vector<Target> read_rows(const std::string& file, const std::string& text,
                              std::index_sequence<I...> /*column indices*/) {
  std::vector<Target> out;
  std::map<std::string, int> seen;  // id -> line
  try {
    io::CSVReader<k_columns.size(), io::trim_chars<' '>, io::double_quote_escape<',', '"'>,
                  io::throw_on_overflow, io::empty_line_comment>
        reader(file, text.data(), text.data() + text.size());
    reader.read_header(io::ignore_no_column, k_columns[I]...);
    std::array<std::string, k_columns.size()> fields;
    while (reader.read_row(fields[I]...)) {
      const Row row(file, static_cast<int>(reader.get_file_line()), fields);
      Target t = read_row(row, file);
      const auto [it, inserted] = seen.emplace(t.id, t.line);
      if (!inserted)
        row.fail("id", t.id,
                 std::string("unique in the registry (already used on line ")
                     .append(std::to_string(it->second))
                     .append(")"));
      out.push_back(std::move(t));
    }
  } catch (const io::error::base& error) {
    fail_from_csv_library(file, error);
  }
  return out;
}

}  // namespace

std::vector<Target> read_targets(const std::string& csv_path) {
  const std::string text = read_text_file(csv_path);
  return read_rows(csv_path, text, std::make_index_sequence<k_columns.size()>{});
}

}  // namespace integrasim
