// Reading a workbook back in tests: tests/io/xlsx_dump.py (Python's zipfile and XML
// parser, no third-party package) prints its sheets, cells, number formats, panes and
// filters as JSON, which these helpers look up.
#pragma once

#include <nlohmann/json.hpp>

#include <cmath>
#include <cstddef>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include "process_support.h"
#include "test_support.h"

namespace integrasim::testing {

// One unit in the 16th significant digit of `x`: libxlsxwriter writes numbers with 16
// significant digits ("%.16G"), so a cell read back is within half of that of the double
// written, plus the rounding of reading it back.
inline double sixteen_digit_unit(double x) {
  if (x == 0.0) return 0.0;
  return std::pow(10.0, std::floor(std::log10(std::fabs(x))) - 15.0);
}

// With `sheets`, only their cells are read (the others are listed without rows).
inline nlohmann::json dump_xlsx(const std::string& path, const std::vector<std::string>& sheets = {}) {
  std::string command = "python3 ";
  command.append(shell_quote(source_path("tests/io/xlsx_dump.py"))).append(" ").append(shell_quote(path));
  for (const std::string& s : sheets) command.append(" ").append(shell_quote(s));
  const CommandResult r = run_shell(command);
  if (r.exit_code != 0) throw std::runtime_error("xlsx_dump.py failed:\n" + describe(r));
  return nlohmann::json::parse(r.out);
}

inline nlohmann::json dump_xlsx_bytes(const std::string& bytes) {
  const std::string path = make_temp_dir("xlsx") + "/book.xlsx";
  write_file_bytes(path, bytes);
  return dump_xlsx(path);
}

inline const nlohmann::json& sheet_of(const nlohmann::json& book, const std::string& name) {
  for (const auto& s : book.at("sheets"))
    if (s.at("name") == name) return s;
  throw std::runtime_error("no sheet '" + name + "'");
}

// "A1" style reference of a 0-based row and column.
inline std::string cell_ref(std::size_t row, std::size_t column) {
  std::string letters;
  for (std::size_t c = column + 1; c > 0; c = (c - 1) / 26)
    letters.insert(letters.begin(), static_cast<char>('A' + (c - 1) % 26));
  return letters + std::to_string(row + 1);
}

// The cell at 0-based (row, column), or null when it is blank (not written).
inline nlohmann::json cell_at(const nlohmann::json& sheet, std::size_t row, std::size_t column) {
  const std::string ref = cell_ref(row, column);
  for (const auto& r : sheet.at("rows")) {
    if (r.at("r") != row + 1) continue;
    for (const auto& c : r.at("cells"))
      if (c.at("ref") == ref) return c;
  }
  return nullptr;
}

// Every written cell of a sheet by its reference ("B7").
inline std::map<std::string, nlohmann::json> cells_by_ref(const nlohmann::json& sheet) {
  std::map<std::string, nlohmann::json> out;
  for (const auto& r : sheet.at("rows"))
    for (const auto& c : r.at("cells")) out.emplace(c.at("ref").get<std::string>(), c);
  return out;
}

// Rows of a sheet as text (numbers as written in the XML), blank cells as "".
inline std::vector<std::vector<std::string>> sheet_texts(const nlohmann::json& sheet, std::size_t columns) {
  std::vector<std::vector<std::string>> out;
  for (const auto& r : sheet.at("rows")) {
    const std::size_t index = r.at("r").get<std::size_t>() - 1;
    if (out.size() <= index) out.resize(index + 1, std::vector<std::string>(columns));
    std::vector<std::string>& row = out[index];
    for (const auto& c : r.at("cells")) {
      const std::string ref = c.at("ref");
      std::size_t column = 0;
      for (const char ch : ref) {
        if (ch < 'A' || ch > 'Z') break;
        column = column * 26 + static_cast<std::size_t>(ch - 'A' + 1);
      }
      if (column >= 1 && column <= columns && !c.at("value").is_null()) row[column - 1] = c.at("value");
    }
  }
  return out;
}

}  // namespace integrasim::testing
