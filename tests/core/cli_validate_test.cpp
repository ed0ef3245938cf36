// `integrasim validate` and `integrasim evidence` through the built executable: exit
// codes, table headers, filters, validation.csv, and bad registries (exit 2).
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "process_support.h"
#include "test_support.h"

namespace integrasim::testing {
namespace {

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// Rows of the validation table: lines that end in "in-sample" or "out-of-sample".
std::vector<std::string> table_rows(const std::string& out) {
  std::vector<std::string> rows;
  for (const auto& line : lines_of(out))
    if (line.size() > 10 && (line.ends_with(" in-sample") || line.ends_with(" out-of-sample")))
      rows.push_back(line);
  return rows;
}

std::size_t registry_rows() {
  return parse_csv(read_file_bytes(source_path("scenarios/validation/targets.csv"))).size() - 1;
}

TEST(CliValidate, RunsTheRegistryPrintsTheTableAndWritesValidationCsv) {
  const std::string out_dir = make_temp_dir("validate") + "/out";
  const CommandResult r = run_integrasim(
      {"validate", "--registry", source_path("scenarios/validation"), "--persons", "400", "--out", out_dir});
  ASSERT_EQ(r.exit_code, 0) << describe(r);
  for (const char* column :
       {"target", "source", "published", "simulated ± SE", "residual", "within tolerance", "sample"})
    EXPECT_TRUE(contains(r.out, column)) << column << "\n" << describe(r);
  EXPECT_EQ(table_rows(r.out).size(), registry_rows()) << describe(r);
  EXPECT_TRUE(contains(r.out, "targets within tolerance")) << describe(r);

  const auto csv = parse_csv(read_file_bytes(out_dir + "/validation.csv"));
  ASSERT_EQ(csv.size(), registry_rows() + 1);
  EXPECT_EQ(csv[0][0], "id");
  EXPECT_NE(std::find(csv[0].begin(), csv[0].end(), "simulated_se"), csv[0].end());
  EXPECT_NE(std::find(csv[0].begin(), csv[0].end(), "within_tolerance"), csv[0].end());
}

TEST(CliValidate, OnlyInSampleKeepsTheCalibrationTargets) {
  const CommandResult r = run_integrasim({"validate", "--registry", source_path("scenarios/validation"),
                                          "--persons", "300", "--only", "in-sample"});
  ASSERT_EQ(r.exit_code, 0) << describe(r);
  const auto rows = table_rows(r.out);
  ASSERT_FALSE(rows.empty()) << describe(r);
  EXPECT_LT(rows.size(), registry_rows());
  for (const auto& row : rows) EXPECT_TRUE(row.ends_with(" in-sample")) << row;
}

// The fast subset of the validation (the whole registry at 100,000 persons runs in
// scripts/verify-slow.sh): the built-in catalogue meets every calibration target, among
// them the internship figures per participant (-4.6 / -3.7 months), at the reference
// scenarios' own size and seeds (20,000 persons). The criterion is the registry's own
// tolerance, the published figure's, which is 4.5 Monte Carlo SEs or more at this size.
TEST(CliValidate, TheBuiltInCatalogueMeetsEveryInSampleTarget) {
  const std::string out_dir = make_temp_dir("validate-in-sample") + "/out";
  const CommandResult r = run_integrasim({"validate", "--registry", source_path("scenarios/validation"),
                                          "--only", "in-sample", "--out", out_dir});
  ASSERT_EQ(r.exit_code, 0) << describe(r);
  const auto csv = parse_csv(read_file_bytes(out_dir + "/validation.csv"));
  ASSERT_GT(csv.size(), 1U);
  const auto column = [&](const std::string& name) {
    return static_cast<std::size_t>(std::find(csv[0].begin(), csv[0].end(), name) - csv[0].begin());
  };
  const std::size_t id = column("id"), within = column("within_tolerance");
  ASSERT_LT(within, csv[0].size());
  std::set<std::string> seen;
  for (std::size_t i = 1; i < csv.size(); ++i) {
    EXPECT_EQ(csv[i][within], "yes") << csv[i][id] << "\n" << describe(r);
    seen.insert(csv[i][id]);
  }
  EXPECT_TRUE(seen.count("internship_months_on_benefit_men") &&
              seen.count("internship_months_on_benefit_women"));
}

TEST(CliValidate, TheDefaultRegistryIsScenariosValidationOfTheWorkingFolder) {
  const CommandResult here =
      run_integrasim({"validate", "--persons", "300", "--only", "out-of-sample"}, source_path(""));
  EXPECT_EQ(here.exit_code, 0) << describe(here);
  const CommandResult elsewhere = run_integrasim({"validate", "--persons", "300"});
  EXPECT_EQ(elsewhere.exit_code, 2) << describe(elsewhere);
  EXPECT_TRUE(contains(elsewhere.err, "scenarios/validation")) << describe(elsewhere);
  EXPECT_TRUE(contains(elsewhere.err, "--registry")) << describe(elsewhere);
}

TEST(CliValidate, BadInputExitsWithTwo) {
  const std::string registry = make_temp_dir("registry");
  std::string csv = read_file_bytes(source_path("scenarios/validation/targets.csv"));
  // Line 2 gets an arm the scenario does not have; the error names targets.csv:2.
  const std::size_t at = csv.find(",programme_2011,");
  ASSERT_NE(at, std::string::npos);
  csv.replace(at, 16, ",programme_2010,");
  write_file_bytes(registry + "/targets.csv", csv);
  std::filesystem::copy_file(source_path("scenarios/validation/cohort_ramp_up.toml"),
                             registry + "/cohort_ramp_up.toml");
  const CommandResult bad_arm = run_integrasim({"validate", "--registry", registry, "--persons", "200"});
  EXPECT_EQ(bad_arm.exit_code, 2) << describe(bad_arm);
  EXPECT_TRUE(contains(bad_arm.err, "targets.csv:2: column 'arm' is 'programme_2010'")) << describe(bad_arm);
  EXPECT_TRUE(contains(bad_arm.err, "did you mean 'programme_2011'")) << describe(bad_arm);

  const std::string empty = make_temp_dir("registry");
  const CommandResult no_csv = run_integrasim({"validate", "--registry", empty});
  EXPECT_EQ(no_csv.exit_code, 2) << describe(no_csv);
  EXPECT_TRUE(contains(no_csv.err, "targets.csv")) << describe(no_csv);

  const CommandResult bad_only =
      run_integrasim({"validate", "--registry", source_path("scenarios/validation"), "--only", "insample"});
  EXPECT_EQ(bad_only.exit_code, 2) << describe(bad_only);
  EXPECT_TRUE(contains(bad_only.err, "--only is insample, but must be in-sample or out-of-sample"))
      << describe(bad_only);
}

TEST(CliEvidence, PrintsTheCatalogueAndFilters) {
  const CommandResult all = run_integrasim({"evidence"});
  ASSERT_EQ(all.exit_code, 0) << describe(all);
  const auto lines = lines_of(all.out);
  ASSERT_FALSE(lines.empty());
  for (const char* column : {"id", "value", "interval", "distribution", "status", "source", "note"})
    EXPECT_TRUE(contains(lines[0], column)) << lines[0];
  EXPECT_TRUE(contains(all.out, "effect.internship_private.post.employed.male")) << describe(all);

  const CommandResult estimates = run_integrasim({"evidence", "--status", "estimate"});
  ASSERT_EQ(estimates.exit_code, 0) << describe(estimates);
  const auto rows = lines_of(estimates.out);
  int data_rows = 0;
  for (std::size_t i = 1; i < rows.size() && !rows[i].empty(); ++i) {
    ++data_rows;
    EXPECT_TRUE(contains(rows[i], " estimate ")) << rows[i];
  }
  EXPECT_GT(data_rows, 0);
  EXPECT_LT(estimates.out.size(), all.out.size());

  const CommandResult internship =
      run_integrasim({"evidence", "--intervention", "internship_private", "--subgroup", "activity_ready"});
  ASSERT_EQ(internship.exit_code, 0) << describe(internship);
  EXPECT_TRUE(contains(internship.out, "effect.internship_private.lock_in.employed.activity_ready"))
      << describe(internship);
  EXPECT_FALSE(contains(internship.out, "male_job_ready"))
      << "a job-ready row cannot apply to activity-ready persons";
  EXPECT_FALSE(contains(internship.out, "internship_public")) << describe(internship);
}

TEST(CliEvidence, BadFiltersExitWithTwoAndAHint) {
  const CommandResult status = run_integrasim({"evidence", "--status", "estimat"});
  EXPECT_EQ(status.exit_code, 2) << describe(status);
  EXPECT_TRUE(contains(status.err, "(did you mean 'estimate'?)")) << describe(status);
  const CommandResult intervention = run_integrasim({"evidence", "--intervention", "internship"});
  EXPECT_EQ(intervention.exit_code, 2) << describe(intervention);
  EXPECT_TRUE(contains(intervention.err, "--intervention is internship")) << describe(intervention);
  const CommandResult subgroup = run_integrasim({"evidence", "--subgroup", "male & female"});
  EXPECT_EQ(subgroup.exit_code, 2) << describe(subgroup);
  EXPECT_TRUE(contains(subgroup.err, "--subgroup is male & female")) << describe(subgroup);
}

}  // namespace
}  // namespace integrasim::testing

namespace integrasim::testing {
namespace {

// Like every result folder, validation.csv comes with a manifest listing it with its
// SHA-256 and the registry among the inputs.
TEST(CliValidate, OutWritesAManifestBesideValidationCsv) {
  const std::string out_dir = make_temp_dir("validate") + "/out";
  const std::string registry = source_path("scenarios/validation");
  const CommandResult r = run_integrasim(
      {"validate", "--registry", registry, "--persons", "200", "--only", "in-sample", "--out", out_dir});
  ASSERT_EQ(r.exit_code, 0) << describe(r);
  const std::string manifest = read_file_bytes(out_dir + "/manifest.json");
  EXPECT_NE(manifest.find("\"validation.csv\""), std::string::npos) << manifest;
  EXPECT_NE(manifest.find(registry + "/targets.csv"), std::string::npos) << manifest;
  EXPECT_NE(manifest.find("\"command_line\""), std::string::npos) << manifest;
}

}  // namespace
}  // namespace integrasim::testing
