// io/caseload_reader: every field and cross-field check fires with its exact message
// (file:line: column 'x' is 'value', but must be <rule>), the optional columns may be
// left out, columns may come in any order, and the shipped caseload files load.
#include "io/caseload_reader.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "core/diagnostics.h"
#include "core/limits.h"
#include "io/catalogue_reader.h"
#include "io/manifest.h"
#include "test_support.h"

namespace integrasim {
namespace {

using integrasim::testing::make_temp_dir;
using integrasim::testing::source_path;

const std::vector<std::string> k_intervention_ids = {"danish_education", "meetings", "internship_private"};

const std::vector<std::string> k_columns = {"person_id",
                                            "sex",
                                            "group",
                                            "match_group",
                                            "age_band",
                                            "education",
                                            "health",
                                            "children",
                                            "danish_level",
                                            "months_since_arrival",
                                            "months_on_benefit",
                                            "current_programme",
                                            "months_in_programme"};

// One valid person, by column.
using Fields = std::map<std::string, std::string>;
Fields valid_person(const std::string& id = "P0001") {
  return {{"person_id", id},           {"sex", "male"},
          {"group", "refugee"},        {"match_group", "job_ready"},
          {"age_band", "age_30_39"},   {"education", "basic"},
          {"health", "healthy"},       {"children", "no_small_children"},
          {"danish_level", "0.5"},     {"months_since_arrival", "24"},
          {"months_on_benefit", "18"}, {"current_programme", "danish_education"},
          {"months_in_programme", "3"}};
}

// A file with `columns` as its header and one line per person.
std::string csv_text(const std::vector<std::string>& columns, const std::vector<Fields>& persons) {
  std::string out;
  for (std::size_t c = 0; c < columns.size(); ++c) out += (c > 0 ? "," : "") + columns[c];
  out += '\n';
  for (const Fields& p : persons) {
    for (std::size_t c = 0; c < columns.size(); ++c) out += (c > 0 ? "," : "") + p.at(columns[c]);
    out += '\n';
  }
  return out;
}

CaseloadSpec read(const std::string& text) {
  return read_caseload(csv::CsvText{"caseload.csv", text}, k_intervention_ids);
}

// The message of the InputError `text` raises, or a test failure if it raises none.
std::string error_of(const std::string& text) {
  try {
    read(text);
  } catch (const InputError& e) {
    return e.what();
  }
  ADD_FAILURE() << "no error for:\n" << text;
  return "";
}

// The message for one valid person (line 2) followed by a person with `column` = `value`
// (line 3).
std::string error_of_field(const std::string& column, const std::string& value) {
  Fields bad = valid_person("P0002");
  bad.at(column) = value;
  return error_of(csv_text(k_columns, {valid_person(), bad}));
}

const std::string k_expected_columns =
    " (expected columns: person_id,sex,group,match_group,age_band,education,health,children,"
    "danish_level,months_since_arrival,months_on_benefit; optional: current_programme,"
    "months_in_programme)";

// ---------------------------------------------------------------------------------------
// Valid files
// ---------------------------------------------------------------------------------------

TEST(CaseloadReader, ReadsEveryField) {
  Fields other = {{"person_id", "P0002"},        {"sex", "female"},
                  {"group", "other_immigrant"},  {"match_group", "activity_ready"},
                  {"age_band", "age_50_64"},     {"education", "tertiary"},
                  {"health", "health_problems"}, {"children", "small_children"},
                  {"danish_level", "2.25"},      {"months_since_arrival", "599"},
                  {"months_on_benefit", "0"},    {"current_programme", ""},
                  {"months_in_programme", ""}};
  const CaseloadSpec spec = read(csv_text(k_columns, {valid_person(), other}));
  ASSERT_EQ(spec.persons.size(), 2u);

  const CaseloadPerson& a = spec.persons[0];
  EXPECT_EQ(a.person_id, "P0001");
  EXPECT_EQ(a.attrs.sex, Sex::male);
  EXPECT_EQ(a.attrs.group, Group::refugee);
  EXPECT_EQ(a.attrs.match_group, MatchGroup::job_ready);
  EXPECT_EQ(a.attrs.age_band, AgeBand::age_30_39);
  EXPECT_EQ(a.attrs.education, EducationLevel::basic);
  EXPECT_EQ(a.attrs.health, Health::healthy);
  EXPECT_EQ(a.attrs.children, Children::no_small_children);
  EXPECT_EQ(a.attrs.danish_level_at_entry, 0.5);
  EXPECT_EQ(a.months_since_arrival, 24);
  EXPECT_EQ(a.months_on_benefit, 18);
  EXPECT_EQ(a.current_programme, "danish_education");
  EXPECT_EQ(a.months_in_programme, 3);
  EXPECT_EQ(a.line, 2);

  const CaseloadPerson& b = spec.persons[1];
  EXPECT_EQ(b.person_id, "P0002");
  EXPECT_EQ(b.attrs.sex, Sex::female);
  EXPECT_EQ(b.attrs.group, Group::other_immigrant);
  EXPECT_EQ(b.attrs.match_group, MatchGroup::activity_ready);
  EXPECT_EQ(b.attrs.age_band, AgeBand::age_50_64);
  EXPECT_EQ(b.attrs.education, EducationLevel::tertiary);
  EXPECT_EQ(b.attrs.health, Health::health_problems);
  EXPECT_EQ(b.attrs.children, Children::small_children);
  EXPECT_EQ(b.attrs.danish_level_at_entry, 2.25);
  EXPECT_EQ(b.months_since_arrival, 599);
  EXPECT_EQ(b.months_on_benefit, 0);
  EXPECT_EQ(b.current_programme, "");
  EXPECT_EQ(b.months_in_programme, 0);
  EXPECT_EQ(b.line, 3);

  // The reader leaves the scenario's part alone.
  EXPECT_EQ(spec.simulated_per_person, CaseloadSpec{}.simulated_per_person);
  EXPECT_EQ(spec.where.file, "");
  EXPECT_EQ(spec.file, "");
  EXPECT_EQ(spec.sha256, "");
  EXPECT_TRUE(spec.active());
}

TEST(CaseloadReader, EveryLevelOfEveryDimensionIsReadByItsModelName) {
  const std::vector<std::pair<std::string, std::vector<std::string>>> levels = {
      {"sex", {"male", "female"}},
      {"group", {"refugee", "family_reunified", "other_immigrant"}},
      {"match_group", {"job_ready", "activity_ready"}},
      {"age_band", {"age_18_29", "age_30_39", "age_40_49", "age_50_64"}},
      {"education", {"basic", "upper_secondary", "tertiary"}},
      {"health", {"healthy", "health_problems"}},
      {"children", {"no_small_children", "small_children"}}};
  for (const auto& [column, names] : levels) {
    for (std::size_t l = 0; l < names.size(); ++l) {
      Fields p = valid_person();
      p.at(column) = names[l];
      const CaseloadSpec spec = read(csv_text(k_columns, {p}));
      ASSERT_EQ(spec.persons.size(), 1u);
      const auto d = dimension_from_name(column);
      ASSERT_TRUE(d.has_value()) << column;
      EXPECT_EQ(level_of(spec.persons[0].attrs, *d), static_cast<int>(l)) << column << " " << names[l];
    }
  }
}

TEST(CaseloadReader, TheOptionalColumnsMayBeLeftOut) {
  std::vector<std::string> columns = k_columns;
  columns.resize(columns.size() - 2);  // neither current_programme nor months_in_programme
  const CaseloadSpec spec = read(csv_text(columns, {valid_person("P1"), valid_person("P2")}));
  ASSERT_EQ(spec.persons.size(), 2u);
  for (const auto& p : spec.persons) {
    EXPECT_EQ(p.current_programme, "");
    EXPECT_EQ(p.months_in_programme, 0);
  }
  EXPECT_EQ(spec.persons[1].person_id, "P2");
  EXPECT_EQ(spec.persons[1].months_on_benefit, 18);
}

TEST(CaseloadReader, ColumnsMayComeInAnyOrder) {
  std::vector<std::string> columns = k_columns;
  std::reverse(columns.begin(), columns.end());
  Fields p = valid_person("X7");
  p.at("sex") = "female";
  p.at("months_since_arrival") = "40";
  p.at("months_on_benefit") = "31";
  p.at("current_programme") = "internship_private";
  p.at("months_in_programme") = "2";
  const CaseloadSpec spec = read(csv_text(columns, {p}));
  ASSERT_EQ(spec.persons.size(), 1u);
  EXPECT_EQ(spec.persons[0].person_id, "X7");
  EXPECT_EQ(spec.persons[0].attrs.sex, Sex::female);
  EXPECT_EQ(spec.persons[0].months_since_arrival, 40);
  EXPECT_EQ(spec.persons[0].months_on_benefit, 31);
  EXPECT_EQ(spec.persons[0].current_programme, "internship_private");
  EXPECT_EQ(spec.persons[0].months_in_programme, 2);
}

TEST(CaseloadReader, FieldsAreTrimmedAndLinesCountBlankLines) {
  const std::string text = csv_text(k_columns, {valid_person()}) + "\n" +
                           " P0002 , female ,refugee,job_ready,age_18_29,basic,healthy,"
                           "no_small_children, 1 , 007 ,0,,\n";
  const CaseloadSpec spec = read(text);
  ASSERT_EQ(spec.persons.size(), 2u);
  EXPECT_EQ(spec.persons[1].person_id, "P0002");
  EXPECT_EQ(spec.persons[1].attrs.sex, Sex::female);
  EXPECT_EQ(spec.persons[1].attrs.danish_level_at_entry, 1.0);
  EXPECT_EQ(spec.persons[1].months_since_arrival, 7);
  EXPECT_EQ(spec.persons[1].line, 4);
}

TEST(CaseloadReader, AProgrammeMayStartThisMonthAndFillTheWholeSpell) {
  Fields starts = valid_person("P1");
  starts.at("months_in_programme") = "0";
  Fields whole = valid_person("P2");
  whole.at("months_since_arrival") = "12";
  whole.at("months_on_benefit") = "12";
  whole.at("months_in_programme") = "12";
  const CaseloadSpec spec = read(csv_text(k_columns, {starts, whole}));
  ASSERT_EQ(spec.persons.size(), 2u);
  EXPECT_EQ(spec.persons[0].months_in_programme, 0);
  EXPECT_EQ(spec.persons[1].months_in_programme, 12);
}

TEST(CaseloadReader, TheFileIsNamedAndHashed) {
  const std::string dir = make_temp_dir("caseload");
  const std::string path = dir + "/my_caseload.csv";
  const std::string text = csv_text(k_columns, {valid_person()});
  std::ofstream(path, std::ios::binary) << text;
  const CaseloadSpec spec = read_caseload_file("data/my_caseload.csv", path, k_intervention_ids);
  EXPECT_EQ(spec.file, "data/my_caseload.csv");
  EXPECT_EQ(spec.sha256, sha256_hex(text));
  EXPECT_EQ(spec.sha256.size(), 64u);
  ASSERT_EQ(spec.persons.size(), 1u);
  EXPECT_EQ(spec.persons[0].person_id, "P0001");
}

TEST(CaseloadReader, TheShippedFilesLoad) {
  const Catalogue catalogue = read_catalogue_dir(source_path("scenarios/evidence"));
  std::vector<std::string> ids;
  for (const auto& t : catalogue.interventions) ids.push_back(t.id);

  const CaseloadSpec tmpl =
      read_caseload_file("caseload_template.csv", source_path("scenarios/caseload_template.csv"), ids);
  EXPECT_EQ(tmpl.persons.size(), 2u);

  const CaseloadSpec example = read_caseload_file(
      "caseload_example.csv", source_path("scenarios/municipality/caseload_example.csv"), ids);
  ASSERT_EQ(example.persons.size(), 300u);
  EXPECT_EQ(example.persons.front().person_id, "P0001");
  EXPECT_EQ(example.persons.back().person_id, "P0300");
  // The generator's shares (scripts/make_synthetic_caseload.py), loosely.
  int male = 0;
  int in_programme = 0;
  std::set<std::string> programmes;
  for (const auto& p : example.persons) {
    male += p.attrs.sex == Sex::male ? 1 : 0;
    if (!p.current_programme.empty()) {
      ++in_programme;
      programmes.insert(p.current_programme);
    }
    EXPECT_LE(p.months_on_benefit, p.months_since_arrival) << p.person_id;
    EXPECT_LE(p.months_in_programme, p.months_on_benefit) << p.person_id;
  }
  EXPECT_GT(male, 130);
  EXPECT_LT(male, 200);
  EXPECT_GT(in_programme, 20);
  EXPECT_LT(in_programme, 80);
  EXPECT_EQ(programmes, (std::set<std::string>{"danish_education", "internship_private"}));
}

// ---------------------------------------------------------------------------------------
// The file and its header
// ---------------------------------------------------------------------------------------

TEST(CaseloadReader, AMissingFileIsNamedAsTheScenarioNamesIt) {
  try {
    read_caseload_file("caseload.csv", "/nonexistent/caseload.csv", k_intervention_ids);
    FAIL() << "no error";
  } catch (const InputError& e) {
    EXPECT_EQ(std::string(e.what()),
              "caseload.csv: cannot read file (No such file or directory; looked for "
              "/nonexistent/caseload.csv)");
  }
  try {
    read_caseload_file("/nonexistent/caseload.csv", "/nonexistent/caseload.csv", k_intervention_ids);
    FAIL() << "no error";
  } catch (const InputError& e) {
    EXPECT_EQ(std::string(e.what()),
              "/nonexistent/caseload.csv: cannot read file (No such file or directory)");
  }
}

TEST(CaseloadReader, AFolderIsNotAFile) {
  const std::string dir = make_temp_dir("caseload_folder");
  try {
    read_caseload_file("caseload.csv", dir, k_intervention_ids);
    FAIL() << "no error";
  } catch (const InputError& e) {
    EXPECT_EQ(std::string(e.what()),
              "caseload.csv: cannot read file (Is a directory; looked for " + dir + ")");
  }
}

TEST(CaseloadReader, AnUnknownColumnSuggestsAKnownOne) {
  std::vector<std::string> columns = k_columns;
  columns[10] = "month_on_benefit";
  Fields p = valid_person();
  p["month_on_benefit"] = "18";
  EXPECT_EQ(error_of(csv_text(columns, {p})),
            "caseload.csv:1: column 'month_on_benefit' is not a column of this file (did you mean "
            "'months_on_benefit'?)" +
                k_expected_columns);
  // The optional columns are known columns too.
  columns = k_columns;
  columns[11] = "current_programm";
  p = valid_person();
  p["current_programm"] = "";
  EXPECT_EQ(error_of(csv_text(columns, {p})),
            "caseload.csv:1: column 'current_programm' is not a column of this file (did you mean "
            "'current_programme'?)" +
                k_expected_columns);
}

TEST(CaseloadReader, AMissingRequiredColumnIsNamed) {
  std::vector<std::string> columns = k_columns;
  columns.erase(columns.begin() + 6);  // health
  EXPECT_EQ(error_of(csv_text(columns, {valid_person()})),
            "caseload.csv:1: column 'health' is missing from the header" + k_expected_columns);
}

TEST(CaseloadReader, AColumnTwiceIsNamed) {
  std::vector<std::string> columns = k_columns;
  columns.push_back("sex");
  EXPECT_EQ(error_of(csv_text(columns, {valid_person()})),
            "caseload.csv:1: column 'sex' appears twice in the header" + k_expected_columns);
}

TEST(CaseloadReader, ARowWithTooFewFieldsIsNamed) {
  const std::string text = csv_text(k_columns, {valid_person()}) + "P0002,male,refugee\n";
  EXPECT_EQ(error_of(text), "caseload.csv:3: the row has fewer fields than the header" + k_expected_columns);
}

TEST(CaseloadReader, AnEmptyFileHasNoHeader) {
  EXPECT_EQ(error_of(""), "caseload.csv:1: the header line is missing" + k_expected_columns);
}

TEST(CaseloadReader, AHeaderWithoutRowsHasNoPersons) {
  EXPECT_EQ(error_of(csv_text(k_columns, {})),
            "caseload.csv:1: the file has no persons (only a header; a caseload needs at least one row)");
}

TEST(CaseloadReader, MoreRowsThanTheLimitAreRefused) {
  // Short rows, so that the million-row file stays small.
  std::string text =
      "person_id,sex,group,match_group,age_band,education,health,children,danish_level,"
      "months_since_arrival,months_on_benefit\n";
  const std::string row = ",male,refugee,job_ready,age_18_29,basic,healthy,no_small_children,0,1,1\n";
  text.reserve(text.size() + (k_max_caseload_persons + 1) * (row.size() + 8));
  for (std::size_t i = 1; i <= k_max_caseload_persons + 1; ++i) text += std::to_string(i) + row;
  EXPECT_EQ(error_of(text), "caseload.csv:" + std::to_string(k_max_caseload_persons + 2) +
                                ": the file has more than 1000000 persons");
}

// ---------------------------------------------------------------------------------------
// Fields
// ---------------------------------------------------------------------------------------

TEST(CaseloadReader, TheMessageNamesLineColumnValueAndRule) {
  EXPECT_EQ(error_of_field("months_on_benefit", "abc"),
            "caseload.csv:3: column 'months_on_benefit' is 'abc', but must be a whole number of months, 0 or "
            "more");
}

TEST(CaseloadReader, PersonIdIsRequired) {
  EXPECT_EQ(error_of_field("person_id", ""),
            "caseload.csv:3: column 'person_id' is empty, but must be given (the column is required)");
  EXPECT_EQ(error_of_field("person_id", "  "),
            "caseload.csv:3: column 'person_id' is empty, but must be given (the column is required)");
}

TEST(CaseloadReader, AnUnknownLevelListsTheLevelsAndSuggestsOne) {
  const std::vector<std::tuple<std::string, std::string, std::string>> cases = {
      {"sex", "mael", "one of male, female (did you mean 'male'?)"},
      {"group", "refugees", "one of refugee, family_reunified, other_immigrant (did you mean 'refugee'?)"},
      {"match_group", "jobready", "one of job_ready, activity_ready (did you mean 'job_ready'?)"},
      {"age_band", "18-29", "one of age_18_29, age_30_39, age_40_49, age_50_64"},
      {"education", "tertairy", "one of basic, upper_secondary, tertiary (did you mean 'tertiary'?)"},
      {"health", "Healthy", "one of healthy, health_problems (did you mean 'healthy'?)"},
      {"children", "small_child",
       "one of no_small_children, small_children (did you mean 'small_children'?)"},
  };
  for (const auto& [column, value, rule] : cases)
    EXPECT_EQ(error_of_field(column, value),
              "caseload.csv:3: column '" + column + "' is '" + value + "', but must be " + rule);
}

TEST(CaseloadReader, ALevelIsRequired) {
  EXPECT_EQ(error_of_field("group", ""),
            "caseload.csv:3: column 'group' is empty, but must be given (the column is required)");
}

TEST(CaseloadReader, DanishLevelIsANumberFrom0To3) {
  EXPECT_EQ(error_of_field("danish_level", "B1"),
            "caseload.csv:3: column 'danish_level' is 'B1', but must be a number such as 0.25, -4.6 or 1e-3");
  EXPECT_EQ(error_of_field("danish_level", ""),
            "caseload.csv:3: column 'danish_level' is empty, but must be a Danish level from 0 to 3 (the "
            "column is required)");
  const std::string range = "a Danish level from 0 to 3 (0 = none, 3 = Danish education 3 completed)";
  EXPECT_EQ(error_of_field("danish_level", "3.5"),
            "caseload.csv:3: column 'danish_level' is '3.5', but must be " + range);
  EXPECT_EQ(error_of_field("danish_level", "-0.1"),
            "caseload.csv:3: column 'danish_level' is '-0.1', but must be " + range);
  EXPECT_EQ(error_of_field("danish_level", "nan"),
            "caseload.csv:3: column 'danish_level' is 'nan', but must be a finite number");
}

TEST(CaseloadReader, MonthsAreWholeNumbersFrom0BelowTheLimit) {
  const std::string whole = "a whole number of months, 0 or more";
  const std::string limit =
      "less than 600 months (50 years; a longer history is a typo, e.g. days for months)";
  for (const std::string column : {"months_since_arrival", "months_on_benefit", "months_in_programme"}) {
    for (const std::string value : {"-1", "2.5", "3 months", "+4", "1e2"})
      EXPECT_EQ(error_of_field(column, value),
                "caseload.csv:3: column '" + column + "' is '" + value + "', but must be " + whole);
  }
  EXPECT_EQ(error_of_field("months_since_arrival", "600"),
            "caseload.csv:3: column 'months_since_arrival' is '600', but must be " + limit);
  EXPECT_EQ(error_of_field("months_since_arrival", "99999999999999999999"),
            "caseload.csv:3: column 'months_since_arrival' is '99999999999999999999', but must be " + limit);
  EXPECT_EQ(error_of_field("months_on_benefit", "0000600"),
            "caseload.csv:3: column 'months_on_benefit' is '0000600', but must be " + limit);
  EXPECT_EQ(error_of_field("months_since_arrival", ""),
            "caseload.csv:3: column 'months_since_arrival' is empty, but must be " + whole +
                " (the column is required)");
  EXPECT_EQ(error_of_field("months_on_benefit", ""),
            "caseload.csv:3: column 'months_on_benefit' is empty, but must be " + whole +
                " (the column is required)");
  EXPECT_EQ(k_max_months_since_arrival, 600);  // the messages above spell it out
}

// ---------------------------------------------------------------------------------------
// Checks across fields and rows
// ---------------------------------------------------------------------------------------

TEST(CaseloadReader, ADuplicatePersonIdNamesTheFirstLine) {
  const std::string text =
      csv_text(k_columns, {valid_person("P1"), valid_person("P2"), valid_person("P3"), valid_person("P2")});
  EXPECT_EQ(error_of(text),
            "caseload.csv:5: column 'person_id' is 'P2', but must be unique in the file (already used on "
            "line 3)");
}

TEST(CaseloadReader, TheBenefitSpellFitsInTheTimeSinceArrival) {
  Fields p = valid_person();
  p.at("months_since_arrival") = "10";
  p.at("months_on_benefit") = "11";
  p.at("months_in_programme") = "1";
  EXPECT_EQ(error_of(csv_text(k_columns, {p})),
            "caseload.csv:2: column 'months_on_benefit' is '11', but must be at most months_since_arrival "
            "(10): the benefit spell started after arrival");
}

TEST(CaseloadReader, TheProgrammeIsACatalogueIntervention) {
  EXPECT_EQ(
      error_of_field("current_programme", "danish_educaton"),
      "caseload.csv:3: column 'current_programme' is 'danish_educaton', but must be empty (no programme) "
      "or an intervention id of the catalogue (did you mean 'danish_education'?)");
  EXPECT_EQ(error_of_field("current_programme", "company_internship"),
            "caseload.csv:3: column 'current_programme' is 'company_internship', but must be empty (no "
            "programme) or an intervention id of the catalogue");
}

TEST(CaseloadReader, MonthsInProgrammeNeedAProgramme) {
  Fields p = valid_person();
  p.at("current_programme") = "";
  p.at("months_in_programme") = "4";
  EXPECT_EQ(
      error_of(csv_text(k_columns, {p})),
      "caseload.csv:2: column 'months_in_programme' is '4', but must be empty when current_programme is "
      "empty (the person is in no programme)");
  // "0" is a month count too: it says the person starts a programme that is not named.
  p.at("months_in_programme") = "0";
  EXPECT_EQ(
      error_of(csv_text(k_columns, {p})),
      "caseload.csv:2: column 'months_in_programme' is '0', but must be empty when current_programme is "
      "empty (the person is in no programme)");
}

TEST(CaseloadReader, AProgrammeNeedsItsMonths) {
  const std::string message =
      "caseload.csv:3: column 'months_in_programme' is empty, but must be given when current_programme is "
      "given (0 for a programme that starts now)";
  EXPECT_EQ(error_of_field("months_in_programme", ""), message);
  // Also when the whole column is left out.
  std::vector<std::string> columns = k_columns;
  columns.pop_back();
  // Both persons lack it, and both are reported (issue 12 item 14).
  EXPECT_EQ(error_of(csv_text(columns, {valid_person(), valid_person("P0002")})),
            "caseload.csv:2: column 'months_in_programme' is empty, but must be given when current_programme "
            "is given (0 for a programme that starts now)\n"
            "caseload.csv:3: column 'months_in_programme' is empty, but must be given when current_programme "
            "is given (0 for a programme that starts now)");
}

TEST(CaseloadReader, TheProgrammeFitsInTheBenefitSpell) {
  Fields p = valid_person();
  p.at("months_on_benefit") = "5";
  p.at("months_in_programme") = "6";
  EXPECT_EQ(error_of(csv_text(k_columns, {p})),
            "caseload.csv:2: column 'months_in_programme' is '6', but must be at most months_on_benefit (5): "
            "the programme started during the benefit spell");
}

}  // namespace
}  // namespace integrasim

namespace integrasim {
namespace {

// issue 12 item 14: every bad person is reported, one per line.
TEST(CaseloadReader, EveryBadRowIsReported) {
  Fields second = valid_person("P0002");
  second.at("sex") = "mael";
  Fields third = valid_person("P0003");
  third.at("danish_level") = "4";
  Fields fourth = valid_person("P0001");  // the id of line 2 again
  const std::string message = error_of(csv_text(k_columns, {valid_person(), second, third, fourth}));
  EXPECT_EQ(
      message,
      "caseload.csv:3: column 'sex' is 'mael', but must be one of male, female (did you mean 'male'?)\n"
      "caseload.csv:4: column 'danish_level' is '4', but must be a Danish level from 0 to 3 (0 = none, 3 = "
      "Danish education 3 completed)\n"
      "caseload.csv:5: column 'person_id' is 'P0001', but must be unique in the file (already used on line "
      "2)");
}

}  // namespace
}  // namespace integrasim
