// The explorer spec reader: a valid spec loads into the expected ExploreSpec, and every
// validation in sim/io/explore_spec.cpp fires with its position (each case breaks one
// thing of a valid spec). Also: the enumeration count matches the enumeration.
#include "io/explore_spec.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <string>
#include <vector>

#include "core/diagnostics.h"
#include "io/catalogue_reader.h"
#include "test_support.h"

namespace integrasim {
namespace {

void write_file(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
}

constexpr const char* k_base = R"([scenario]
name = "base"
horizon_months = 24
persons = 200

[[pathway]]
name = "bau"
[[pathway.step]]
intervention = "language"
track = "language"
start_month = 1
duration_months = 12
[[pathway.step]]
intervention = "course"
start_month = 6
duration_months = 6

[[pathway]]
name = "side"
[[pathway.step]]
intervention = "course"
track = "side"
start_month = 1
duration_months = 3

[[arm]]
name = "bau"
role = "comparator"
pathway = "bau"

[[arm]]
name = "other"
role = "policy"
)";

// A valid spec; each case below breaks one line of it.
constexpr const char* k_valid = R"([explore]
name = "demo"
description = "a test"
scenario = "base.toml"
comparator = "bau"
fixed_from = "bau"
fixed_tracks = ["language"]
min_length = 1
max_length = 2
order_matters = true
repeats = false
first_start_months = [2, 6]
metric = "months_employed"
direction = "higher"
subgroups = ["sex"]
max_pathways = 100
decomposition = false
robustness = true
diminishing_alpha = 0.5

[[block]]
intervention = "course"
label = "short"
durations = [3, 6]
gap_months = 1
coverage = 0.9
eligible = "all"
min_danish_level = 0

[[block]]
intervention = "course"
label = "long"
durations = [9]
)";

class ExploreSpecTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = testing::make_temp_dir("explore-spec");
    write_file(dir_ + "/base.toml", k_base);
    catalogue_ = testing::tiny_catalogue();
  }
  LoadedExploreSpec parse(const std::string& text) const {
    return parse_explore_spec(text, "spec.toml", dir_, catalogue_);
  }
  std::string error_of(const std::string& text) const {
    try {
      parse(text);
    } catch (const InputError& e) {
      return e.what();
    }
    return "(no error)";
  }
  std::string dir_;
  Catalogue catalogue_;
};

std::string replaced(std::string text, const std::string& from, const std::string& to) {
  const std::size_t at = text.find(from);
  if (at == std::string::npos) throw std::runtime_error("case does not apply: " + from);
  return text.replace(at, from.size(), to);
}

TEST_F(ExploreSpecTest, ValidSpecLoads) {
  const LoadedExploreSpec loaded = parse(k_valid);
  const ExploreSpec& s = loaded.spec;
  EXPECT_EQ(s.name, "demo");
  EXPECT_EQ(s.base.name, "base");
  EXPECT_EQ(s.comparator_arm, "bau");
  EXPECT_EQ(s.fixed_from, "bau");
  EXPECT_EQ(s.fixed_tracks, std::vector<std::string>{"language"});
  EXPECT_EQ(s.first_start_months, (std::vector<int>{2, 6}));
  ASSERT_EQ(s.blocks.size(), 2U);
  EXPECT_EQ(s.blocks[0].label, "short");
  EXPECT_EQ(s.blocks[0].durations, (std::vector<int>{3, 6}));
  EXPECT_EQ(s.blocks[0].gap_months, 1);
  EXPECT_DOUBLE_EQ(s.blocks[0].coverage, 0.9);
  EXPECT_EQ(s.subgroups, std::vector<Dimension>{Dimension::sex});
  EXPECT_EQ(loaded.inputs.size(), 2U);
  // 3 single blocks + 2 x (2 x 1) ordered pairs of distinct blocks, at 2 start months.
  EXPECT_EQ(count_pathways(s), 14.0);
  std::int64_t enumerated = 0;
  const auto candidates = enumerate_candidates(s, enumerated);
  EXPECT_EQ(enumerated, 14);
  ASSERT_EQ(candidates.size(), 14U);
  EXPECT_EQ(candidates[0].id, "p00001");
  EXPECT_EQ(candidates[0].sequence, "from m2: short 3m");
  // The fixed language track comes first, then the blocks on "main".
  const Pathway& p = candidates.back().pathway;
  ASSERT_EQ(p.steps.size(), 3U);
  EXPECT_EQ(p.steps[0].track, "language");
  EXPECT_EQ(p.steps[1].track, "main");
  EXPECT_TRUE(p.steps[2].relative_to_previous);
}

TEST_F(ExploreSpecTest, DefaultsComeFromTheScenario) {
  const std::string text =
      "[explore]\nname = \"d\"\nscenario = \"base.toml\"\n\n[[block]]\nintervention = \"course\"\n";
  const ExploreSpec s = parse(text).spec;
  EXPECT_EQ(s.comparator_arm, "bau");
  EXPECT_EQ(s.fixed_from, "bau");                                   // the comparator's pathway
  EXPECT_EQ(s.fixed_tracks, std::vector<std::string>{"language"});  // its tracks but main
  EXPECT_EQ(s.blocks[0].durations, std::vector<int>{6});            // catalogue default
  EXPECT_EQ(s.max_length, 1);                                       // shrinks to one block
  EXPECT_EQ(s.subgroups, s.base.output.subgroup_dimensions);
}

TEST_F(ExploreSpecTest, CountMatchesEnumerationInEveryMode) {
  ExploreSpec s = parse(k_valid).spec;
  s.blocks.push_back(s.blocks[0]);
  s.blocks.back().label = "third";
  s.blocks.back().durations = {2, 4, 5};
  s.max_length = 3;
  s.max_pathways = 1'000'000;
  for (const bool order : {true, false})
    for (const bool repeats : {true, false}) {
      s.order_matters = order;
      s.repeats = repeats;
      std::int64_t enumerated = 0;
      const auto candidates = enumerate_candidates(s, enumerated);
      EXPECT_EQ(static_cast<double>(enumerated), count_pathways(s)) << order << repeats;
      EXPECT_EQ(static_cast<std::int64_t>(candidates.size()), enumerated);
    }
}

TEST_F(ExploreSpecTest, FractionalDesignIsAKeyedSubset) {
  ExploreSpec s = parse(k_valid).spec;
  s.max_pathways = 5;
  std::int64_t enumerated = 0;
  const auto a = enumerate_candidates(s, enumerated);
  EXPECT_EQ(enumerated, 14);
  ASSERT_EQ(a.size(), 5U);
  const auto b = enumerate_candidates(s, enumerated);
  for (std::size_t i = 0; i < a.size(); ++i) EXPECT_EQ(a[i].id, b[i].id);      // reproducible
  for (std::size_t i = 1; i < a.size(); ++i) EXPECT_LT(a[i - 1].id, a[i].id);  // enumeration order
  s.base.seed += 1;
  const auto c = enumerate_candidates(s, enumerated);
  bool differs = false;
  for (std::size_t i = 0; i < a.size(); ++i) differs = differs || a[i].id != c[i].id;
  EXPECT_TRUE(differs);  // another seed, another subset
}

struct Case {
  const char* name;
  std::string text;
  const char* expected;  // a substring of the message, after "spec.toml:line:col: "
};

std::vector<Case> cases() {
  const std::string v = k_valid;
  const std::string blocks_only = v.substr(v.find("[[block]]"));
  const std::string explore_only = v.substr(0, v.find("[[block]]"));
  return {
      {"syntax", replaced(v, "name = \"demo\"", "name = \"demo"), "toml syntax error"},
      {"top_key", "blok = 1\n" + v,
       "unknown key 'blok' in the top level of the file (did you mean 'block'?)"},
      {"no_explore", blocks_only, "the file has no [explore] table"},
      {"explore_not_table", "explore = 1\n" + blocks_only,
       "explore is 1, but must be a table written [explore]"},
      {"explore_key", replaced(v, "max_length = 2", "max_lenght = 2"),
       "unknown key 'max_lenght' in [explore] (did you mean 'max_length'?)"},
      {"name_missing", replaced(v, "name = \"demo\"\n", ""), "[explore] is missing the required key 'name'"},
      {"name_type", replaced(v, "name = \"demo\"", "name = 3"),
       "[explore] name is 3, but must be a string in double quotes"},
      {"name_plain", replaced(v, "name = \"demo\"", "name = \"de mo\""),
       "[explore] name is \"de mo\", but must be a name of 1 to 64 letters, digits, '_' or '-'"},
      {"description", replaced(v, "description = \"a test\"", "description = 1"),
       "[explore] description is 1, but must be a string in double quotes"},
      {"scenario_missing", replaced(v, "scenario = \"base.toml\"\n", ""),
       "[explore] is missing the required key 'scenario'"},
      {"scenario_empty", replaced(v, "scenario = \"base.toml\"", "scenario = \"\""),
       "[explore] scenario is \"\", but must be the path of a scenario file"},
      {"scenario_unreadable", replaced(v, "scenario = \"base.toml\"", "scenario = \"nope.toml\""),
       "[explore] scenario: cannot read the scenario file"},
      {"comparator", replaced(v, "comparator = \"bau\"", "comparator = \"nope\""),
       "[explore] comparator is \"nope\", but must be an arm of"},
      {"fixed_from", replaced(v, "fixed_from = \"bau\"", "fixed_from = \"baux\""),
       "[explore] fixed_from is \"baux\", but must be a pathway of"},
      {"fixed_tracks_type", replaced(v, "fixed_tracks = [\"language\"]", "fixed_tracks = \"language\""),
       "[explore] fixed_tracks is \"language\", but must be a list of track names"},
      {"fixed_tracks_string", replaced(v, "fixed_tracks = [\"language\"]", "fixed_tracks = [1]"),
       "[explore] fixed_tracks element is 1, but must be a string in double quotes"},
      {"fixed_tracks_main", replaced(v, "fixed_tracks = [\"language\"]", "fixed_tracks = [\"main\"]"),
       "[explore] fixed_tracks element is \"main\", but must be a track other than \"main\""},
      {"fixed_tracks_unknown", replaced(v, "fixed_tracks = [\"language\"]", "fixed_tracks = [\"languag\"]"),
       "[explore] fixed_tracks element is \"languag\", but must be a track of pathway 'bau' (did you mean "
       "'language'?)"},
      {"fixed_tracks_twice",
       replaced(v, "fixed_tracks = [\"language\"]", "fixed_tracks = [\"language\", \"language\"]"),
       "[explore] fixed_tracks element is \"language\", but must be listed once"},
      {"fixed_full_time",
       replaced(replaced(v, "fixed_from = \"bau\"", "fixed_from = \"side\""), "[\"language\"]", "[\"side\"]"),
       "[explore] fixed track 'side' of pathway 'side' holds full-time intervention 'course'"},
      {"min_length", replaced(v, "min_length = 1", "min_length = 0"),
       "[explore] min_length is 0, but must be an integer between 1 and 12"},
      {"max_length_range", replaced(v, "max_length = 2", "max_length = 13"),
       "[explore] max_length is 13, but must be an integer between 1 and 12"},
      {"max_below_min",
       replaced(replaced(v, "min_length = 1", "min_length = 2"), "max_length = 2", "max_length = 1"),
       "[explore] max_length is 1, but must be at least min_length (2)"},
      {"max_above_blocks", replaced(v, "max_length = 2", "max_length = 3"),
       "[explore] max_length is 3, but must be at most the number of [[block]] tables (2) when repeats = "
       "false"},
      {"min_above_blocks",
       replaced(replaced(v, "min_length = 1", "min_length = 3"), "max_length = 2", "max_length = 3"),
       "[explore] min_length is 3, but must be at most the number of [[block]] tables (2) when repeats = "
       "false"},
      {"order_matters", replaced(v, "order_matters = true", "order_matters = \"yes\""),
       "[explore] order_matters is \"yes\", but must be true or false"},
      {"repeats", replaced(v, "repeats = false", "repeats = 0"),
       "[explore] repeats is 0, but must be true or false"},
      {"decomposition", replaced(v, "decomposition = false", "decomposition = 1"),
       "[explore] decomposition is 1, but must be true or false"},
      {"robustness", replaced(v, "robustness = true", "robustness = \"no\""),
       "[explore] robustness is \"no\", but must be true or false"},
      {"starts_empty", replaced(v, "first_start_months = [2, 6]", "first_start_months = []"),
       "[explore] first_start_months is [], but must be a non-empty list of integers, e.g. [3, 18]"},
      {"starts_range", replaced(v, "first_start_months = [2, 6]", "first_start_months = [-1]"),
       "[explore] first_start_months element is -1, but must be an integer between 0 and 600"},
      {"starts_twice", replaced(v, "first_start_months = [2, 6]", "first_start_months = [2, 2]"),
       "[explore] first_start_months element is 2, but must be listed once"},
      {"metric", replaced(v, "metric = \"months_employed\"", "metric = \"months_employd\""),
       "[explore] metric is \"months_employd\", but must be a metric of summary.csv for this scenario (did "
       "you mean 'months_employed'?)"},
      {"metric_type", replaced(v, "metric = \"months_employed\"", "metric = 1"),
       "[explore] metric is 1, but must be a string in double quotes"},
      {"direction", replaced(v, "direction = \"higher\"", "direction = \"up\""),
       "[explore] direction is \"up\", but must be one of \"higher\", \"lower\""},
      {"subgroups_type", replaced(v, "subgroups = [\"sex\"]", "subgroups = \"sex\""),
       "[explore] subgroups is \"sex\", but must be a list such as [\"sex\", \"match_group\"]"},
      {"subgroups_unknown", replaced(v, "subgroups = [\"sex\"]", "subgroups = [\"sx\"]"),
       "[explore] subgroups element is \"sx\", but must be one of \"sex\""},
      {"subgroups_twice", replaced(v, "subgroups = [\"sex\"]", "subgroups = [\"sex\", \"sex\"]"),
       "[explore] subgroups element is \"sex\", but must be listed once"},
      {"max_pathways", replaced(v, "max_pathways = 100", "max_pathways = 0"),
       "[explore] max_pathways is 0, but must be an integer between 1 and 1000000"},
      {"alpha", replaced(v, "diminishing_alpha = 0.5", "diminishing_alpha = 2"),
       "[explore] diminishing_alpha is 2, but must be a number between 0 and 1"},
      {"no_block", explore_only, "the file has no [[block]] table: nothing to explore"},
      {"block_type", "block = 1\n" + explore_only,
       "block is 1, but must be a list of tables written [[block]]"},
      {"block_element", "block = [1]\n" + explore_only,
       "block 1 is 1, but must be a table written [[block]]"},
      {"block_key", replaced(v, "durations = [9]", "duration = [9]"),
       "unknown key 'duration' in block 2 (did you mean 'durations'?)"},
      {"intervention_missing", replaced(v, "intervention = \"course\"\nlabel = \"long\"", "label = \"long\""),
       "block 2 is missing the required key 'intervention'"},
      {"intervention_unknown",
       replaced(v, "intervention = \"course\"\nlabel = \"long\"",
                "intervention = \"cours\"\nlabel = \"long\""),
       "block 2 intervention is \"cours\", but must be an intervention id of the catalogue (did you mean "
       "'course'?)"},
      {"label_plain", replaced(v, "label = \"long\"", "label = \"lo ng\""),
       "block 2 label is \"lo ng\", but must be a name of 1 to 64 letters, digits, '_' or '-'"},
      {"label_twice", replaced(v, "label = \"long\"", "label = \"short\""),
       "block 2 label is \"short\", but must be unique among the blocks"},
      {"durations_empty", replaced(v, "durations = [9]", "durations = []"),
       "block 'long' durations is [], but must be a non-empty list of integers, e.g. [4, 6]"},
      {"durations_range", replaced(v, "durations = [9]", "durations = [0]"),
       "block 'long' durations element is 0, but must be an integer between 1 and 600"},
      {"durations_twice", replaced(v, "durations = [9]", "durations = [9, 9]"),
       "block 'long' durations element is 9, but must be listed once"},
      {"gap", replaced(v, "gap_months = 1", "gap_months = -1"),
       "block 'short' gap_months is -1, but must be an integer between 0 and 600"},
      {"coverage", replaced(v, "coverage = 0.9", "coverage = 1.5"),
       "block 'short' coverage is 1.5, but must be a number between 0 and 1"},
      {"eligible", replaced(v, "eligible = \"all\"", "eligible = \"mael\""),
       "block 'short' eligible is \"mael\", but must be a subgroup selector"},
      {"danish", replaced(v, "min_danish_level = 0", "min_danish_level = 4"),
       "block 'short' min_danish_level is 4, but must be a number between 0 and 3"},
      {"too_many",
       replaced(replaced(replaced(v, "durations = [3, 6]", "durations = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]"),
                         "repeats = false", "repeats = true"),
                "max_length = 2", "max_length = 12"),
       "the spec enumerates"},
  };
}

TEST_F(ExploreSpecTest, EveryValidationFires) {
  const std::regex position(R"(^spec\.toml:[0-9]+:[0-9]+: )");
  for (const Case& c : cases()) {
    const std::string message = error_of(c.text);
    EXPECT_NE(message.find(c.expected), std::string::npos) << c.name << ": " << message;
    EXPECT_TRUE(std::regex_search(message, position)) << c.name << ": " << message;
  }
}

TEST_F(ExploreSpecTest, PositionsPointAtTheValue) {
  const std::string message = error_of(replaced(k_valid, "direction = \"higher\"", "direction = \"up\""));
  EXPECT_EQ(message.rfind("spec.toml:14:13: ", 0), 0U) << message;
}

TEST(ShippedExploreSpecs, EveryExampleSpecLoadsAndEnumerates) {
  const Catalogue catalogue = read_catalogue_dir(testing::source_path("scenarios/evidence"));
  int specs = 0;
  for (const auto& entry : std::filesystem::directory_iterator(testing::source_path("scenarios/explore"))) {
    if (entry.path().extension() != ".toml") continue;
    ++specs;
    const LoadedExploreSpec loaded = read_explore_spec(entry.path().string(), catalogue);
    std::int64_t enumerated = 0;
    const auto candidates = enumerate_candidates(loaded.spec, enumerated);
    EXPECT_FALSE(candidates.empty()) << entry.path();
    EXPECT_EQ(static_cast<double>(enumerated), count_pathways(loaded.spec)) << entry.path();
    if (entry.path().filename() == "speed.toml") {
      EXPECT_EQ(enumerated, 1862);  // docs/explorer.md, Speed
    }
  }
  EXPECT_GE(specs, 2);
}

}  // namespace
}  // namespace integrasim
