// report.html in a real browser: `integrasim run` on a small two-arm scenario, its page
// opened in headless Chromium, and checked for what a reader would notice — a script
// error, a chart left blank, a headline number that differs from summary.csv. The page's
// own script records errors (window "error" events and console.error) and the coloured
// pixels of each chart's plot area in DOM attributes, which --dump-dom shows us. A copy of
// the page with a planted script error and blanked charts proves that the checks fail.
// The screenshot stays at build/report_screenshot.png for people to look at.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <map>
#include <regex>
#include <string>
#include <vector>

#include "process_support.h"
#include "test_support.h"

namespace integrasim::testing {
namespace {

namespace fs = std::filesystem;

// Fewer coloured pixels than this in a plot area: no data was drawn (a line of the
// employment chart alone covers thousands at the page's pixel ratio of 2).
constexpr long k_min_painted = 200;

// The browser: $INTEGRASIM_CHROMIUM, or chromium on the PATH; "" if there is none.
std::string chromium_binary() {
  if (const char* given = std::getenv("INTEGRASIM_CHROMIUM"); given != nullptr && *given != '\0')
    return given;
  const CommandResult r = run_shell("command -v chromium || command -v chromium-browser");
  std::string path = r.out.substr(0, r.out.find('\n'));
  return r.exit_code == 0 ? path : "";
}

// Runs headless Chromium on `page` with `mode` (--dump-dom or --screenshot=...) and a
// profile of its own, so that tests running at the same time do not share one.
CommandResult chromium(const std::string& browser, const std::string& page, const std::string& mode) {
  const std::string profile = make_temp_dir("chromium-profile");
  std::string command = "timeout 120 ";
  command.append(shell_quote(browser))
      .append(" --headless=new --no-sandbox --disable-gpu --hide-scrollbars --no-first-run")
      .append(" --user-data-dir=")
      .append(shell_quote(profile))
      .append(" --window-size=1240,1754 ")
      .append(shell_quote(mode))
      .append(" ")
      .append(shell_quote("file://" + fs::absolute(page).string()));
  CommandResult r = run_shell(command);
  std::error_code ignored;
  fs::remove_all(profile, ignored);
  return r;
}

std::string attribute(const std::string& tag, const std::string& name) {
  const std::string key = " " + name + "=\"";
  const std::size_t at = tag.find(key);
  if (at == std::string::npos) return "";
  const std::size_t start = at + key.size();
  return tag.substr(start, tag.find('"', start) - start);
}

bool has_attribute(const std::string& tag, const std::string& name) {
  return tag.find(" " + name + "=\"") != std::string::npos;
}

// What is wrong with the page as the browser left it; empty if nothing.
std::vector<std::string> page_problems(const std::string& dom) {
  std::vector<std::string> problems;
  const std::size_t html = dom.find("<html");
  if (html == std::string::npos) return {"no <html> element in the dumped DOM"};
  const std::string root = dom.substr(html, dom.find('>', html) - html);
  if (attribute(root, "data-report-state") != "drawn")
    problems.push_back("the page's script did not finish (data-report-state is '" +
                       attribute(root, "data-report-state") + "')");
  if (has_attribute(root, "data-report-errors"))
    problems.push_back("script errors: " + attribute(root, "data-report-errors"));
  int canvases = 0;
  for (std::size_t at = dom.find("<canvas"); at != std::string::npos; at = dom.find("<canvas", at + 1)) {
    const std::string tag = dom.substr(at, dom.find('>', at) - at);
    const std::string id = attribute(tag, "id");
    ++canvases;
    if (!has_attribute(tag, "data-painted")) {
      problems.push_back("chart " + id + " was not drawn");
      continue;
    }
    const long painted = std::stol(attribute(tag, "data-painted"));
    if (painted < k_min_painted)
      problems.push_back("chart " + id + " is blank (" + std::to_string(painted) + " coloured pixels)");
  }
  if (canvases == 0) problems.push_back("no charts on the page");
  if (attribute(root, "data-report-charts") != std::to_string(canvases))
    problems.push_back("the script drew " + attribute(root, "data-report-charts") + " charts for " +
                       std::to_string(canvases) + " canvases");
  return problems;
}

std::string joined(const std::vector<std::string>& lines) {
  std::string out;
  for (const auto& line : lines) out.append(line).append("\n");
  return out;
}

// summary.csv as (arm, subgroup) -> column -> field.
std::map<std::pair<std::string, std::string>, std::map<std::string, std::string>> summary_fields(
    const std::string& path) {
  const auto rows = parse_csv(read_file_bytes(path));
  std::map<std::pair<std::string, std::string>, std::map<std::string, std::string>> out;
  for (std::size_t i = 1; i < rows.size(); ++i)
    for (std::size_t c = 0; c < rows[0].size() && c < rows[i].size(); ++c)
      out[{rows[i][0], rows[i][2]}][rows[0][c]] = rows[i][c];
  return out;
}

// Every headline number of the page (data-kind value or diff) equals summary.csv's field;
// returns how many were compared.
int compare_headline_numbers(const std::string& dom, const std::string& summary_path) {
  const auto summary = summary_fields(summary_path);
  const std::regex cell(
      "data-arm=\"([^\"]*)\" data-subgroup=\"([^\"]*)\" data-metric=\"([a-z_0-9]+)\" "
      "data-kind=\"(value|diff)\" "
      "data-value=\"([^\"]*)\" data-se=\"([^\"]*)\"");
  int compared = 0;
  for (auto it = std::sregex_iterator(dom.begin(), dom.end(), cell); it != std::sregex_iterator(); ++it) {
    const std::smatch& m = *it;
    const auto row = summary.find({m[1].str(), m[2].str()});
    if (row == summary.end()) {
      ADD_FAILURE() << "no summary.csv row for " << m[0];
      continue;
    }
    const std::string column = (m[4] == "diff" ? "diff_" : "") + m[3].str();
    const auto value = row->second.find(column), se = row->second.find(column + "_se");
    if (value == row->second.end() || se == row->second.end()) {
      ADD_FAILURE() << "no column " << column << " in summary.csv";
      continue;
    }
    EXPECT_EQ(std::strtod(m[5].str().c_str(), nullptr), std::strtod(value->second.c_str(), nullptr)) << m[0];
    EXPECT_EQ(std::strtod(m[6].str().c_str(), nullptr), std::strtod(se->second.c_str(), nullptr)) << m[0];
    EXPECT_FALSE(value->second.empty()) << m[0];
    ++compared;
  }
  return compared;
}

std::string require_chromium() {
  const std::string browser = chromium_binary();
  if (browser.empty())
    ADD_FAILURE() << "chromium not found on the PATH (or $INTEGRASIM_CHROMIUM): this test opens report.html "
                     "in headless Chromium; install the Debian package chromium (scripts/setup.sh does)";
  return browser;
}

TEST(ReportBrowser, PageLoadsDrawsEveryChartAndShowsTheNumbersOfSummaryCsv) {
  const auto start = std::chrono::steady_clock::now();
  const std::string browser = require_chromium();
  if (browser.empty()) return;
  const std::string dir = make_temp_dir("report-browser");
  const std::string folder = dir + "/run";
  const CommandResult run =
      run_integrasim({"run", "--persons", "3000", "--seed", "11", "--out", folder, "--quiet"});
  ASSERT_EQ(run.exit_code, 0) << describe(run);
  const std::string page = folder + "/report.html";

  const CommandResult dump = chromium(browser, page, "--dump-dom");
  ASSERT_EQ(dump.exit_code, 0) << describe(dump);
  EXPECT_EQ(joined(page_problems(dump.out)), "") << "in " << page;
  // Employment, two state charts, two waterfalls, costs, subgroups.
  EXPECT_EQ(attribute(dump.out.substr(dump.out.find("<html")), "data-report-charts"), "7");
  // Two arms x four headline numbers, four differences, and the subgroup table's seven
  // (all, men, women, refugees, family-reunified, job-ready, activity-ready).
  EXPECT_EQ(compare_headline_numbers(dump.out, folder + "/summary.csv"), 19);

  const fs::path screenshot = fs::path(integrasim_binary()).parent_path() / "report_screenshot.png";
  fs::remove(screenshot);
  const CommandResult shot = chromium(browser, page, "--screenshot=" + screenshot.string());
  ASSERT_EQ(shot.exit_code, 0) << describe(shot);
  ASSERT_TRUE(fs::exists(screenshot)) << describe(shot);
  EXPECT_GT(fs::file_size(screenshot), 20000u) << "a page of charts, not an empty one";

  // The checks must be able to fail: a planted script error, and charts whose data are
  // never drawn (a plugin that cancels the drawing of every dataset).
  std::string planted = read_file_bytes(page);
  const std::string data_block = "<script type=\"application/json\" id=\"report-data\">";
  ASSERT_NE(planted.find(data_block), std::string::npos);
  planted.insert(planted.find(data_block),
                 "<script>Chart.register({ id: 'blank', beforeDatasetsDraw: function () { return false; } });"
                 "</script>\n");
  planted.insert(planted.rfind("</body>"), "<script>plantedUndefinedFunction();</script>\n");
  const std::string planted_page = dir + "/planted.html";
  write_file_bytes(planted_page, planted);
  const CommandResult planted_dump = chromium(browser, planted_page, "--dump-dom");
  ASSERT_EQ(planted_dump.exit_code, 0) << describe(planted_dump);
  const std::string problems = joined(page_problems(planted_dump.out));
  EXPECT_NE(problems.find("plantedUndefinedFunction"), std::string::npos) << problems;
  EXPECT_NE(problems.find("chart chart-employment is blank"), std::string::npos) << problems;
  EXPECT_NE(problems.find("chart chart-costs is blank"), std::string::npos) << problems;

  std::cout << "report browser test: " << fs::file_size(page) << " bytes of report.html, "
            << std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count()
            << " s wall time, screenshot " << screenshot.string() << "\n";
  fs::remove_all(dir);
}

TEST(ReportBrowser, PlannerRunWithDrawsDrawsCalendarBudgetAndDraws) {
  const std::string browser = require_chromium();
  if (browser.empty()) return;
  const std::string dir = make_temp_dir("report-browser-planner");
  const std::string folder = dir + "/run";
  const CommandResult run = run_integrasim({"run", source_path("scenarios/municipality_plan.toml"), "--draws",
                                            "3", "--language", "en", "--out", folder, "--quiet"});
  ASSERT_EQ(run.exit_code, 0) << describe(run);
  const std::string page = folder + "/report.html";
  const CommandResult dump = chromium(browser, page, "--dump-dom");
  ASSERT_EQ(dump.exit_code, 0) << describe(dump);
  EXPECT_EQ(joined(page_problems(dump.out)), "") << "in " << page;
  for (const std::string id : {"chart-calendar", "chart-budget", "chart-draws"})
    EXPECT_NE(dump.out.find("id=\"" + id + "\""), std::string::npos) << id;
  EXPECT_NE(dump.out.find("<html lang=\"en\""), std::string::npos);
  EXPECT_GE(compare_headline_numbers(dump.out, folder + "/summary.csv"), 8);
  fs::remove_all(dir);
}

TEST(ReportBrowser, SensitivityPageDrawsItsTornado) {
  const std::string browser = require_chromium();
  if (browser.empty()) return;
  const std::string dir = make_temp_dir("report-browser-sensitivity");
  const std::string folder = dir + "/run";
  const CommandResult run =
      run_integrasim({"sensitivity", "--persons", "500", "--draws", "4", "--out", folder, "--quiet"});
  ASSERT_EQ(run.exit_code, 0) << describe(run);
  const CommandResult dump = chromium(browser, folder + "/report.html", "--dump-dom");
  ASSERT_EQ(dump.exit_code, 0) << describe(dump);
  EXPECT_EQ(joined(page_problems(dump.out)), "") << "in " << folder;
  EXPECT_NE(dump.out.find("id=\"chart-tornado-0\""), std::string::npos);
  // The swings of the page are those of tornado.csv.
  const auto rows = parse_csv(read_file_bytes(folder + "/tornado.csv"));
  int compared = 0;
  for (std::size_t i = 1; i < rows.size(); ++i) {
    const std::string key = "data-parameter=\"" + rows[i][0] + "\" data-kind=\"swing\" data-value=\"";
    const std::size_t at = dump.out.find(key);
    if (at == std::string::npos) continue;
    const std::size_t start = at + key.size();
    EXPECT_EQ(std::strtod(dump.out.substr(start, dump.out.find('"', start) - start).c_str(), nullptr),
              std::strtod(rows[i][8].c_str(), nullptr))
        << rows[i][0];
    ++compared;
  }
  EXPECT_EQ(compared, 15);
  fs::remove_all(dir);
}

}  // namespace
}  // namespace integrasim::testing
