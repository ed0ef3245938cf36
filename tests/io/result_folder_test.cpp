// Result folders read back for `integrasim compare` (io/result_folder.cpp,
// io/compare_report.cpp): summary.csv in both dialects, manifest.json, and every message
// about a missing or broken folder, file or field with its position.
#include "io/result_folder.h"

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <string>

#include "core/diagnostics.h"
#include "io/compare_report.h"
#include "process_support.h"
#include "test_support.h"

namespace integrasim {
namespace {

const std::string k_summary =
    "arm,role,subgroup,dimension,persons,months_employed,months_employed_se,diff_months_employed,"
    "diff_months_employed_se\r\n"
    "usual,comparator,all,all,100,10.5,0.25,,\r\n"
    "company,policy,all,all,100,12,0.5,1.5,0.1\r\n";

const std::string k_manifest = R"({
  "version": "0.1.0",
  "git_revision": "abc",
  "build_type": "Release",
  "scenario": "x",
  "description": "",
  "seed": 3,
  "persons": 100,
  "draws": 1,
  "threads": 2,
  "horizon_months": 24,
  "csv_dialect": "standard",
  "inputs": [{"name": "x.toml", "sha256": "aa"}]
}
)";

std::string summary_error(const std::string& text) {
  try {
    parse_summary_csv(text, "s.csv");
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}

std::string manifest_error(const std::string& text) {
  try {
    parse_manifest_json(text, "m.json");
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}

TEST(ResultFolder, ReadsBothDialectsAlike) {
  const ReadSummary standard = parse_summary_csv(k_summary, "s.csv");
  std::string danish = "\xEF\xBB\xBF";
  // Semicolons between fields, decimal commas in the numbers.
  for (const char c : k_summary) danish += c == ',' ? ';' : c == '.' ? ',' : c;
  const ReadSummary excel = parse_summary_csv(danish, "s.csv");
  EXPECT_EQ(standard.dialect, "standard");
  EXPECT_EQ(excel.dialect, "excel-da");
  ASSERT_EQ(standard.metrics, std::vector<std::string>{"months_employed"});
  ASSERT_EQ(excel.rows.size(), 2U);
  EXPECT_EQ(excel.rows[0].values, standard.rows[0].values);
  EXPECT_EQ(excel.rows[0].ses[0], 0.25);
  EXPECT_EQ(standard.rows[1].arm, "company");
  EXPECT_EQ(standard.rows[1].persons, 100);
}

TEST(ResultFolder, EveryBrokenSummaryIsNamedWithItsLineAndColumn) {
  EXPECT_EQ(summary_error(""), "s.csv: summary.csv is empty");
  EXPECT_EQ(summary_error("role,subgroup,persons,x,x_se\r\n"),
            "s.csv:1:1: summary.csv has no column 'arm' (is this a summary.csv written by integrasim run?)");
  EXPECT_EQ(summary_error("arm,role,subgroup,persons,x,y\r\n"),
            "s.csv:1:29: header column is 'y', but must be 'x_se' (each metric is followed by its SE)");
  EXPECT_EQ(summary_error("arm,role,subgroup,persons\r\n"),
            "s.csv:1:1: summary.csv has no metric columns after 'persons'");
  EXPECT_EQ(summary_error("arm,role,subgroup,persons,x,x_se\r\na,b,all,1,2\r\n"),
            "s.csv:2:11: the row has 5 fields, but the header has 6");
  EXPECT_EQ(summary_error("arm,role,subgroup,persons,x,x_se\r\na,b,all,1,2.5.1,3\r\n"),
            "s.csv:2:11: column 'x' is '2.5.1', but must be a number, or empty");
  EXPECT_EQ(summary_error("\xEF\xBB\xBF"
                          "arm;role;subgroup;persons;x;x_se\r\na;b;all;1;2.5;3\r\n"),
            "s.csv:2:11: column 'x' is '2.5', but must be a number with a decimal comma, or empty");
  EXPECT_EQ(summary_error("arm,role,subgroup,persons,x,x_se\r\na,b,all,1.5,2,3\r\n"),
            "s.csv:2:9: column 'persons' is '1.5', but must be a whole number >= 0");
  EXPECT_EQ(summary_error("arm,role,subgroup,persons,x,x_se\r\n\"a,b,all,1,2,3\r\n"),
            "s.csv:2:1: a quoted field is never closed");
}

TEST(ResultFolder, EveryBrokenManifestIsNamedWithItsPosition) {
  const Manifest m = parse_manifest_json(k_manifest, "m.json");
  EXPECT_EQ(m.seed, 3U);
  EXPECT_EQ(m.inputs.size(), 1U);
  EXPECT_NE(manifest_error("{\n  \"seed\": 1,\n  x\n}").find("m.json:3:3: manifest.json is not valid JSON"),
            std::string::npos);
  EXPECT_EQ(manifest_error("[1]"), "m.json:1:1: manifest.json must hold a JSON object");
  std::string no_seed = k_manifest;
  no_seed.erase(no_seed.find("  \"seed\": 3,\n"), 13);
  EXPECT_EQ(manifest_error(no_seed), "m.json: manifest.json has no member \"seed\"");
  std::string text_seed = k_manifest;
  text_seed.replace(text_seed.find("\"seed\": 3"), 9, "\"seed\": \"3\"");
  EXPECT_EQ(manifest_error(text_seed), "m.json:7:3: member \"seed\" is \"3\", but must be an integer >= 0");
  std::string bad_input = k_manifest;
  const std::string item = R"({"name": "x.toml", "sha256": "aa"})";
  bad_input.replace(bad_input.find(item), item.size(), R"({"name": 1})");
  EXPECT_EQ(
      manifest_error(bad_input),
      "m.json:13:3: member \"inputs\" element is {\"name\":1}, but must be an object with string members "
      "\"name\" and \"sha256\"");
}

TEST(ResultFolder, MissingFoldersAndFilesAreNamed) {
  const std::string dir = testing::make_temp_dir("compare-folder");
  const auto error = [](const std::string& folder) {
    try {
      read_result_folder(folder, "A");
    } catch (const InputError& e) {
      return std::string(e.what());
    }
    return std::string();
  };
  EXPECT_EQ(error(dir + "/none"),
            "command line: folder A is '" + dir +
                "/none', but must be a result folder of integrasim run (it does not exist)");
  testing::write_file_bytes(dir + "/file", "x");
  EXPECT_EQ(error(dir + "/file"),
            "command line: folder A is '" + dir +
                "/file', but must be a result folder of integrasim run (it is not a folder)");
  std::filesystem::create_directory(dir + "/r");
  EXPECT_EQ(error(dir + "/r"),
            dir +
                "/r/summary.csv: summary.csv is missing: compare reads the summary.csv and "
                "manifest.json that integrasim run writes");
  testing::write_file_bytes(dir + "/r/summary.csv", k_summary);
  EXPECT_EQ(error(dir + "/r"),
            dir +
                "/r/manifest.json: manifest.json is missing: compare reads the summary.csv and "
                "manifest.json that integrasim run writes");
  testing::write_file_bytes(dir + "/r/manifest.json", k_manifest);
  EXPECT_EQ(error(dir + "/r"), "");
}

TEST(CompareReport, DifferencesSeAndCouplingOfTwoFolders) {
  ResultFolder a{"A", parse_summary_csv(k_summary, "a.csv"), parse_manifest_json(k_manifest, "a.json")};
  ResultFolder b = a;
  b.folder = "B";
  b.summary.rows[1].values[0] = 13.0;
  b.manifest.threads = 1;
  const Comparison same_seed = compare_folders(a, b);
  EXPECT_TRUE(same_seed.coupled);
  ASSERT_EQ(same_seed.table.rows(), 2U);
  EXPECT_EQ(std::get<double>(same_seed.table.cell(1, 7)), 1.0);                   // 13 - 12
  EXPECT_EQ(std::get<double>(same_seed.table.cell(1, 8)), std::hypot(0.5, 0.5));  // unpaired
  ASSERT_EQ(same_seed.differences.size(), 1U);
  EXPECT_FALSE(same_seed.differences[0].relevant);  // threads
  const std::string text = comparison_text(same_seed, a, b);
  EXPECT_NE(text.find("threads: 2 | 1 (irrelevant: results are identical for any thread count)"),
            std::string::npos);
  EXPECT_NE(text.find("is NOT the SE of the difference"), std::string::npos) << text;

  b.manifest.seed = 4;
  b.manifest.inputs[0].sha256 = "bb";
  const Comparison other_seed = compare_folders(a, b);
  EXPECT_FALSE(other_seed.coupled);
  EXPECT_NE(comparison_text(other_seed, a, b).find("independent and this is the SE of the difference"),
            std::string::npos);
  EXPECT_NE(comparison_text(other_seed, a, b).find("input x.toml: aa | bb"), std::string::npos);

  for (auto& row : b.summary.rows) row.arm += "_b";
  try {
    compare_folders(a, b);
    ADD_FAILURE() << "no arm in common was accepted";
  } catch (const InputError& e) {
    EXPECT_EQ(std::string(e.what()),
              "command line: the folders have no arm in common: A (A) has usual, company; B (B) has usual_b, "
              "company_b");
  }
}

}  // namespace
}  // namespace integrasim
