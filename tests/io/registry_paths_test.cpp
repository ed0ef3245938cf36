// A target registry may only name reference scenarios inside its own folder: "..",
// absolute paths and symlinks that lead out are refused at the target's
// file:line:col, for `validate` (registry_scenario_loader) and `calibrate` (the targets
// file's folder). Paths that stay inside after resolution are read as before.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "core/diagnostics.h"
#include "io/calibration_config.h"
#include "io/validation_registry.h"
#include "process_support.h"
#include "test_support.h"

namespace integrasim {
namespace {

namespace fs = std::filesystem;

constexpr const char* k_scenario = R"([scenario]
name = "ref"
horizon_months = 12
persons = 100

[[arm]]
name = "a"
role = "comparator"

[[arm]]
name = "b"
role = "policy"
)";

constexpr const char* k_header =
    "id,scenario,arm,metric,subgroup,comparison,published,tolerance,scale,source,in_sample,note\n";

// A registry folder `root`/registry holding inside.toml, beside `root`/outside.toml, with
// symlinks from the registry to each, and a targets.csv whose one row names `scenario`.
class RegistryPaths : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::canonical(testing::make_temp_dir("registry-paths")).string();
    registry_ = root_ + "/registry";
    fs::create_directories(registry_ + "/sub");
    testing::write_file_bytes(root_ + "/outside.toml", k_scenario);
    testing::write_file_bytes(registry_ + "/inside.toml", k_scenario);
    fs::create_symlink("../outside.toml", registry_ + "/link_out.toml");
    fs::create_symlink("inside.toml", registry_ + "/link_in.toml");
    catalogue_ = testing::tiny_catalogue();
  }
  void TearDown() override {
    if (!HasFailure()) fs::remove_all(root_);
  }
  // Writes targets.csv naming `scenario`; returns the one target read back.
  Target target_naming(const std::string& scenario) const {
    testing::write_file_bytes(
        registry_ + "/targets.csv",
        std::string(k_header) + "t1," + scenario + ",a,employment_rate_m12,all,level,0.2,0.05,1,T-1,yes,\n");
    return read_registry(registry_).at(0);
  }
  // The InputError message of loading the scenario `scenario` ("" if it loads).
  std::string error_of(const std::string& scenario) const {
    const Target target = target_naming(scenario);
    try {
      registry_scenario_loader(registry_, catalogue_)(target);
    } catch (const InputError& e) {
      return e.what();
    }
    return "";
  }
  // What the refusal of `scenario` must say: position of the scenario field (column 4:
  // after "t1,"), the value, the rule with the resolved folder, and where it leads.
  std::string expected(const std::string& scenario, const std::string& resolved) const {
    return registry_ + "/targets.csv:2:4: column 'scenario' is \"" + scenario +
           "\", but must be a scenario file inside the registry folder " + registry_ + " (it resolves to " +
           resolved + ")";
  }
  std::string root_;
  std::string registry_;
  Catalogue catalogue_;
};

TEST_F(RegistryPaths, DotDotOutOfTheFolderIsRefusedAtTheField) {
  EXPECT_EQ(error_of("../outside.toml"), expected("../outside.toml", root_ + "/outside.toml"));
  EXPECT_EQ(error_of("sub/../../outside.toml"), expected("sub/../../outside.toml", root_ + "/outside.toml"));
  // Refused before existence is considered: nothing outside is even probed for.
  EXPECT_EQ(error_of("../missing.toml"), expected("../missing.toml", root_ + "/missing.toml"));
}

TEST_F(RegistryPaths, AbsolutePathOutsideIsRefused) {
  const std::string outside = root_ + "/outside.toml";
  EXPECT_EQ(error_of(outside), expected(outside, outside));
}

TEST_F(RegistryPaths, SymlinkLeadingOutIsRefused) {
  EXPECT_EQ(error_of("link_out.toml"), expected("link_out.toml", root_ + "/outside.toml"));
}

TEST_F(RegistryPaths, PathsThatStayInsideAreRead) {
  for (const std::string scenario : {"inside.toml", "sub/../inside.toml", "link_in.toml", "./inside.toml"}) {
    EXPECT_EQ(error_of(scenario), "") << scenario;
    EXPECT_EQ(registry_scenario_path(registry_, target_naming(scenario)), registry_ + "/" + scenario);
  }
}

// calibrate reads the scenarios named by its targets file relative to that file's folder,
// under the same rule.
TEST_F(RegistryPaths, CalibrationTargetsAreConfinedToTheirFolder) {
  target_naming("../outside.toml");
  const std::string config = R"([calibration]
name = "demo"
targets = "registry/targets.csv"

[[parameter]]
name = "job_finding"
id = "baseline.employed"
lower = 0.001
upper = 0.5
)";
  std::string message;
  try {
    parse_calibration_config(config, root_ + "/demo.toml", root_, catalogue_);
  } catch (const InputError& e) {
    message = e.what();
  }
  EXPECT_EQ(message, expected("../outside.toml", root_ + "/outside.toml"));
}

}  // namespace
}  // namespace integrasim
