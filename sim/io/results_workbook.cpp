#include "io/results_workbook.h"

#include <string_view>

namespace integrasim {

namespace {

// Excel holds at most k_excel_max_text characters in a cell; a longer description is
// cut there (manifest.json has it whole).
std::string fit_in_cell(const std::string& text) {
  std::size_t characters = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) continue;
    if (++characters > k_excel_max_text - 100) {
      std::string cut = text.substr(0, i);
      cut.append(" ... (cut at Excel's limit of a cell; the whole text is in manifest.json)");
      return cut;
    }
  }
  return text;
}

void add_row(Table& table, std::string_view item, std::string_view value) {
  table.add_text(item);
  table.add_text(value);
  table.end_row();
}

constexpr std::string_view k_units_note =
    "Numbers are stored in full and only shown rounded: DKK and counts of persons as #,##0, shares "
    "(0 to 1) as 0.0%, months and percentage points as 0.0; an SE column is shown like its value. An "
    "empty cell is a value that is not available (e.g. a median not reached within the horizon, or "
    "the comparator's difference with itself). Columns are described in README.md (output reference).";

}  // namespace

std::string results_workbook(const Manifest& manifest, WorkbookContents contents, std::size_t max_rows) {
  Table read_me({{"item"}, {"value"}});
  add_row(read_me, "scenario", manifest.scenario_name);
  if (!manifest.description.empty()) add_row(read_me, "description", fit_in_cell(manifest.description));
  // As text: a seed may be larger than the 2^53 a cell's number holds exactly.
  add_row(read_me, "seed", std::to_string(manifest.seed));
  read_me.add_text("persons");
  read_me.add_integer(manifest.persons);
  read_me.end_row();
  read_me.add_text("horizon_months");
  read_me.add_integer(manifest.horizon_months);
  read_me.end_row();
  if (manifest.draws > 1) {
    read_me.add_text("draws");
    read_me.add_integer(manifest.draws);
    read_me.end_row();
  }
  add_row(read_me, "version", manifest.version);
  add_row(read_me, "git_revision", manifest.git_revision);
  add_row(read_me, "provenance",
          "manifest.json beside this file holds the command line, threads, times, input files and the "
          "SHA-256 of every result file");
  add_row(read_me, "units", k_units_note);

  std::vector<XlsxSheet> sheets = {{"read_me", &read_me}};
  for (const WorkbookSheet& sheet : contents.sheets) {
    if (sheet.table.rows() + 1 > max_rows) {
      std::string why = "left out: ";
      why.append(std::to_string(sheet.table.rows()))
          .append(" rows, more than a worksheet holds (")
          .append(std::to_string(max_rows))
          .append(" with the header); the CSV file of the same name has them. It would hold ")
          .append(sheet.holds);
      add_row(read_me, "sheet " + sheet.name, why);
      continue;
    }
    add_row(read_me, "sheet " + sheet.name, sheet.holds);
    sheets.push_back({sheet.name, &sheet.table});
  }
  for (const auto& [item, value] : contents.notes) add_row(read_me, item, value);
  return xlsx_bytes(sheets);
}

}  // namespace integrasim
