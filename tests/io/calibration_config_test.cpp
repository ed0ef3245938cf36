// The calibration file reader: a valid file loads into the expected problem, and every
// validation in sim/io/calibration_config.cpp fires with its position (break one thing
// of a valid file per check). Also --apply's rewriting of catalogue files.
#include "io/calibration_config.h"

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "core/diagnostics.h"
#include "io/calibration_output.h"
#include "io/catalogue_reader.h"
#include "io/output_folder.h"
#include "test_support.h"

namespace integrasim {
namespace {

constexpr const char* k_file = "cal.toml";

void write_file(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
}

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

constexpr const char* k_targets =
    "id,scenario,arm,metric,subgroup,comparison,published,tolerance,scale,source,in_sample,note\n"
    "t1,ref.toml,a,employment_rate_m12,all,level,0.2,0.05,1,TEST-1,yes,\n"
    "t2,ref.toml,b,months_on_benefit,all,difference,-1,0.5,1,TEST-2,no,\n";

// A valid calibration file; each case below breaks one line of it.
constexpr const char* k_valid = R"([calibration]
name = "demo"
description = "a test"
targets = "targets.csv"
use_targets = ["t1", "t2"]
persons = 500
seed = 9
max_iterations = 5
fd_log_step = 0.05

[[parameter]]
name = "job_finding"
id = "baseline.employed"
lower = 0.001
upper = 0.5

[[parameter]]
name = "exits"
factor_of = ["baseline.e*t", "return.*"]
lower = 0.5
upper = 2
start = 1.5
)";

class CalibrationConfig : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = testing::make_temp_dir("calibration-config");
    write_file(dir_ + "/ref.toml", k_scenario);
    write_file(dir_ + "/targets.csv", k_targets);
    catalogue_ = testing::tiny_catalogue();
  }
  LoadedCalibration parse(const std::string& text) const {
    return parse_calibration_config(text, k_file, dir_, catalogue_);
  }
  // The message of the InputError that `text` raises ("" if none).
  std::string error_of(const std::string& text) const {
    try {
      parse(text);
    } catch (const InputError& e) {
      return e.what();
    }
    return "";
  }
  std::string dir_;
  Catalogue catalogue_;
};

std::string replace(std::string text, const std::string& from, const std::string& to) {
  const std::size_t at = text.find(from);
  if (at == std::string::npos) throw std::logic_error("fixture lacks " + from);
  return text.replace(at, from.size(), to);
}

TEST_F(CalibrationConfig, ValidFileLoadsEveryKey) {
  const LoadedCalibration l = parse(k_valid);
  const CalibrationProblem& p = l.problem;
  EXPECT_EQ(p.name, "demo");
  EXPECT_EQ(l.description, "a test");
  EXPECT_EQ(p.settings.persons, 500);
  EXPECT_EQ(p.settings.seed, 9U);
  EXPECT_EQ(p.settings.max_iterations, 5);
  EXPECT_DOUBLE_EQ(p.settings.fd_log_step, 0.05);
  ASSERT_EQ(p.parameters.size(), 2U);
  EXPECT_EQ(p.parameters[0].kind, CalibrationParameter::Kind::value);
  EXPECT_EQ(p.parameters[0].ids, std::vector<std::string>{"baseline.employed"});
  EXPECT_FALSE(p.parameters[0].start.has_value());
  EXPECT_EQ(p.parameters[1].kind, CalibrationParameter::Kind::factor);
  EXPECT_EQ(p.parameters[1].ids,
            (std::vector<std::string>{"baseline.exit", "return.job_loss", "return.education_dropout"}));
  EXPECT_DOUBLE_EQ(*p.parameters[1].start, 1.5);
  EXPECT_EQ(p.parameters[1].where.line, 17);  // the [[parameter]] header
  ASSERT_EQ(p.targets.size(), 2U);
  ASSERT_EQ(p.scenarios.size(), 1U);
  EXPECT_EQ(p.target_scenario, (std::vector<int>{0, 0}));
  EXPECT_EQ(p.scenarios[0].name, "ref");
  ASSERT_EQ(l.inputs.size(), 3U);  // calibration file, targets, scenario
  EXPECT_EQ(l.inputs[0].name, k_file);
}

TEST_F(CalibrationConfig, WithoutUseTargetsTakesTheInSampleRows) {
  const LoadedCalibration l = parse(replace(k_valid, "use_targets = [\"t1\", \"t2\"]\n", ""));
  ASSERT_EQ(l.problem.targets.size(), 1U);
  EXPECT_EQ(l.problem.targets[0].id, "t1");
}

TEST(CalibrationPattern, StarMatchesAnyRun) {
  EXPECT_TRUE(id_matches_pattern("baseline.employed.male.refugee.job_ready.m00_12",
                                 "baseline.employed.*.refugee.*.m00_12"));
  EXPECT_FALSE(id_matches_pattern("baseline.employed.male.family_reunified.job_ready.m00_12",
                                  "baseline.employed.*.refugee.*.m00_12"));
  EXPECT_TRUE(id_matches_pattern("abc", "abc"));
  EXPECT_TRUE(id_matches_pattern("abc", "*"));
  EXPECT_FALSE(id_matches_pattern("abc", "ab"));
  EXPECT_TRUE(id_matches_pattern("a.b.c", "a*c"));
}

struct BrokenCase {
  const char* name;
  const char* from;  // text of the valid file to replace
  const char* to;
  const char* expected;         // substring of the message
  const char* from2 = nullptr;  // optional second replacement
  const char* to2 = nullptr;
};

class CalibrationConfigErrors : public CalibrationConfig, public ::testing::WithParamInterface<BrokenCase> {};

TEST_P(CalibrationConfigErrors, FiresWithPosition) {
  const BrokenCase& c = GetParam();
  std::string text = replace(k_valid, c.from, c.to);
  if (c.from2 != nullptr) text = replace(text, c.from2, c.to2);
  const std::string message = error_of(text);
  EXPECT_NE(message.find(c.expected), std::string::npos) << "message: " << message;
  EXPECT_TRUE(message.starts_with(k_file) || message.starts_with(dir_)) << "message: " << message;
}

const BrokenCase k_broken[] = {
    {"syntax", "name = \"demo\"", "name = \"demo", "toml syntax error"},
    {"unknown_top_key", "[calibration]", "[calibrations]",
     "unknown key 'calibrations' in the top level of the file (did you mean 'calibration'?)"},
    {"calibration_not_table",
     "[calibration]\nname = \"demo\"\ndescription = \"a test\"\ntargets = \"targets.csv\"\nuse_targets = "
     "[\"t1\", \"t2\"]\npersons = 500\nseed = 9\nmax_iterations = 5\nfd_log_step = 0.05\n",
     "calibration = 1\n", "calibration is 1, but must be a table written [calibration]"},
    {"unknown_key", "max_iterations = 5", "max_iteration = 5",
     "unknown key 'max_iteration' in [calibration] (did you mean 'max_iterations'?)"},
    {"missing_name", "name = \"demo\"\n", "", "[calibration] is missing the required key 'name'"},
    {"bad_name", "name = \"demo\"", "name = \"de mo\"",
     "[calibration] name is \"de mo\", but must be a name of 1 to 64"},
    {"name_not_string", "name = \"demo\"", "name = 3",
     "[calibration] name is 3, but must be a string in double quotes"},
    {"description_not_string", "description = \"a test\"", "description = 3",
     "[calibration] description is 3, but must be a string"},
    {"missing_targets", "targets = \"targets.csv\"\n", "", "is missing the required key 'targets'"},
    {"empty_targets", "targets = \"targets.csv\"", "targets = \"\"", "the path of a targets CSV file"},
    {"missing_targets_file", "targets = \"targets.csv\"", "targets = \"nowhere.csv\"", "nowhere.csv"},
    {"persons", "persons = 500", "persons = 0",
     "[calibration] persons is 0, but must be an integer between 1 and 100000000"},
    {"seed", "seed = 9", "seed = -1", "[calibration] seed is -1, but must be an integer between 0 and"},
    {"max_iterations", "max_iterations = 5", "max_iterations = 5000",
     "max_iterations is 5000, but must be an integer between 0 and 1000"},
    {"fd_log_step", "fd_log_step = 0.05", "fd_log_step = 0.9",
     "fd_log_step is 0.9, but must be a number between 0.001 and 0.5"},
    {"use_targets_not_list", "use_targets = [\"t1\", \"t2\"]", "use_targets = \"t1\"",
     "use_targets is \"t1\", but must be a non-empty list of strings"},
    {"use_targets_element", "use_targets = [\"t1\", \"t2\"]", "use_targets = [\"t1\", 2]",
     "use_targets element is 2, but must be a string"},
    {"use_targets_unknown", "use_targets = [\"t1\", \"t2\"]", "use_targets = [\"t1\", \"t3\"]",
     "use_targets element is \"t3\", but must be a target id of"},
    {"use_targets_twice", "use_targets = [\"t1\", \"t2\"]", "use_targets = [\"t1\", \"t1\"]",
     "but must be listed once"},
    {"no_parameters",
     "[[parameter]]\nname = \"job_finding\"\nid = \"baseline.employed\"\nlower = 0.001\nupper = "
     "0.5\n\n[[parameter]]\nname = \"exits\"\nfactor_of = [\"baseline.e*t\", \"return.*\"]\nlower = "
     "0.5\nupper = 2\nstart = 1.5\n",
     "", "no [[parameter]] table"},
    {"parameter_not_tables",
     "[[parameter]]\nname = \"job_finding\"\nid = \"baseline.employed\"\nlower = 0.001\nupper = "
     "0.5\n\n[[parameter]]\nname = \"exits\"\nfactor_of = [\"baseline.e*t\", \"return.*\"]\nlower = "
     "0.5\nupper = 2\nstart = 1.5\n",
     "", "parameter is 1, but must be a list of tables written [[parameter]]", "[calibration]",
     "parameter = 1\n[calibration]"},
    {"parameter_element",
     "[[parameter]]\nname = \"job_finding\"\nid = \"baseline.employed\"\nlower = 0.001\nupper = "
     "0.5\n\n[[parameter]]\nname = \"exits\"\nfactor_of = [\"baseline.e*t\", \"return.*\"]\nlower = "
     "0.5\nupper = 2\nstart = 1.5\n",
     "", "parameter 1 is 1, but must be a table written [[parameter]]", "[calibration]",
     "parameter = [1]\n[calibration]"},
    {"parameter_unknown_key", "upper = 0.5", "uper = 0.5",
     "unknown key 'uper' in parameter 1 (did you mean 'upper'?)"},
    {"parameter_missing_name", "name = \"job_finding\"\n", "",
     "parameter 1 is missing the required key 'name'"},
    {"parameter_bad_name", "name = \"job_finding\"", "name = \"job finding\"",
     "parameter 1 name is \"job finding\", but must be a name"},
    {"parameter_duplicate_name", "name = \"exits\"", "name = \"job_finding\"",
     "parameter 2 name is \"job_finding\", but must be unique among the parameters"},
    {"parameter_both", "id = \"baseline.employed\"", "id = \"baseline.employed\"\nfactor_of = [\"return.*\"]",
     "needs exactly one of 'id'"},
    {"parameter_neither", "id = \"baseline.employed\"\n", "", "needs exactly one of 'id'"},
    {"id_not_string", "id = \"baseline.employed\"", "id = 1",
     "parameter 'job_finding' id is 1, but must be a catalogue id in double quotes"},
    {"id_unknown", "id = \"baseline.employed\"", "id = \"baseline.employd\"",
     "but must be a catalogue id (integrasim check lists them) (did you mean 'baseline.employed'?)"},
    {"factor_of_not_list", "factor_of = [\"baseline.e*t\", \"return.*\"]", "factor_of = \"return.*\"",
     "factor_of is \"return.*\", but must be a non-empty list of strings"},
    {"factor_of_empty", "factor_of = [\"baseline.e*t\", \"return.*\"]", "factor_of = []",
     "factor_of is [], but must be a non-empty list of strings"},
    {"factor_of_element", "factor_of = [\"baseline.e*t\", \"return.*\"]", "factor_of = [1]",
     "factor_of element is 1, but must be a string"},
    {"factor_of_matches_nothing", "factor_of = [\"baseline.e*t\", \"return.*\"]",
     "factor_of = [\"nothing.*\"]",
     "but must be a catalogue id or a pattern with '*' that matches at least one id"},
    {"factor_of_zero_value", "factor_of = [\"baseline.e*t\", \"return.*\"]",
     "factor_of = [\"course.post_half_life_months\"]", "a factor can only scale values above 0"},
    {"id_fitted_twice", "factor_of = [\"baseline.e*t\", \"return.*\"]", "factor_of = [\"baseline.*\"]",
     "catalogue id 'baseline.employed' is already fitted by parameter 'job_finding'"},
    {"lower_missing", "lower = 0.001\n", "", "parameter 'job_finding' is missing the required key 'lower'"},
    {"upper_missing", "upper = 0.5\n", "", "parameter 'job_finding' is missing the required key 'upper'"},
    {"lower_not_positive", "lower = 0.001", "lower = 0",
     "parameter 'job_finding' lower is 0, but must be a finite number above 0"},
    {"upper_not_number", "upper = 0.5", "upper = \"x\"",
     "parameter 'job_finding' upper is \"x\", but must be a finite number above 0"},
    {"upper_below_lower", "upper = 0.5", "upper = 0.0005",
     "parameter 'job_finding' upper is 5e-04, but must be above lower (0.001)"},
    {"start_not_positive", "start = 1.5", "start = -1",
     "parameter 'exits' start is -1, but must be a finite number above 0"},
    {"start_outside", "start = 1.5", "start = 3",
     "parameter 'exits' start is 3, but must be within [lower, upper] = [0.5, 2]"},
    {"catalogue_value_outside", "upper = 0.5", "upper = 0.01",
     "the catalogue value of 'baseline.employed' is 0.02, but the start must be within"},
    {"factor_bounds_exclude_one", "lower = 0.5\nupper = 2\nstart = 1.5\n", "lower = 1.2\nupper = 2\n",
     "a factor starts at 1"},
    {"interval_low_alone", "start = 1.5\n", "start = 1.5\ninterval_low = 1\n",
     "parameter 'exits': 'interval_low' and 'interval_source' go together"},
    {"interval_source_alone", "start = 1.5\n", "start = 1.5\ninterval_source = \"SKI10-1\"\n",
     "parameter 'exits': 'interval_low' and 'interval_source' go together"},
    {"interval_low_not_positive", "start = 1.5\n",
     "start = 1.5\ninterval_low = 0\ninterval_source = \"X-1\"\n",
     "parameter 'exits' interval_low is 0, but must be a finite number above 0"},
    {"interval_source_not_one_id", "start = 1.5\n",
     "start = 1.5\ninterval_low = 1\ninterval_source = \"A-1;B-2\"\n",
     "parameter 'exits' interval_source is \"A-1;B-2\", but must be one evidence id of sources.csv"},
};

INSTANTIATE_TEST_SUITE_P(EveryCheck, CalibrationConfigErrors, ::testing::ValuesIn(k_broken),
                         [](const ::testing::TestParamInfo<BrokenCase>& param_info) {
                           return std::string(param_info.param.name);
                         });

TEST_F(CalibrationConfig, NoInSampleTargetsWithoutUseTargets) {
  write_file(dir_ + "/targets.csv", replace(k_targets, "TEST-1,yes", "TEST-1,no"));
  const std::string message = error_of(replace(k_valid, "use_targets = [\"t1\", \"t2\"]\n", ""));
  EXPECT_NE(message.find("has in_sample = yes"), std::string::npos) << message;
}

TEST_F(CalibrationConfig, MissingReferenceScenario) {
  std::filesystem::remove(dir_ + "/ref.toml");
  const std::string message = error_of(k_valid);
  EXPECT_NE(message.find("target 't1': cannot read its reference scenario"), std::string::npos) << message;
}

TEST_F(CalibrationConfig, ReferenceScenarioMayNotOverrideAFittedId) {
  write_file(dir_ + "/ref.toml", std::string(k_scenario) + "\n[overrides]\n\"baseline.employed\" = 0.05\n");
  const std::string message = error_of(k_valid);
  EXPECT_NE(
      message.find("reference scenario 'ref' overrides 'baseline.employed', which parameter 'job_finding'"),
      std::string::npos)
      << message;
}

// --apply: the fitted rows of a copy of the shipped catalogue are rewritten in place, the
// rest of each file stays byte for byte, and the result reads back as a valid catalogue.
TEST(CalibrationApply, RewritesRowsOfACatalogueCopy) {
  const std::string dir = testing::make_temp_dir("calibration-apply");
  const std::string source = testing::source_path("scenarios/evidence");
  for (const auto& entry : std::filesystem::directory_iterator(source))
    if (entry.path().extension() == ".csv")
      std::filesystem::copy_file(entry.path(), dir + "/" + entry.path().filename().string());
  const Catalogue before = read_catalogue_dir(dir);

  const std::string id = "baseline.employed.male.refugee.job_ready.m00_12";
  const std::string effect = "effect.internship_private.post.employed.male";
  CalibrationResult result;
  result.calibrated = before;
  for (CatalogueValue* v : result.calibrated.all_values_mutable()) {
    if (v->id == id) {
      v->value = 0.123456789;
      v->status = EvidenceStatus::calibrated;
      v->source = "UIM16-REF-1";
      v->note = "Calibrated, with a comma, and a \"quote\"";
      v->has_interval = true;
      v->ci_low = 0.1;
      v->ci_high = 0.15;
      v->distribution = Distribution::lognormal;
    }
    if (v->id == effect) {
      v->value = 2.5;
      v->status = EvidenceStatus::calibrated;
      v->note = "fitted";
    }
  }
  result.values = {{id, 0.0578, 0.123456789, "p", 0.01}, {effect, 1.84, 2.5, "q", std::nan("")}};

  const std::vector<OutputFile> files = apply_calibration_files(result, dir);
  ASSERT_EQ(files.size(), 2U);  // baseline_hazards.csv and effects.csv
  write_output_folder(dir, files);
  const Catalogue after = read_catalogue_dir(dir);
  int changed = 0;
  const auto old_values = before.all_values();
  const auto new_values = after.all_values();
  ASSERT_EQ(old_values.size(), new_values.size());
  for (std::size_t i = 0; i < new_values.size(); ++i) {
    const CatalogueValue& v = *new_values[i];
    if (v.id == id) {
      ++changed;
      EXPECT_DOUBLE_EQ(v.value, 0.1235);  // 4 significant digits
      EXPECT_EQ(v.status, EvidenceStatus::calibrated);
      EXPECT_EQ(v.note, "Calibrated, with a comma, and a \"quote\"");
      EXPECT_EQ(v.distribution, Distribution::lognormal);
      EXPECT_DOUBLE_EQ(v.ci_low, 0.1);
    } else if (v.id == effect) {
      ++changed;
      EXPECT_DOUBLE_EQ(v.value, 2.5);
      EXPECT_EQ(v.status, EvidenceStatus::calibrated);
    } else {
      EXPECT_EQ(v.value, old_values[i]->value) << v.id;
      EXPECT_EQ(v.note, old_values[i]->note) << v.id;
    }
  }
  EXPECT_EQ(changed, 2);
  // Untouched files are not rewritten at all.
  for (const OutputFile& f : files)
    EXPECT_TRUE(f.name == "baseline_hazards.csv" || f.name == "effects.csv") << f.name;
}

TEST(CalibrationApply, RefusesValuesOfInterventionsCsv) {
  const std::string dir = testing::make_temp_dir("calibration-apply-interventions");
  for (const auto& entry : std::filesystem::directory_iterator(testing::source_path("scenarios/evidence")))
    if (entry.path().extension() == ".csv")
      std::filesystem::copy_file(entry.path(), dir + "/" + entry.path().filename().string());
  CalibrationResult result;
  result.calibrated = read_catalogue_dir(dir);
  const std::string id = "internship_private.default_duration_months";
  bool found = false;
  for (const CatalogueValue* v : result.calibrated.all_values()) found = found || v->id == id;
  ASSERT_TRUE(found);
  result.values = {{id, 6, 5, "p", std::nan("")}};
  try {
    apply_calibration_files(result, dir);
    FAIL() << "expected an InputError";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("no 'id' and 'value' columns"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace integrasim
