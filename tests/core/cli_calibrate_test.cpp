// `integrasim calibrate` through the built executable: output files, exit codes, and
// --apply on a temporary copy of the catalogue.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "process_support.h"
#include "test_support.h"

namespace integrasim::testing {
namespace {

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// A one-parameter calibration against the shipped registry, small enough for a unit test.
std::string small_config(const std::string& dir) {
  std::string text = "[calibration]\nname = \"small\"\ntargets = ";
  text.append("\"").append(source_path("scenarios/validation/targets.csv")).append("\"\n");
  text.append("use_targets = [\"ramp_up_refugee_m12\"]\npersons = 2000\nmax_iterations = 3\n\n");
  text.append(
      "[[parameter]]\nname = \"refugee_year1\"\nfactor_of = [\"baseline.employed.*.refugee.*.m00_12\"]\n");
  text.append("lower = 0.2\nupper = 10\n");
  const std::string path = dir + "/small.toml";
  write_file_bytes(path, text);
  return path;
}

TEST(CliCalibrate, WritesTheFitReportAndCalibratedRows) {
  const std::string dir = make_temp_dir("cli-calibrate");
  const std::string out = dir + "/out";
  const CommandResult r = run_integrasim({"calibrate", small_config(dir), "--out", out, "--threads", "2"});
  ASSERT_EQ(r.exit_code, 0) << describe(r);
  EXPECT_TRUE(contains(r.out, "Calibration 'small'")) << r.out;
  for (const char* f :
       {"fit_report.csv", "parameters.csv", "calibrated_rows.csv", "calibration.json", "manifest.json"})
    EXPECT_TRUE(std::filesystem::exists(out + "/" + f)) << f;
  const auto report = parse_csv(read_file_bytes(out + "/fit_report.csv"));
  ASSERT_EQ(report.size(), 2U);
  EXPECT_EQ(report[1][0], "ramp_up_refugee_m12");
  const auto rows = parse_csv(read_file_bytes(out + "/calibrated_rows.csv"));
  ASSERT_EQ(rows.size(), 1U + 4U);  // header + refugee year-1 rows: 2 sexes x 2 match groups
  EXPECT_EQ(rows[0][9], "status");
  for (std::size_t i = 1; i < rows.size(); ++i) {
    EXPECT_EQ(rows[i][9], "calibrated");
    EXPECT_TRUE(contains(rows[i][11], "ramp_up_refugee_m12")) << rows[i][11];
  }
  EXPECT_TRUE(contains(read_file_bytes(out + "/manifest.json"), "small.toml"));
}

TEST(CliCalibrate, ApplyNeedsACatalogueFolderAndRewritesACopy) {
  const std::string dir = make_temp_dir("cli-calibrate-apply");
  const std::string config = small_config(dir);
  const CommandResult refused = run_integrasim({"calibrate", config, "--out", dir + "/out", "--apply"});
  EXPECT_EQ(refused.exit_code, 2) << describe(refused);
  EXPECT_TRUE(contains(refused.err, "--catalogue")) << refused.err;

  const std::string catalogue = dir + "/evidence";
  std::filesystem::create_directories(catalogue);
  for (const auto& entry : std::filesystem::directory_iterator(source_path("scenarios/evidence")))
    if (entry.path().extension() == ".csv")
      std::filesystem::copy_file(entry.path(), catalogue / entry.path().filename());
  const std::string before = read_file_bytes(catalogue + "/effects.csv");
  const CommandResult r =
      run_integrasim({"calibrate", config, "--out", dir + "/out", "--catalogue", catalogue, "--apply"});
  ASSERT_EQ(r.exit_code, 0) << describe(r);
  EXPECT_EQ(read_file_bytes(catalogue + "/effects.csv"), before);  // untouched
  const std::string baselines = read_file_bytes(catalogue + "/baseline_hazards.csv");
  EXPECT_TRUE(
      contains(baselines,
               "baseline.employed.male.refugee.job_ready.m00_12,employed,male & refugee & job_ready,0,12,"));
  EXPECT_TRUE(contains(baselines, ",calibrated,\"Calibrated by 'integrasim calibrate' (small)"));
  // The rewritten catalogue is valid: a run with it works.
  const CommandResult check =
      run_integrasim({"check", source_path("scenarios/default.toml"), "--catalogue", catalogue});
  EXPECT_EQ(check.exit_code, 0) << describe(check);
}

TEST(CliCalibrate, BadFileExitsTwoWithPosition) {
  const std::string dir = make_temp_dir("cli-calibrate-bad");
  write_file_bytes(dir + "/bad.toml",
                   "[calibration]\nname = \"x\"\ntargets = \"t.csv\"\nmax_iteration = 3\n");
  const CommandResult r = run_integrasim({"calibrate", dir + "/bad.toml"});
  EXPECT_EQ(r.exit_code, 2) << describe(r);
  EXPECT_TRUE(contains(r.err, "bad.toml:4:1: unknown key 'max_iteration'")) << r.err;
}

}  // namespace
}  // namespace integrasim::testing
