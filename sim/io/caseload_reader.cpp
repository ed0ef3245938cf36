// Reads the caseload file in the two steps of every CSV reader: io/csv_rows turns the text
// into rows of strings (checking the header), then each row is checked field by field and
// across fields with the shared CsvRow messages. The file describes real persons, so only
// its hash leaves the reader's caller (manifest inputs); no message quotes more than the
// one field it is about.
#include "io/caseload_reader.h"

#include <algorithm>
#include <array>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "core/diagnostics.h"
#include "core/limits.h"
#include "io/manifest.h"
#include "io/text_file.h"

namespace integrasim {
namespace {

using Row = csv::CsvRow;

// Attribute columns are named as the dimensions are (name_of), in model_types' order.
constexpr std::array<Dimension, k_dimension_count> k_attribute_columns = {
    Dimension::sex,       Dimension::group,  Dimension::match_group, Dimension::age_band,
    Dimension::education, Dimension::health, Dimension::children};

constexpr std::string_view k_months_rule = "a whole number of months, 0 or more";

csv::CsvLayout caseload_layout() {
  csv::CsvLayout layout;
  layout.required.emplace_back("person_id");
  for (const Dimension d : k_attribute_columns) layout.required.emplace_back(name_of(d));
  layout.required.insert(layout.required.end(),
                         {"danish_level", "months_since_arrival", "months_on_benefit"});
  layout.optional = {"current_programme", "months_in_programme"};
  layout.max_rows = k_max_caseload_persons;
  layout.row_noun = "persons";
  return layout;
}

// The level names of `d`, as model_types names them.
std::vector<std::string> level_names(Dimension d) {
  std::vector<std::string> names;
  for (int l = 0; l < k_dimension_levels[static_cast<std::size_t>(d)]; ++l)
    names.emplace_back(level_name(d, l));
  return names;
}

void set_level(PersonAttributes& attrs, Dimension d, int level) {
  switch (d) {
    case Dimension::sex:
      attrs.sex = static_cast<Sex>(level);
      return;
    case Dimension::group:
      attrs.group = static_cast<Group>(level);
      return;
    case Dimension::match_group:
      attrs.match_group = static_cast<MatchGroup>(level);
      return;
    case Dimension::age_band:
      attrs.age_band = static_cast<AgeBand>(level);
      return;
    case Dimension::education:
      attrs.education = static_cast<EducationLevel>(level);
      return;
    case Dimension::health:
      attrs.health = static_cast<Health>(level);
      return;
    case Dimension::children:
      attrs.children = static_cast<Children>(level);
      return;
  }
  fail_internal("unknown dimension");
}

// A month count in [0, k_max_months_since_arrival), or nothing for an empty field. Digits
// only, so that "-1", "2.5" and "3 months" are refused with the same rule.
std::optional<int> optional_months(const Row& row, std::string_view column) {
  const std::string_view value = row.raw(column);
  if (value.empty()) return std::nullopt;
  if (value.find_first_not_of("0123456789") != std::string_view::npos) row.fail(column, value, k_months_rule);
  // More digits than the limit has cannot be below it (and would overflow an int).
  const std::string limit = std::to_string(k_max_months_since_arrival);
  const auto significant = value.substr(std::min(value.find_first_not_of('0'), value.size()));
  int months = 0;
  if (significant.size() <= limit.size())
    for (const char c : significant) months = months * 10 + (c - '0');
  if (significant.size() > limit.size() || months >= k_max_months_since_arrival)
    row.fail(column, value,
             "less than " + limit + " months (50 years; a longer history is a typo, e.g. days for months)");
  return months;
}

int months(const Row& row, std::string_view column) {
  const auto m = optional_months(row, column);
  if (!m) row.fail(column, "", std::string(k_months_rule) + " (the column is required)");
  return *m;
}

double danish_level(const Row& row) {
  const std::string_view column = "danish_level";
  const auto level = row.optional_number(column);
  if (!level) row.fail(column, "", "a Danish level from 0 to 3 (the column is required)");
  if (!(*level >= 0.0 && *level <= 3.0))
    row.fail(column, row.raw(column),
             "a Danish level from 0 to 3 (0 = none, 3 = Danish education 3 completed)");
  return *level;
}

CaseloadPerson read_person(const Row& row, const std::vector<std::string>& intervention_ids) {
  CaseloadPerson p;
  p.line = row.line();
  p.person_id = row.text("person_id");
  for (const Dimension d : k_attribute_columns)
    set_level(p.attrs, d, static_cast<int>(row.choice(name_of(d), level_names(d))));
  p.attrs.danish_level_at_entry = danish_level(row);
  p.months_since_arrival = months(row, "months_since_arrival");
  p.months_on_benefit = months(row, "months_on_benefit");
  // The spell is part of the time in Denmark.
  if (p.months_on_benefit > p.months_since_arrival)
    row.fail("months_on_benefit", row.raw("months_on_benefit"),
             "at most months_since_arrival (" + std::to_string(p.months_since_arrival) +
                 "): the benefit spell started after arrival");

  p.current_programme = std::string(row.raw("current_programme"));
  const auto in_programme = optional_months(row, "months_in_programme");
  if (p.current_programme.empty()) {
    if (in_programme)
      row.fail("months_in_programme", row.raw("months_in_programme"),
               "empty when current_programme is empty (the person is in no programme)");
    return p;
  }
  if (std::find(intervention_ids.begin(), intervention_ids.end(), p.current_programme) ==
      intervention_ids.end())
    row.fail("current_programme", p.current_programme,
             "empty (no programme) or an intervention id of the catalogue" +
                 did_you_mean(p.current_programme, intervention_ids));
  // No default: 0 would silently restart a programme the person may be halfway through.
  if (!in_programme)
    row.fail("months_in_programme", "",
             "given when current_programme is given (0 for a programme that starts now)");
  p.months_in_programme = *in_programme;
  // The programme is part of the benefit spell.
  if (p.months_in_programme > p.months_on_benefit)
    row.fail("months_in_programme", row.raw("months_in_programme"),
             "at most months_on_benefit (" + std::to_string(p.months_on_benefit) +
                 "): the programme started during the benefit spell");
  return p;
}

}  // namespace

CaseloadSpec read_caseload(const csv::CsvText& source, const std::vector<std::string>& intervention_ids) {
  const csv::CsvTable table = csv::read_csv_table(source, caseload_layout());
  if (table.rows.empty())
    fail_input_message(SourcePosition{table.file, 1, 0},
                       "the file has no persons (only a header; a caseload needs at least one row)");
  CaseloadSpec spec;
  spec.persons.reserve(table.rows.size());
  std::map<std::string, int, std::less<>> first_line;  // person_id -> line
  InputErrors errors;                                  // every bad row, not only the first
  for (const csv::CsvRecord& record : table.rows) {
    errors.check([&] {
      const Row row(table, record);
      CaseloadPerson p = read_person(row, intervention_ids);
      const auto [it, inserted] = first_line.emplace(p.person_id, p.line);
      if (!inserted)
        row.fail("person_id", p.person_id,
                 "unique in the file (already used on line " + std::to_string(it->second) + ")");
      spec.persons.push_back(std::move(p));
    });
  }
  errors.throw_if_any();
  return spec;
}

CaseloadSpec read_caseload_file(const std::string& shown_name, const std::filesystem::path& path,
                                const std::vector<std::string>& intervention_ids) {
  const std::string bytes = read_text_file(path.string(), shown_name);
  CaseloadSpec spec = read_caseload(csv::CsvText{shown_name, bytes}, intervention_ids);
  spec.file = shown_name;
  spec.sha256 = sha256_hex(bytes);
  return spec;
}

}  // namespace integrasim
