// Reads a target registry (scenarios/validation/targets.csv) with the shared CSV row
// checks of io/csv_rows, so that each bad value is reported as "file:line: column 'x' is
// 'value', but must be <rule>".
#include "io/targets_reader.h"

#include <array>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "io/csv_rows.h"
#include "io/text_file.h"

namespace integrasim {
namespace {

using Row = csv::CsvRow;

constexpr std::array<const char*, 12> k_columns = {"id",       "scenario",   "arm",       "metric",
                                                   "subgroup", "comparison", "published", "tolerance",
                                                   "scale",    "source",     "in_sample", "note"};

Target read_row(const Row& row, const std::string& file) {
  Target t;
  t.id = row.text("id");
  t.scenario = row.text("scenario");
  t.arm = row.text("arm");
  t.metric = row.text("metric");
  t.subgroup = row.text("subgroup");
  constexpr std::array<TargetComparison, 3> k_comparisons = {
      TargetComparison::level, TargetComparison::difference, TargetComparison::difference_per_participant};
  t.comparison = k_comparisons[static_cast<std::size_t>(
      row.choice("comparison", {comparison_name(k_comparisons[0]), comparison_name(k_comparisons[1]),
                                comparison_name(k_comparisons[2])}))];
  t.published = row.number("published");
  t.tolerance = row.positive("tolerance", "the largest acceptable |simulated - published|");
  t.scale = row.positive("scale", "multiplies the simulated value, e.g. 100 for percent");
  t.source = row.text("source");
  t.in_sample = row.choice("in_sample", {"yes", "no"}) == 0;
  t.note = std::string(row.raw("note"));
  t.file = file;
  t.line = row.line();
  return t;
}

std::vector<Target> read_rows(const std::string& file, const std::string& text) {
  const csv::CsvTable table =
      csv::read_csv_table({file, text}, std::vector<std::string>(k_columns.begin(), k_columns.end()));
  std::vector<Target> out;
  std::map<std::string, int> seen;  // id -> line
  InputErrors errors;               // every bad row, not only the first
  for (const csv::CsvRecord& record : table.rows) {
    errors.check([&] {
      const Row row(table, record);
      Target t = read_row(row, file);
      const auto [it, inserted] = seen.emplace(t.id, t.line);
      if (!inserted)
        row.fail("id", t.id,
                 "unique in the registry (already used on line " + std::to_string(it->second) + ")");
      out.push_back(std::move(t));
    });
  }
  errors.throw_if_any();
  return out;
}

}  // namespace

std::vector<Target> read_targets(const std::string& csv_path) {
  const std::string text = read_text_file(csv_path);
  return read_rows(csv_path, text);
}

}  // namespace integrasim
