// results.xlsx as a user gets it from `integrasim run`, `sensitivity` and `explore`: next
// to the CSV files, listed in the manifest, equal to the CSV files cell by cell, the
// same bytes for any run and thread count, and left out with --no-xlsx.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "process_support.h"
#include "test_support.h"
#include "xlsx_support.h"

namespace integrasim {
namespace {

namespace fs = std::filesystem;
using testing::CommandResult;
using testing::describe;
using testing::dump_xlsx;
using testing::read_file_bytes;
using testing::run_integrasim;
using testing::sheet_of;
using testing::sheet_texts;
using testing::sixteen_digit_unit;

std::vector<std::string> sheet_names(const nlohmann::json& book) {
  std::vector<std::string> names;
  for (const auto& s : book.at("sheets")) names.push_back(s.at("name"));
  return names;
}

// Every cell of sheet `name` equals the CSV file's field: numbers as numeric cells (to
// the 16 significant digits libxlsxwriter writes), text as string cells, empty as blank.
void expect_sheet_equals_csv(const nlohmann::json& book, const std::string& name,
                             const std::string& csv_text) {
  const auto csv = testing::parse_csv(csv_text);
  const auto& sheet = sheet_of(book, name);
  const auto texts = sheet_texts(sheet, csv.front().size());
  const auto cells = testing::cells_by_ref(sheet);
  ASSERT_EQ(texts.size(), csv.size()) << name;
  for (std::size_t r = 0; r < csv.size(); ++r) {
    for (std::size_t c = 0; c < csv[r].size(); ++c) {
      const std::string& want = csv[r][c];
      const auto found = cells.find(testing::cell_ref(r, c));
      const nlohmann::json cell = found == cells.end() ? nlohmann::json(nullptr) : found->second;
      const std::string where = name + " " + testing::cell_ref(r, c) + " '" + want + "'";
      if (want.empty()) {
        EXPECT_TRUE(cell.is_null()) << where;
        continue;
      }
      ASSERT_FALSE(cell.is_null()) << where;
      char* end = nullptr;
      const double number = std::strtod(want.c_str(), &end);
      const bool numeric = r > 0 && end != want.c_str() && *end == '\0' && want != "inf" && want != "-inf";
      EXPECT_EQ(cell.at("t") == "n", numeric) << where;
      if (numeric) {
        EXPECT_NEAR(std::stod(texts[r][c]), number, sixteen_digit_unit(number)) << where;
      } else {
        EXPECT_EQ(texts[r][c], want) << where;
      }
    }
  }
}

std::string manifest_of(const std::string& folder) {
  return read_file_bytes(folder + "/manifest.json");
}

TEST(XlsxCli, RunWritesAWorkbookEqualToTheCsvFilesAndListedInTheManifest) {
  const std::string dir = testing::make_temp_dir("xlsx-run");
  const CommandResult r = run_integrasim({"run", "--persons", "1500", "--out", dir + "/out", "--quiet"});
  ASSERT_EQ(r.exit_code, 0) << describe(r);
  const std::string out = dir + "/out";
  ASSERT_TRUE(fs::exists(out + "/results.xlsx"));
  const std::string manifest = manifest_of(out);
  EXPECT_NE(manifest.find("\"results.xlsx\""), std::string::npos) << manifest;
  const auto book = dump_xlsx(out + "/results.xlsx", {"summary", "effects", "parameters"});
  EXPECT_EQ(sheet_names(book),
            (std::vector<std::string>{"read_me", "summary", "effects", "monthly", "parameters"}));
  for (const char* name : {"summary", "effects"})
    expect_sheet_equals_csv(book, name, read_file_bytes(out + "/" + name + ".csv"));
  for (const auto& sheet : book.at("sheets")) {
    EXPECT_EQ(sheet.at("frozen"), "A2") << sheet.at("name");
    EXPECT_FALSE(sheet.at("autofilter").is_null()) << sheet.at("name");
  }
  // The parameters sheet names each catalogue value's source.
  const auto parameters = sheet_texts(sheet_of(book, "parameters"), 11);
  EXPECT_EQ(parameters[0],
            (std::vector<std::string>{"id", "value", "unit", "ci_low", "ci_high", "distribution", "status",
                                      "source", "file", "line", "note"}));
  EXPECT_GT(parameters.size(), 100u);
  for (std::size_t i = 1; i < parameters.size(); ++i)
    EXPECT_FALSE(parameters[i][7].empty()) << parameters[i][0];
}

TEST(XlsxCli, SameBytesForTwoRunsAndAnyThreadCount) {
  const std::string dir = testing::make_temp_dir("xlsx-threads");
  const CommandResult one =
      run_integrasim({"run", "--persons", "1200", "--threads", "1", "--out", dir + "/one", "--quiet"});
  ASSERT_EQ(one.exit_code, 0) << describe(one);
  const CommandResult two =
      run_integrasim({"run", "--persons", "1200", "--threads", "2", "--out", dir + "/two", "--quiet"});
  ASSERT_EQ(two.exit_code, 0) << describe(two);
  const CommandResult again =
      run_integrasim({"run", "--persons", "1200", "--threads", "1", "--out", dir + "/again", "--quiet"});
  ASSERT_EQ(again.exit_code, 0) << describe(again);
  const std::string bytes = read_file_bytes(dir + "/one/results.xlsx");
  EXPECT_EQ(bytes, read_file_bytes(dir + "/two/results.xlsx"));
  EXPECT_EQ(bytes, read_file_bytes(dir + "/again/results.xlsx"));
}

TEST(XlsxCli, AnArmNamed3To6StaysText) {
  const std::string dir = testing::make_temp_dir("xlsx-arm");
  std::string scenario = read_file_bytes(testing::source_path("scenarios/default.toml"));
  const std::string arm = "[[arm]]\nname = \"company_first\"";
  const std::size_t at = scenario.find(arm);
  ASSERT_NE(at, std::string::npos);
  scenario.replace(at, arm.size(), "[[arm]]\nname = \"3-6\"");
  testing::write_file_bytes(dir + "/three_six.toml", scenario);
  const CommandResult r =
      run_integrasim({"run", dir + "/three_six.toml", "--persons", "800", "--out", dir + "/out", "--quiet"});
  ASSERT_EQ(r.exit_code, 0) << describe(r);
  const auto book = dump_xlsx(dir + "/out/results.xlsx", {"summary", "effects"});
  int found = 0;
  for (const char* name : {"summary", "effects"}) {
    for (const auto& row : sheet_of(book, name).at("rows")) {
      const auto& cell = row.at("cells").at(0);
      if (cell.at("value") != "3-6") continue;
      ++found;
      EXPECT_NE(cell.at("t"), "n") << name << " " << cell.at("ref");
    }
  }
  EXPECT_GT(found, 50);
}

TEST(XlsxCli, NoXlsxWritesNoWorkbookAndRemovesAnOldOne) {
  const std::string dir = testing::make_temp_dir("xlsx-none");
  const std::string out = dir + "/out";
  const CommandResult first = run_integrasim({"run", "--persons", "500", "--out", out, "--quiet"});
  ASSERT_EQ(first.exit_code, 0) << describe(first);
  ASSERT_TRUE(fs::exists(out + "/results.xlsx"));
  const CommandResult second =
      run_integrasim({"run", "--persons", "500", "--out", out, "--quiet", "--no-xlsx"});
  ASSERT_EQ(second.exit_code, 0) << describe(second);
  EXPECT_FALSE(fs::exists(out + "/results.xlsx"));
  EXPECT_EQ(manifest_of(out).find("results.xlsx"), std::string::npos);
  EXPECT_TRUE(fs::exists(out + "/summary.csv"));
}

TEST(XlsxCli, AMissingTemporaryFolderStopsTheRunAndLeavesTheFolderAsItWas) {
  const std::string dir = testing::make_temp_dir("xlsx-tmpdir");
  std::string command = "cd ";
  command.append(testing::shell_quote(dir))
      .append(" && TMPDIR=/nonexistent/integrasim ")
      .append(testing::shell_quote(testing::integrasim_binary()))
      .append(" run --persons 300 --out out --quiet");
  const CommandResult r = testing::run_shell(command);
  EXPECT_EQ(r.exit_code, 2) << describe(r);
  EXPECT_NE(r.err.find("results.xlsx: cannot be written: no temporary folder: "), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("--no-xlsx"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(dir + "/out"));
}

// libxlsxwriter does not check its writes to temporary files; a folder that runs out of
// room (here: a file size limit of 1 MB, with the signal it raises ignored) must still
// stop the run rather than leave a cut-off workbook.
TEST(XlsxCli, AFullTemporaryFolderStopsTheRunRatherThanCutTheWorkbookShort) {
  const std::string dir = testing::make_temp_dir("xlsx-full");
  std::string command = "cd ";
  command.append(testing::shell_quote(dir))
      .append(" && trap '' XFSZ && ulimit -f 1000 && ")
      .append(testing::shell_quote(testing::integrasim_binary()))
      .append(" run --persons 300 --out out --quiet");
  const CommandResult r = testing::run_shell(command);
  EXPECT_EQ(r.exit_code, 2) << describe(r);
  EXPECT_NE(r.err.find("error: results.xlsx: cannot be written: "), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(dir + "/out"));
}

TEST(XlsxCli, SensitivityAndExploreWriteTheirSheets) {
  const std::string dir = testing::make_temp_dir("xlsx-analyses");
  const CommandResult sensitivity =
      run_integrasim({"sensitivity", "--persons", "200", "--draws", "0", "--out", dir + "/sens", "--quiet"});
  ASSERT_EQ(sensitivity.exit_code, 0) << describe(sensitivity);
  const auto sens = dump_xlsx(dir + "/sens/results.xlsx");
  EXPECT_EQ(sheet_names(sens), (std::vector<std::string>{"read_me", "tornado", "parameters"}));
  expect_sheet_equals_csv(sens, "tornado", read_file_bytes(dir + "/sens/tornado.csv"));
  EXPECT_NE(manifest_of(dir + "/sens").find("\"results.xlsx\""), std::string::npos);

  const CommandResult explore =
      run_integrasim({"explore", testing::source_path("scenarios/explore/language_company.toml"), "--persons",
                      "200", "--out", dir + "/explore", "--quiet", "--no-xlsx"});
  ASSERT_EQ(explore.exit_code, 0) << describe(explore);
  EXPECT_FALSE(fs::exists(dir + "/explore/results.xlsx"));
  const CommandResult explore_xlsx =
      run_integrasim({"explore", testing::source_path("scenarios/explore/language_company.toml"), "--persons",
                      "200", "--out", dir + "/explore", "--quiet"});
  ASSERT_EQ(explore_xlsx.exit_code, 0) << describe(explore_xlsx);
  const auto exp = dump_xlsx(dir + "/explore/results.xlsx");
  EXPECT_EQ(sheet_names(exp), (std::vector<std::string>{"read_me", "explore", "parameters"}));
  expect_sheet_equals_csv(exp, "explore", read_file_bytes(dir + "/explore/explore.csv"));
}

TEST(XlsxCli, DrawsAndThePlannerAddTheirSheets) {
  const std::string dir = testing::make_temp_dir("xlsx-more");
  const CommandResult draws =
      run_integrasim({"run", "--persons", "400", "--draws", "2", "--out", dir + "/draws", "--quiet"});
  ASSERT_EQ(draws.exit_code, 0) << describe(draws);
  const auto book = dump_xlsx(dir + "/draws/results.xlsx", {"uncertainty", "draws", "parameter_draws"});
  EXPECT_EQ(sheet_names(book),
            (std::vector<std::string>{"read_me", "summary", "effects", "monthly", "uncertainty", "draws",
                                      "parameter_draws", "parameters"}));
  expect_sheet_equals_csv(book, "uncertainty", read_file_bytes(dir + "/draws/uncertainty.csv"));
  expect_sheet_equals_csv(book, "draws", read_file_bytes(dir + "/draws/draws.csv"));
  expect_sheet_equals_csv(book, "parameter_draws", read_file_bytes(dir + "/draws/parameters.csv"));

  const CommandResult plan = run_integrasim(
      {"run", testing::source_path("scenarios/municipality_plan.toml"), "--out", dir + "/plan", "--quiet"});
  ASSERT_EQ(plan.exit_code, 0) << describe(plan);
  const auto planner = dump_xlsx(dir + "/plan/results.xlsx", {"calendar", "budget", "queues"});
  EXPECT_EQ(sheet_names(planner), (std::vector<std::string>{"read_me", "summary", "effects", "monthly",
                                                            "calendar", "budget", "queues", "parameters"}));
  for (const char* name : {"calendar", "budget", "queues"})
    expect_sheet_equals_csv(planner, name, read_file_bytes(dir + "/plan/" + name + ".csv"));
}

}  // namespace
}  // namespace integrasim
