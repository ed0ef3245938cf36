// A catalogue row the model needs may not silently become 0, and an override of a value
// the model does not read may not pass as if it changed something (issue 12 items 6, 7).
// Each case edits a copy of the shipped catalogue or of the default scenario.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "core/compiled_model.h"
#include "core/diagnostics.h"
#include "io/catalogue_reader.h"
#include "io/scenario_reader.h"
#include "test_support.h"

namespace integrasim {
namespace {

std::string read_all(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

void write_all(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
}

// A copy of the shipped catalogue in a fresh directory.
std::string catalogue_copy(const std::string& tag) {
  const std::string dir = testing::make_temp_dir(tag);
  for (const auto& entry : std::filesystem::directory_iterator(testing::source_path("scenarios/evidence")))
    if (entry.path().extension() == ".csv")
      std::filesystem::copy_file(entry.path(), dir + "/" + entry.path().filename().string());
  return dir;
}

// Keeps only the header line of `file`.
void keep_header_only(const std::string& file) {
  const std::string text = read_all(file);
  write_all(file, text.substr(0, text.find('\n') + 1));
}

// Removes the line of row `id` from `file`.
void delete_row(const std::string& file, const std::string& id) {
  std::string text = read_all(file);
  const std::size_t at = text.find("\n" + id + ",");
  ASSERT_NE(at, std::string::npos) << id;
  text.erase(at + 1, text.find('\n', at + 1) - at);
  write_all(file, text);
}

// The message of the InputError that compiling `scenario_text` against the catalogue in
// `dir` throws; "" if it compiles.
std::string refusal(const std::string& dir, const std::string& scenario_text,
                    const std::string& scenario_name) {
  const Catalogue catalogue = read_catalogue_dir(dir);
  try {
    const Scenario s = parse_scenario(scenario_text, scenario_name, catalogue);
    compile_model(s, resolve_parameters(catalogue, s));
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}

std::string default_scenario() {
  return read_all(testing::source_path("scenarios/default.toml"));
}

TEST(SilentZeros, ShippedCatalogueAndDefaultScenarioCompile) {
  EXPECT_EQ(refusal(catalogue_copy("zeros-shipped"), default_scenario(), "default.toml"), "");
}

TEST(SilentZeros, HeaderOnlyBaselineHazardsAreRefused) {
  const std::string dir = catalogue_copy("zeros-baseline-header");
  keep_header_only(dir + "/baseline_hazards.csv");
  EXPECT_EQ(refusal(dir, default_scenario(), "default.toml"),
            dir +
                "/baseline_hazards.csv: no row gives the hazard to employed for male refugee job_ready "
                "persons in any month");
}

// The reader already refuses a gap between pieces, so a subgroup goes missing whole.
TEST(SilentZeros, ADeletedSubgroupIsRefused) {
  const std::string dir = catalogue_copy("zeros-baseline-subgroup");
  for (const char* piece : {"m00_12", "m12_24", "m24_36", "m36_up"})
    delete_row(dir + "/baseline_hazards.csv",
               std::string("baseline.employed.female.refugee.job_ready.") + piece);
  EXPECT_EQ(refusal(dir, default_scenario(), "default.toml"),
            dir +
                "/baseline_hazards.csv: no row gives the hazard to employed for female refugee job_ready "
                "persons in any month");
}

TEST(SilentZeros, AModelledDestinationMustCoverEveryone) {
  const std::string dir = catalogue_copy("zeros-baseline-exit");
  const std::string file = dir + "/baseline_hazards.csv";
  std::string text = read_all(file);
  const std::string all = "\nbaseline.exit.all,exit,all,0,";
  const std::size_t at = text.find(all);
  ASSERT_NE(at, std::string::npos);
  text.replace(at, all.size(), "\nbaseline.exit.all,exit,male,0,");
  write_all(file, text);
  EXPECT_EQ(refusal(dir, default_scenario(), "default.toml"),
            file + ": no row gives the hazard to exit for female refugee job_ready persons in any month");
}

TEST(SilentZeros, HeaderOnlyRulesAreRefused) {
  const std::string dir = catalogue_copy("zeros-rules-header");
  keep_header_only(dir + "/rules.csv");
  EXPECT_EQ(refusal(dir, default_scenario(), "default.toml"),
            "default.toml: every run counts benefit costs, but the catalogue has no rule "
            "'benefit.single_provider.dkk_per_month' (rules.csv)");
}

TEST(SilentZeros, AnOverrideOfAValueTheModelDoesNotUseIsRefused) {
  const std::string dir = catalogue_copy("zeros-override");
  const std::string text = default_scenario() + "\n[overrides]\n\"danish_bonus.dkk_per_month\" = 1600\n";
  const int line = static_cast<int>(std::count(text.begin(), text.end(), '\n'));
  const int column = static_cast<int>(std::string("\"danish_bonus.dkk_per_month\" = ").size()) + 1;
  EXPECT_EQ(refusal(dir, text, "default.toml"),
            "default.toml:" + std::to_string(line) + ":" + std::to_string(column) +
                ": override 'danish_bonus.dkk_per_month' changes nothing: the model does not use this "
                "catalogue value yet (" +
                dir + "/rules.csv:6)");
}

TEST(SilentZeros, AnOverrideOfARuleTheModelReadsIsAccepted) {
  const std::string dir = catalogue_copy("zeros-override-used");
  const std::string text =
      default_scenario() + "\n[overrides]\n\"benefit.single_provider.dkk_per_month\" = 13000\n";
  EXPECT_EQ(refusal(dir, text, "default.toml"), "");
}

}  // namespace
}  // namespace integrasim
