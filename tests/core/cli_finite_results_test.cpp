// Every number integrasim writes is finite (issue 12 item 10): an override of 1e308 DKK is
// allowed on its own, but its sums over persons overflow, so the run is refused (exit 2)
// naming the metric, arm and subgroup and the override, and nothing is written.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <string>

#include "process_support.h"
#include "test_support.h"

namespace integrasim::testing {
namespace {

namespace fs = std::filesystem;

std::string scenario_with_override(const std::string& dir, const std::string& line) {
  std::string text = read_file_bytes(source_path("scenarios/default.toml"));
  text += "\n[overrides]\n";
  text += line;
  text += "\n";
  const std::string path = dir + "/huge.toml";
  write_file_bytes(path, text);
  return path;
}

TEST(CliFiniteResults, AnOverrideOf1e308IsRefusedAndNamed) {
  const std::string dir = make_temp_dir("cli-finite");
  const std::string out = dir + "/out";
  const std::string scenario =
      scenario_with_override(dir, "\"internship_private.cost_per_month_dkk\" = 1e308");
  const CommandResult r = run_integrasim({"run", scenario, "--persons", "2000", "--out", out, "--quiet"});
  EXPECT_EQ(r.exit_code, 2) << describe(r);
  EXPECT_EQ(r.err.rfind("error: the results are not finite: the sum", 0), 0U) << r.err;
  EXPECT_NE(r.err.find("for arm 'company_first'"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("subgroup 'male & refugee & job_ready'"), std::string::npos) << r.err;
  const std::string text = read_file_bytes(scenario);
  const auto line = std::count(text.begin(), text.end(), '\n');
  EXPECT_NE(
      r.err.find(scenario + ":" + std::to_string(line) +
                 ":43: the override 'internship_private.cost_per_month_dkk' = 1e+308 is the likely cause: "
                 "give it a value of realistic size"),
      std::string::npos)
      << r.err;
  EXPECT_FALSE(fs::exists(out));
}

// The same through the draws of a probabilistic analysis and the explorer's batches: every
// simulation is summarised through the same check.
TEST(CliFiniteResults, DrawsAreCheckedToo) {
  const std::string dir = make_temp_dir("cli-finite");
  const std::string scenario =
      scenario_with_override(dir, "\"internship_private.cost_per_month_dkk\" = 1e308");
  const CommandResult r = run_integrasim(
      {"sensitivity", scenario, "--persons", "1000", "--draws", "2", "--out", dir + "/out", "--quiet"});
  EXPECT_EQ(r.exit_code, 2) << describe(r);
  EXPECT_EQ(r.err.rfind("error: the results are not finite: ", 0), 0U) << r.err;
  EXPECT_FALSE(fs::exists(dir + "/out"));
}

// A large value that does not overflow is still written.
TEST(CliFiniteResults, ALargeFiniteOverrideIsWritten) {
  const std::string dir = make_temp_dir("cli-finite");
  const std::string scenario =
      scenario_with_override(dir, "\"internship_private.cost_per_month_dkk\" = 1e12");
  const CommandResult r =
      run_integrasim({"run", scenario, "--persons", "2000", "--out", dir + "/out", "--quiet"});
  EXPECT_EQ(r.exit_code, 0) << describe(r);
  const std::string summary = read_file_bytes(dir + "/out/summary.csv");
  EXPECT_EQ(summary.find("inf"), std::string::npos);
}

}  // namespace
}  // namespace integrasim::testing
