// The target registry reader: the shipped registry loads, a valid fixture reads back
// field by field, and every validation fires with file, line, column and value. Each
// case copies a valid two-row fixture and changes one field (or the header).
#include "io/targets_reader.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <ostream>
#include <string>
#include <vector>

#include "core/diagnostics.h"
#include "process_support.h"
#include "test_support.h"

namespace integrasim {
namespace {

using testing::make_temp_dir;
using testing::source_path;
using testing::write_file_bytes;

const std::string k_header =
    "id,scenario,arm,metric,subgroup,comparison,published,tolerance,scale,source,in_sample,note";
const std::vector<std::string> k_columns = {"id",       "scenario",   "arm",       "metric",
                                            "subgroup", "comparison", "published", "tolerance",
                                            "scale",    "source",     "in_sample", "note"};

// Two valid rows (lines 2 and 3); row 2 is the one the cases change.
std::vector<std::vector<std::string>> valid_rows() {
  return {{"ramp_up_m12", "cohort.toml", "programme", "employment_rate_m12", "refugee", "level", "17", "3",
           "100", "UIM16-REF-1", "yes", "judgement, +-3 points"},
          {"internship_men", "internship.toml", "internship", "months_on_benefit", "male", "difference",
           "-4.6", "1", "1", "RAM-4.6", "no", ""}};
}

std::string csv_field(const std::string& field) {
  if (field.find_first_of(",\"") == std::string::npos) return field;
  std::string out = "\"";
  for (const char c : field) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string to_csv(const std::string& header, const std::vector<std::vector<std::string>>& rows) {
  std::string out = header + "\n";
  for (const auto& row : rows) {
    std::string line;
    for (std::size_t i = 0; i < row.size(); ++i) line.append(i ? "," : "").append(csv_field(row[i]));
    out.append(line).append("\n");
  }
  return out;
}

std::string write_registry(const std::string& text) {
  const std::string path = make_temp_dir("targets") + "/targets.csv";
  write_file_bytes(path, text);
  return path;
}

std::string error_of(const std::string& path) {
  try {
    read_targets(path);
  } catch (const InputError& e) {
    return e.what();
  }
  return "no error";
}

TEST(TargetsReader, ReadsEveryFieldOfAValidRegistry) {
  const std::string path = write_registry(to_csv(k_header, valid_rows()));
  const std::vector<Target> targets = read_targets(path);
  ASSERT_EQ(targets.size(), 2U);
  const Target& a = targets[0];
  EXPECT_EQ(a.id, "ramp_up_m12");
  EXPECT_EQ(a.scenario, "cohort.toml");
  EXPECT_EQ(a.arm, "programme");
  EXPECT_EQ(a.metric, "employment_rate_m12");
  EXPECT_EQ(a.subgroup, "refugee");
  EXPECT_EQ(a.comparison, TargetComparison::level);
  EXPECT_DOUBLE_EQ(a.published, 17.0);
  EXPECT_DOUBLE_EQ(a.tolerance, 3.0);
  EXPECT_DOUBLE_EQ(a.scale, 100.0);
  EXPECT_EQ(a.source, "UIM16-REF-1");
  EXPECT_TRUE(a.in_sample);
  EXPECT_EQ(a.note, "judgement, +-3 points");
  EXPECT_EQ(a.file, path);
  EXPECT_EQ(a.line, 2);
  const Target& b = targets[1];
  EXPECT_EQ(b.comparison, TargetComparison::difference);
  EXPECT_DOUBLE_EQ(b.published, -4.6);
  EXPECT_FALSE(b.in_sample);
  EXPECT_EQ(b.note, "");
  EXPECT_EQ(b.line, 3);
}

TEST(TargetsReader, TheShippedRegistryLoadsWithInAndOutOfSampleTargets) {
  const std::vector<Target> targets = read_targets(source_path("scenarios/validation/targets.csv"));
  ASSERT_FALSE(targets.empty());
  bool any_in = false;
  bool any_out = false;
  for (const auto& t : targets) {
    (t.in_sample ? any_in : any_out) = true;
    EXPECT_FALSE(t.source.empty()) << t.id;
    EXPECT_FALSE(t.note.empty()) << t.id << ": every target says where its tolerance comes from";
  }
  EXPECT_TRUE(any_in);
  EXPECT_TRUE(any_out);
}

struct FieldCase {
  std::string column;
  std::string value;
  std::string expected;  // the message after "file:2: "
};

void PrintTo(const FieldCase& c, std::ostream* os) {
  *os << c.column << "=" << c.value;
}

class TargetsReaderField : public ::testing::TestWithParam<FieldCase> {};

TEST_P(TargetsReaderField, OneBadFieldIsReportedWithFileLineColumnAndValue) {
  const FieldCase& c = GetParam();
  auto rows = valid_rows();
  const auto column =
      static_cast<std::size_t>(std::find(k_columns.begin(), k_columns.end(), c.column) - k_columns.begin());
  ASSERT_LT(column, k_columns.size());
  rows[0][column] = c.value;
  const std::string path = write_registry(to_csv(k_header, rows));
  EXPECT_EQ(error_of(path), path + ":2: " + c.expected);
}

INSTANTIATE_TEST_SUITE_P(
    EveryRule, TargetsReaderField,
    ::testing::Values(
        FieldCase{"id", "", "column 'id' is empty, but must be given (the column is required)"},
        FieldCase{"scenario", "", "column 'scenario' is empty, but must be given (the column is required)"},
        FieldCase{"arm", "", "column 'arm' is empty, but must be given (the column is required)"},
        FieldCase{"metric", "", "column 'metric' is empty, but must be given (the column is required)"},
        FieldCase{"subgroup", "", "column 'subgroup' is empty, but must be given (the column is required)"},
        FieldCase{"source", "", "column 'source' is empty, but must be given (the column is required)"},
        FieldCase{"comparison", "levl",
                  "column 'comparison' is 'levl', but must be one of level, difference, "
                  "difference_per_participant (did you mean 'level'?)"},
        FieldCase{"comparison", "",
                  "column 'comparison' is empty, but must be given (the column is required)"},
        FieldCase{"published", "",
                  "column 'published' is empty, but must be a number (the column is required)"},
        FieldCase{"published", "17%",
                  "column 'published' is '17%', but must be a number such as 0.25, -4.6 or 1e-3"},
        FieldCase{"published", "nan", "column 'published' is 'nan', but must be a finite number"},
        FieldCase{"published", "inf", "column 'published' is 'inf', but must be a finite number"},
        FieldCase{"tolerance", "0",
                  "column 'tolerance' is '0', but must be > 0 (the largest acceptable |simulated "
                  "- published|)"},
        FieldCase{"tolerance", "-1",
                  "column 'tolerance' is '-1', but must be > 0 (the largest acceptable "
                  "|simulated - published|)"},
        FieldCase{"tolerance", "-inf", "column 'tolerance' is '-inf', but must be a finite number"},
        FieldCase{"scale", "0",
                  "column 'scale' is '0', but must be > 0 (multiplies the simulated value, e.g. 100 "
                  "for percent)"},
        FieldCase{"scale", "NaN", "column 'scale' is 'NaN', but must be a finite number"},
        FieldCase{"scale", "x", "column 'scale' is 'x', but must be a number such as 0.25, -4.6 or 1e-3"},
        FieldCase{"in_sample", "true", "column 'in_sample' is 'true', but must be one of yes, no"},
        FieldCase{"in_sample", "ye",
                  "column 'in_sample' is 'ye', but must be one of yes, no (did you mean 'yes'?)"}));

TEST(TargetsReader, TheDuplicateIsReportedOnTheSecondOccurrence) {
  auto rows = valid_rows();
  rows[1][0] = rows[0][0];
  const std::string path = write_registry(to_csv(k_header, rows));
  EXPECT_EQ(error_of(path), path +
                                ":3: column 'id' is 'ramp_up_m12', but must be unique in the registry "
                                "(already used on line 2)");
}

TEST(TargetsReader, HeaderAndShapeErrorsNameTheFileAndLine) {
  struct Case {
    std::string text;
    std::string expected;
  };
  const std::string expected_columns =
      " (expected columns: id,scenario,arm,metric,subgroup,comparison,published,tolerance,scale,source,"
      "in_sample,note)";
  std::string without_note = k_header.substr(0, k_header.rfind(','));
  std::string misspelt = k_header;
  misspelt.replace(misspelt.find("tolerance"), 9, "tolerence");
  const std::vector<Case> cases = {
      {without_note + "\n", ":1: column 'note' is missing from the header" + expected_columns},
      {misspelt + "\n",
       ":1: column 'tolerence' is not a column of this file (did you mean 'tolerance'?)" + expected_columns},
      {to_csv(k_header, valid_rows()) + "a,b,c\n",
       ":4: the row has fewer fields than the header" + expected_columns},
      {to_csv(k_header, valid_rows()) + "a,b,c,d,e,f,1,1,1,s,yes,note,extra\n",
       ":4: the row has more fields than the header (quote fields that contain a comma)" + expected_columns},
  };
  for (const Case& c : cases) {
    const std::string path = write_registry(c.text);
    EXPECT_EQ(error_of(path), path + c.expected);
  }
}

TEST(TargetsReader, AMissingFileIsAnInputError) {
  const std::string path = make_temp_dir("targets") + "/absent.csv";
  EXPECT_NE(error_of(path).find(path), std::string::npos);
}

}  // namespace
}  // namespace integrasim

namespace integrasim {
namespace {

// issue 12 item 14: every bad row is reported, one per line.
TEST(TargetsReader, EveryBadRowIsReported) {
  auto rows = valid_rows();
  rows[0][6] = "17%";  // published
  rows[1][10] = "ye";  // in_sample
  const std::string path = write_registry(to_csv(k_header, rows));
  EXPECT_EQ(error_of(path),
            path + ":2: column 'published' is '17%', but must be a number such as 0.25, -4.6 or 1e-3\n" +
                path + ":3: column 'in_sample' is 'ye', but must be one of yes, no (did you mean 'yes'?)");
}

}  // namespace
}  // namespace integrasim
