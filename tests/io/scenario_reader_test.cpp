// The scenario reader: a valid file that uses every key round-trips into the expected
// Scenario, and every validation in sim/io/scenario_reader.cpp fires with its position
// (docs/developing.md principle 7: break one field of a valid fixture per check).
#include "io/scenario_reader.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/diagnostics.h"
#include "core/limits.h"
#include "io/catalogue_reader.h"
#include "test_support.h"

namespace integrasim {
namespace {

using testing::test_value;

constexpr const char* k_file = "valid_full.toml";

// tiny_catalogue() plus the interventions the fixture uses. Default durations are
// fractional on purpose: steps without duration_months round them.
Catalogue reader_catalogue() {
  Catalogue c = testing::tiny_catalogue();
  const auto add = [&](const std::string& id, Intensity intensity, double duration) {
    InterventionType t;
    t.id = id;
    t.label = id;
    t.intensity = intensity;
    t.default_duration = test_value(id + ".default_duration_months", duration);
    t.anticipation_months = test_value(id + ".anticipation_months", 0.0);
    t.full_dose_months = test_value(id + ".full_dose_months", duration);
    t.post_half_life = test_value(id + ".post_half_life_months", 0.0);
    t.cost_per_month = test_value(id + ".cost_per_month_dkk", 1000.0);
    t.danish_gain_per_month = test_value(id + ".danish_gain_per_month", 0.0);
    c.interventions.push_back(t);
  };
  add("internship_private", Intensity::full_time, 4.4);
  add("wage_subsidy_private", Intensity::full_time, 5.6);
  add("danish_education", Intensity::part_time, 18.0);
  EffectRow post;
  post.intervention = "internship_private";
  post.hazard_ratio = test_value("effect.internship_private.post", 1.5);
  c.effects.push_back(post);
  return c;
}

std::string fixture_text() {
  return read_text_file(testing::source_path("tests/fixtures/scenarios/valid_full.toml"));
}

Scenario parse(const std::string& text) {
  return parse_scenario(text, k_file, reader_catalogue());
}

// The InputError message of parsing `text`, or "" if it parses.
std::string error_of(const std::string& text) {
  try {
    parse(text);
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}

// Replaces the only occurrence of `from` (a missing or repeated `from` is a broken row).
std::string replace_once(std::string text, const std::string& from, const std::string& to) {
  const std::size_t at = text.find(from);
  EXPECT_NE(at, std::string::npos) << "fixture does not contain: " << from;
  EXPECT_EQ(text.find(from, at + 1), std::string::npos) << "fixture contains twice: " << from;
  if (at == std::string::npos) return text;
  return text.replace(at, from.size(), to);
}

// Replaces the text from `from` up to (not including) `until` with `to`.
std::string cut(std::string text, const std::string& from, const std::string& until, const std::string& to) {
  const std::size_t begin = text.find(from);
  const std::size_t end = text.find(until, begin);
  EXPECT_NE(begin, std::string::npos) << from;
  EXPECT_NE(end, std::string::npos) << until;
  if (begin == std::string::npos || end == std::string::npos) return text;
  return text.replace(begin, end - begin, to);
}

TEST(ScenarioReader, ValidFullFixtureRoundTrips) {
  const Scenario s = parse(fixture_text());
  EXPECT_EQ(s.name, "valid_full");
  EXPECT_EQ(s.description, "Every key, with values that differ from the defaults");
  EXPECT_EQ(s.where.file, k_file);
  EXPECT_EQ(s.where.line, 0);
  EXPECT_EQ(s.horizon_months, 48);
  EXPECT_EQ(s.persons, 5000);
  EXPECT_EQ(s.seed, 20261127U);
  EXPECT_EQ(s.duration_clock, DurationClock::since_spell_start);
  EXPECT_EQ(s.combination_rule, CombinationRule::diminishing);
  EXPECT_DOUBLE_EQ(s.combination_alpha, 0.5);

  const auto& shares = s.population.shares;
  EXPECT_EQ(shares[0].share, (std::vector<double>{0.55, 0.45}));
  EXPECT_EQ(shares[1].share, (std::vector<double>{0.7, 0.2, 0.1}));
  EXPECT_EQ(shares[2].share, (std::vector<double>{0.4, 0.6}));
  EXPECT_EQ(shares[3].share, (std::vector<double>{0.3, 0.3, 0.25, 0.15}));
  EXPECT_EQ(shares[4].share, (std::vector<double>{0.5, 0.3, 0.2}));
  EXPECT_EQ(shares[5].share, (std::vector<double>{0.6, 0.4}));
  EXPECT_EQ(shares[6].share, (std::vector<double>{0.8, 0.2}));
  EXPECT_EQ(s.population.danish_level_values, (std::vector<double>{0.0, 1.5}));
  EXPECT_EQ(s.population.danish_level_shares, (std::vector<double>{0.75, 0.25}));

  EXPECT_DOUBLE_EQ(s.frailty.variance, 0.5);
  EXPECT_EQ(s.frailty.applies_to, (std::array<bool, k_destination_count>{true, true, false}));

  ASSERT_EQ(s.pathways.size(), 2U);
  const Pathway& company = s.pathways[0];
  EXPECT_EQ(company.name, "company_first");
  EXPECT_EQ(company.where.line, 28);
  ASSERT_EQ(company.steps.size(), 3U);
  const PathwayStep& internship = company.steps[0];
  EXPECT_EQ(internship.intervention, "internship_private");
  EXPECT_EQ(internship.track, "main");
  EXPECT_FALSE(internship.relative_to_previous);
  EXPECT_EQ(internship.start_month, 3);
  EXPECT_EQ(internship.duration_months, 6);
  EXPECT_DOUBLE_EQ(internship.coverage, 0.9);
  std::string error;
  EXPECT_EQ(internship.eligible, *parse_selector("job_ready", error));
  EXPECT_DOUBLE_EQ(internship.min_danish_level, 0.5);
  EXPECT_DOUBLE_EQ(internship.dose, 1.5);
  EXPECT_EQ(internship.where.file, k_file);
  EXPECT_EQ(internship.where.line, 31);
  const PathwayStep& language = company.steps[1];
  EXPECT_EQ(language.track, "language");
  EXPECT_EQ(language.duration_months, 18);  // catalogue default
  EXPECT_TRUE(language.eligible.is_all());
  EXPECT_DOUBLE_EQ(language.coverage, 1.0);
  EXPECT_DOUBLE_EQ(language.dose, 1.0);
  const PathwayStep& subsidy = company.steps[2];
  EXPECT_EQ(subsidy.track, "main");
  EXPECT_TRUE(subsidy.relative_to_previous);
  EXPECT_EQ(subsidy.start_month, 2);
  EXPECT_EQ(subsidy.duration_months, 6);  // 5.6 rounded
  EXPECT_EQ(s.pathways[1].name, "language_first");
  EXPECT_EQ(s.pathways[1].steps.at(0).start_month, 1);
  EXPECT_EQ(s.pathways[1].steps.at(0).duration_months, 12);

  ASSERT_EQ(s.arms.size(), 3U);
  EXPECT_EQ(s.arms[0].name, "business_as_usual");
  EXPECT_EQ(s.arms[0].role, ArmRole::comparator);
  ASSERT_EQ(s.arms[0].assignments.size(), 1U);  // no `pathway`: everyone gets no programme
  EXPECT_TRUE(s.arms[0].assignments[0].who.is_all());
  EXPECT_EQ(s.arms[0].assignments[0].pathway, "");
  EXPECT_EQ(s.arms[0].reentry_pathway, "");
  EXPECT_EQ(s.arms[0].where.line, 58);
  const Arm& policy = s.arms[1];
  EXPECT_EQ(policy.role, ArmRole::policy);
  EXPECT_EQ(policy.reentry_pathway, "language_first");
  ASSERT_EQ(policy.assignments.size(), 3U);
  EXPECT_EQ(policy.assignments[0].who, *parse_selector("activity_ready", error));
  EXPECT_EQ(policy.assignments[0].pathway, "language_first");
  EXPECT_EQ(policy.assignments[1].who, *parse_selector("female & health_problems", error));
  EXPECT_EQ(policy.assignments[1].pathway, "");
  EXPECT_TRUE(policy.assignments[2].who.is_all());
  EXPECT_EQ(policy.assignments[2].pathway, "company_first");
  EXPECT_EQ(s.arms[2].role, ArmRole::other);

  EXPECT_EQ(s.output.subgroup_dimensions, (std::vector<Dimension>{Dimension::sex, Dimension::health}));
  EXPECT_EQ(s.output.employment_rate_months, (std::vector<int>{6, 12, 48}));
  EXPECT_FALSE(s.output.decomposition);
  EXPECT_DOUBLE_EQ(s.arms[2].rules.benefit_cut, 0.3);
  EXPECT_DOUBLE_EQ(s.arms[0].rules.benefit_cut, 0.0);
  EXPECT_DOUBLE_EQ(s.municipality.company_collaboration, 1.2);
  EXPECT_DOUBLE_EQ(s.municipality.specialised_caseworkers, 0.8);
  EXPECT_DOUBLE_EQ(s.municipality.caseload, 1.5);
  EXPECT_EQ(s.labour_market.employment_rate, (std::vector<double>{0.70, 0.71, 0.72}));
  EXPECT_DOUBLE_EQ(s.labour_market.reference_rate, 0.71);
  EXPECT_DOUBLE_EQ(s.labour_market.skilled_job_share, 0.40);
  EXPECT_DOUBLE_EQ(s.labour_market.reference_skilled_job_share, 0.35);

  ASSERT_EQ(s.overrides.size(), 2U);  // a TOML table is ordered by key
  EXPECT_EQ(s.overrides[0].id, "baseline.employed");
  EXPECT_DOUBLE_EQ(s.overrides[0].value, 0.025);
  EXPECT_EQ(s.overrides[0].where.line, 88);
  EXPECT_EQ(s.overrides[1].id, "effect.internship_private.post");
  EXPECT_DOUBLE_EQ(s.overrides[1].value, 1.9);
}

constexpr const char* k_minimal = R"(
[scenario]
name = "minimal"
horizon_months = 30

[[arm]]
name = "bau"
role = "comparator"

[[arm]]
name = "nothing_either"
role = "policy"
)";

TEST(ScenarioReader, ArmsMayHaveASanctionRegime) {
  std::string text = fixture_text();
  const std::size_t at = text.find("benefit_cut = 0.3");
  ASSERT_NE(at, std::string::npos);
  text.insert(at, "sanctions = true\n");
  const Scenario s = parse(text);
  EXPECT_TRUE(s.arms[2].rules.sanctions);
  EXPECT_FALSE(s.arms[0].rules.sanctions);
}

// A pathway of `steps` one-month Danish courses, one after the other.
std::string with_long_pathway(int steps) {
  std::string text = std::string(k_minimal) + "\n[[pathway]]\nname = \"long\"\n";
  for (int i = 0; i < steps; ++i) {
    text += "[[pathway.step]]\nintervention = \"danish_education\"\nduration_months = 1\n";
    text += i == 0 ? "start_month = 0\n" : "after_previous_months = 0\n";
  }
  return text;
}

// Step keys index the per-step random draws below k_spell_index_stride (core/limits.h).
TEST(ScenarioReader, PathwayStepsAreLimited) {
  EXPECT_EQ(parse(with_long_pathway(k_max_pathway_steps)).pathways.at(0).steps.size(),
            static_cast<std::size_t>(k_max_pathway_steps));
  const std::string error = error_of(with_long_pathway(k_max_pathway_steps + 1));
  EXPECT_NE(error.find("pathway 'long' has 257 steps, but at most 256 are allowed"), std::string::npos)
      << error;
  // The position is that of the first step too many: each step takes four lines.
  const int line = 16 + 4 * k_max_pathway_steps;
  EXPECT_NE(error.find(std::string(k_file) + ":" + std::to_string(line) + ":"), std::string::npos) << error;
}

TEST(ScenarioReader, MinimalFileGetsDefaults) {
  const Scenario s = parse(k_minimal);
  EXPECT_EQ(s.persons, 20000);
  EXPECT_EQ(s.duration_clock, DurationClock::since_entry);
  EXPECT_EQ(s.combination_rule, CombinationRule::multiplicative);
  EXPECT_EQ(s.population.shares[0].share, (std::vector<double>{0.6, 0.4}));
  EXPECT_EQ(s.population.shares[1].share, (std::vector<double>{0.78, 0.22, 0.0}));
  EXPECT_EQ(s.population.shares[2].share, (std::vector<double>{0.07, 0.93}));
  EXPECT_EQ(s.population.shares[3].share, (std::vector<double>{0.40, 0.33, 0.17, 0.10}));
  EXPECT_EQ(s.population.shares[4].share, (std::vector<double>{0.55, 0.25, 0.20}));
  EXPECT_EQ(s.population.shares[5].share, (std::vector<double>{0.7, 0.3}));
  EXPECT_EQ(s.population.shares[6].share, (std::vector<double>{0.65, 0.35}));
  for (int d = 0; d < k_dimension_count; ++d)
    EXPECT_EQ(s.population.shares[static_cast<std::size_t>(d)].share.size(),
              static_cast<std::size_t>(k_dimension_levels[static_cast<std::size_t>(d)]));
  EXPECT_EQ(s.population.danish_level_values, (std::vector<double>{0.0}));
  EXPECT_EQ(s.population.danish_level_shares, (std::vector<double>{1.0}));
  EXPECT_DOUBLE_EQ(s.frailty.variance, 0.0);
  EXPECT_EQ(s.frailty.applies_to, (std::array<bool, k_destination_count>{true, false, false}));
  EXPECT_EQ(s.output.subgroup_dimensions,
            (std::vector<Dimension>{Dimension::sex, Dimension::group, Dimension::match_group}));
  EXPECT_EQ(s.output.employment_rate_months, (std::vector<int>{12, 24, 30}));
  EXPECT_TRUE(s.output.decomposition);
  EXPECT_TRUE(s.overrides.empty());
  ASSERT_EQ(s.arms[1].assignments.size(), 1U);
  EXPECT_EQ(s.arms[1].assignments[0].pathway, "");
}

TEST(ScenarioReader, IntegersAreAcceptedAsNumbers) {
  const std::string text = replace_once(replace_once(fixture_text(), "coverage = 0.9", "coverage = 1"),
                                        "\"baseline.employed\" = 0.025", "\"baseline.employed\" = 2");
  const Scenario s = parse(text);
  EXPECT_DOUBLE_EQ(s.pathways[0].steps[0].coverage, 1.0);
  EXPECT_DOUBLE_EQ(s.overrides[0].value, 2.0);
}

TEST(ScenarioReader, DefaultRateMonthsStopAtAMultipleOfTwelve) {
  const Scenario s = parse(replace_once(k_minimal, "horizon_months = 30", "horizon_months = 36"));
  EXPECT_EQ(s.output.employment_rate_months, (std::vector<int>{12, 24, 36}));
}

TEST(ScenarioReader, AcceptsByteOrderMarkAndWindowsLineEnds) {
  std::string text = "\xEF\xBB\xBF";
  for (char c : std::string(k_minimal)) text += c == '\n' ? std::string("\r\n") : std::string(1, c);
  EXPECT_EQ(parse(text).name, "minimal");
}

TEST(ScenarioReader, MissingFileIsAnInputError) {
  try {
    read_scenario_file("/nonexistent/x.toml", reader_catalogue());
    FAIL() << "expected InputError";
  } catch (const InputError& e) {
    EXPECT_STREQ(e.what(), "/nonexistent/x.toml: cannot read file (No such file or directory)");
  }
}

TEST(ScenarioReader, DirectoryIsAnInputError) {
  const std::string dir = testing::make_temp_dir("scenario-dir");
  try {
    read_scenario_file(dir, reader_catalogue());
    FAIL() << "expected InputError";
  } catch (const InputError& e) {
    EXPECT_EQ(std::string(e.what()), dir + ": cannot read file (Is a directory)");
  }
}

TEST(ScenarioReader, ReadsAFileFromDisk) {
  const auto s = read_scenario_file(testing::source_path("tests/fixtures/scenarios/valid_full.toml"),
                                    reader_catalogue());
  EXPECT_EQ(s.name, "valid_full");
  EXPECT_NE(s.pathways[0].where.file.find("valid_full.toml"), std::string::npos);
}

// The shipped default scenario must stay valid against the shipped catalogue.
TEST(ScenarioReader, DefaultScenarioReadsWithTheEvidenceCatalogue) {
  const Catalogue catalogue = read_catalogue_dir(testing::source_path("scenarios/evidence"));
  const Scenario s = read_scenario_file(testing::source_path("scenarios/default.toml"), catalogue);
  EXPECT_EQ(s.name, "default");
  EXPECT_GE(s.arms.size(), 2U);
}

// One row per check in scenario_reader.cpp. `from` -> `to` breaks one field of the
// valid fixture (or, with `until`, replaces the text from `from` up to `until`).
struct BrokenField {
  const char* check;  // what the row proves
  const char* from;
  const char* to;
  const char* where;     // expected "line:col"
  const char* fragment;  // expected part of the message
  const char* until = nullptr;
};

const std::vector<BrokenField> k_broken_fields = {
    // --- syntax (toml++) ---
    {"toml syntax error", "persons = 5000", "persons = = 5000", "7:11", "toml syntax error: "},
    // --- unknown keys, one row per table kind ---
    {"unknown top-level key", "[frailty]", "[frailtty]", "24:2",
     "unknown key 'frailtty' in the top level of the file (did you mean 'frailty'?)"},
    {"unknown key in [scenario]", "horizon_months = 48", "horizon = 48", "6:1",
     "unknown key 'horizon' in [scenario] (did you mean 'horizon_months'?)"},
    {"unknown key in [population]", "sex = {", "gender = {", "14:1", "unknown key 'gender' in [population]"},
    {"unknown level in a population dimension", "male = 0.55", "mle = 0.55", "14:9",
     "unknown key 'mle' in [population] sex (did you mean 'male'?)"},
    {"unknown key in [frailty]", "variance = 0.5", "varience = 0.5", "25:1",
     "unknown key 'varience' in [frailty] (did you mean 'variance'?)"},
    {"unknown key in a pathway", "name = \"language_first\"", "name = \"language_first\"\nsteps = 1", "52:1",
     "unknown key 'steps' in pathway 2 (did you mean 'step'?)"},
    {"unknown key in a step", "track = \"language\"", "trak = \"language\"", "43:1",
     "unknown key 'trak' in pathway 'company_first' step 2 (did you mean 'track'?)"},
    {"unknown key in an arm", "reentry_pathway =", "reentry =", "66:1", "unknown key 'reentry' in arm 2"},
    {"unknown key in an assign rule", "who = \"activity_ready\"", "whom = \"activity_ready\"", "69:1",
     "unknown key 'whom' in arm 'company_first' assign 1 (did you mean 'who'?)"},
    {"unknown key in [output]", "decomposition = false", "decompose = false", "84:1",
     "unknown key 'decompose' in [output]"},
    // --- generic type checks ---
    {"table expected", "[scenario]", "scenario = 1\n", "3:12",
     "scenario is 1, but must be a table written [scenario]", "[[pathway]]"},
    {"integer expected", "persons = 5000", "persons = \"5000\"", "7:11",
     "[scenario] persons is \"5000\", but must be an integer between 1 and 100000000"},
    {"integer, not float", "horizon_months = 48", "horizon_months = 48.0", "6:18",
     "horizon_months is 48.0, but must be an integer between 1 and 600"},
    {"number expected", "variance = 0.5", "variance = \"0.5\"", "25:12",
     "[frailty] variance is \"0.5\", but must be a number between 0 and 10"},
    {"string expected", "description = \"Every key, with values that differ from the defaults\"",
     "description = 3", "5:15", "[scenario] description is 3, but must be a string in double quotes"},
    {"boolean expected", "decomposition = false", "decomposition = \"no\"", "84:17",
     "[output] decomposition is \"no\", but must be true or false"},
    {"array expected", "applies_to = [\"employed\", \"education\"]", "applies_to = \"employed\"", "26:14",
     "[frailty] applies_to is \"employed\", but must be a list such as [\"employed\"]"},
    {"array of tables expected",
     "[[pathway.step]]\nintervention = \"danish_education\"\nstart_month = 1\nduration_months = 12\n",
     "step = 3\n", "53:8",
     "pathway 'language_first': step is 3, but must be a list of tables written [[pathway.step]]"},
    {"array element must be a table", "role = \"other\"", "role = \"other\"\nassign = [1]", "79:11",
     "arm 'languages': assign element is 1, but must be a list of tables written [[arm.assign]]"},
    {"NaN rejected", "coverage = 0.9", "coverage = nan", "36:12",
     "coverage is nan, but must be a number between 0 and 1"},
    {"infinity rejected", "min_danish_level = 0.5", "min_danish_level = inf", "38:20",
     "min_danish_level is inf, but must be a number between 0 and 3"},
    // --- [scenario] ---
    {"scenario table missing", "[scenario]", "", "1:1", "the file has no [scenario] table", "[population]"},
    {"name missing", "name = \"valid_full\"\n", "", "3:1", "[scenario] is missing the required key 'name'"},
    {"name characters", "name = \"valid_full\"", "name = \"valid full\"", "4:8",
     "[scenario] name is \"valid full\", but must be a name of 1 to 64 letters, digits, '_' or '-'"},
    {"horizon range", "horizon_months = 48", "horizon_months = 601", "6:18",
     "[scenario] horizon_months is 601, but must be an integer between 1 and 600"},
    {"persons range", "persons = 5000", "persons = 0", "7:11",
     "persons is 0, but must be an integer between 1 and 100000000"},
    {"seed range", "seed = 20261127", "seed = -1", "8:8",
     "seed is -1, but must be an integer between 0 and 9223372036854775807"},
    {"duration clock choice", "\"since_spell_start\"", "\"since_spel_start\"", "9:18",
     "duration_clock is \"since_spel_start\", but must be one of \"since_entry\", \"since_spell_start\" (did "
     "you mean 'since_spell_start'?)"},
    {"combination rule choice", "\"diminishing\"", "\"product\"", "10:20",
     "combination_rule is \"product\", but must be one of \"multiplicative\", \"strongest\", "
     "\"diminishing\""},
    {"alpha range", "combination_alpha = 0.5", "combination_alpha = 1.5", "11:21",
     "combination_alpha is 1.5, but must be a number between 0 and 1"},
    {"alpha required for diminishing", "combination_alpha = 0.5\n", "", "3:1",
     "[scenario] combination_rule \"diminishing\" needs combination_alpha"},
    {"alpha only with diminishing", "\"diminishing\"", "\"strongest\"", "11:21",
     "combination_alpha is 0.5, but must be left out unless combination_rule is \"diminishing\""},
    // --- [population] ---
    {"dimension must be a table", "sex = { male = 0.55, female = 0.45 }", "sex = 0.55", "14:7",
     "[population] sex is 0.55, but must be a table of level = share, e.g. { male = 0.6, female = 0.4 }"},
    {"share range", "male = 0.55, female = 0.45", "male = 1.55, female = -0.55", "14:16",
     "[population] sex.male is 1.55, but must be a number between 0 and 1"},
    {"shares sum to 1", "tertiary = 0.2", "tertiary = 0.3", "18:13",
     "[population] education: the sum of the shares is 1.1"},
    {"danish values and shares together", "danish_level_shares = [0.75, 0.25]\n", "", "13:1",
     "needs danish_level_values and danish_level_shares together"},
    {"danish list type", "danish_level_values = [0.0, 1.5]", "danish_level_values = 1.5", "21:23",
     "danish_level_values is 1.5, but must be a list of numbers"},
    {"danish list not empty", "danish_level_values = [0.0, 1.5]", "danish_level_values = []", "21:23",
     "danish_level_values is [], but must be a list with at least one number"},
    {"danish level range", "[0.0, 1.5]", "[0.0, 3.5]", "21:29",
     "[population] danish_level_values element 2 is 3.5, but must be a number between 0 and 3"},
    {"danish share count", "[0.75, 0.25]", "[0.75, 0.125, 0.125]", "22:23",
     "danish_level_shares: the number of shares is 3, but must be the number of danish_level_values (2)"},
    {"danish shares sum", "[0.75, 0.25]", "[0.75, 0.5]", "22:23",
     "danish_level_shares: the sum of the shares is 1.25, but must be 1"},
    // --- [frailty] ---
    {"frailty variance range", "variance = 0.5", "variance = 11", "25:12",
     "[frailty] variance is 11, but must be a number between 0 and 10"},
    {"frailty destination", "[\"employed\", \"education\"]", "[\"employed\", \"educaton\"]", "26:27",
     "applies_to element 2 is \"educaton\", but must be one of \"employed\", \"education\", \"exit\", "
     "\"off_benefit\" (did "
     "you mean 'education'?)"},
    {"frailty duplicate destination", "[\"employed\", \"education\"]", "[\"employed\", \"employed\"]",
     "26:27", "applies_to element 2 is \"employed\", but must be listed only once"},
    // --- [[pathway]] ---
    {"pathway name missing", "name = \"company_first\"\n\n[[pathway.step]]", "\n[[pathway.step]]", "28:1",
     "pathway 1 is missing the required key 'name'"},
    {"pathway name unique", "name = \"language_first\"", "name = \"company_first\"", "51:8",
     "pathway 2: name is \"company_first\", but must be unique among pathways"},
    {"pathway needs steps",
     "[[pathway.step]]\nintervention = \"danish_education\"\nstart_month = 1\nduration_months = 12\n", "",
     "50:1", "pathway 'language_first' has no steps"},
    {"step intervention missing", "intervention = \"wage_subsidy_private\"\n", "", "46:1",
     "pathway 'company_first' step 3 is missing the required key 'intervention'"},
    {"step intervention known", "\"internship_private\"", "\"internship_privat\"", "32:16",
     "pathway 'company_first' step 1: intervention is \"internship_privat\", but must be an intervention id "
     "from the catalogue (did you mean 'internship_private'?)"},
    {"track name", "track = \"language\"", "track = \"Language\"", "43:9",
     "step 2: track is \"Language\", but must be a track name of 1 to 32 lowercase letters, digits or '_'"},
    {"start and after both given", "start_month = 3", "start_month = 3\nafter_previous_months = 1", "35:25",
     "pathway 'company_first' step 1: give either start_month or after_previous_months, not both"},
    {"start or after required", "after_previous_months = 2\n", "", "46:1",
     "pathway 'company_first' step 3 needs start_month"},
    {"start month range", "start_month = 3", "start_month = -1", "34:15",
     "step 1: start_month is -1, but must be an integer between 0 and 600"},
    {"after previous range", "after_previous_months = 2", "after_previous_months = 601", "48:25",
     "step 3: after_previous_months is 601, but must be an integer between 0 and 600"},
    {"duration range", "duration_months = 6", "duration_months = -3", "35:19",
     "pathway 'company_first' step 1: duration_months is -3, but must be an integer between 1 and 600"},
    {"coverage range", "coverage = 0.9", "coverage = 1.1", "36:12",
     "step 1: coverage is 1.1, but must be a number between 0 and 1"},
    {"eligible selector", "eligible = \"job_ready\"", "eligible = \"jobready\"", "37:12",
     "eligible is \"jobready\", but must be a subgroup selector such as \"all\" or \"male & job_ready\": "
     "unknown level 'jobready' (did you mean 'job_ready'?)"},
    {"min Danish level range", "min_danish_level = 0.5", "min_danish_level = 4", "38:20",
     "min_danish_level is 4, but must be a number between 0 and 3"},
    {"dose above 0", "dose = 1.5", "dose = 0", "39:8",
     "dose is 0, but must be a number greater than 0 and at most 10"},
    {"dose at most 10", "dose = 1.5", "dose = 10.5", "39:8",
     "dose is 10.5, but must be a number greater than 0 and at most 10"},
    {"one full-time track", "intervention = \"wage_subsidy_private\"",
     "intervention = \"wage_subsidy_private\"\ntrack = \"second\"", "47:16",
     "pathway 'company_first' step 3: full-time intervention 'wage_subsidy_private' on track 'second' while "
     "track 'main' already holds full-time interventions; put part-time interventions on parallel tracks"},
    // --- [[arm]] ---
    {"arm name missing", "name = \"languages\"\n", "", "76:1", "arm 3 is missing the required key 'name'"},
    {"arm name characters", "name = \"languages\"", "name = \"languages!\"", "77:8",
     "arm 3: name is \"languages!\", but must be a name of 1 to 64"},
    {"arm name reserved", "name = \"languages\"", "name = \"no_intervention\"", "77:8",
     "arm 3: name is \"no_intervention\", but must be a name other than \"no_intervention\""},
    {"arm name unique", "name = \"languages\"", "name = \"company_first\"", "77:8",
     "arm 3: name is \"company_first\", but must be unique among arms"},
    {"arm role missing", "role = \"other\"\n", "", "76:1",
     "arm 'languages' is missing the required key 'role'"},
    {"arm role choice", "role = \"other\"", "role = \"policy_arm\"", "78:8",
     "arm 'languages': role is \"policy_arm\", but must be one of \"comparator\", \"policy\", \"other\""},
    {"arm pathway exists", "pathway = \"language_first\"\nbenefit_cut = 0.3\n[output]",
     "pathway = \"languages_first\"\nbenefit_cut = 0.3\n[output]", "79:11",
     "arm 'languages': pathway is \"languages_first\", but must be the name of a [[pathway]] or \"\" for no "
     "programme (did you mean 'language_first'?)"},
    {"reentry pathway exists", "reentry_pathway = \"language_first\"", "reentry_pathway = \"nope\"", "66:19",
     "arm 'company_first': reentry_pathway is \"nope\", but must be the name of a [[pathway]]"},
    {"assign who missing", "who = \"activity_ready\"\n", "", "68:1",
     "arm 'company_first' assign 1 is missing the required key 'who'"},
    {"assign who selector", "who = \"activity_ready\"", "who = \"activity_ready & male & female\"", "69:7",
     "assign 1: who is \"activity_ready & male & female\", but must be a subgroup selector such as \"all\" "
     "or \"male & job_ready\": two levels of sex in one selector"},
    {"assign pathway missing", "pathway = \"\"\n", "", "72:1",
     "arm 'company_first' assign 2 is missing the required key 'pathway'"},
    {"assign pathway exists", "pathway = \"\"\n", "pathway = \"company_frist\"\n", "74:11",
     "assign 2: pathway is \"company_frist\", but must be the name of a [[pathway]] or \"\" for no programme "
     "(did you mean 'company_first'?)"},
    {"at least two arms", "[[arm]]\nname = \"company_first\"", "", "58:1",
     "the scenario needs at least two [[arm]] tables", "[output]"},
    {"arms missing altogether", "[[arm]]\nname = \"business_as_usual\"", "", "1:1",
     "the scenario needs at least two [[arm]] tables", "[output]"},
    {"one comparator only", "role = \"other\"", "role = \"comparator\"", "78:8",
     "arm 'languages': role is \"comparator\", but must be \"policy\" or \"other\", because arm "
     "'business_as_usual' is already the comparator"},
    {"a comparator is required", "role = \"comparator\"", "role = \"other\"", "58:1",
     "no arm has role = \"comparator\""},
    {"a policy is required", "role = \"policy\"", "role = \"other\"", "58:1", "no arm has role = \"policy\""},
    // --- [output] ---
    {"subgroup dimension", "[\"sex\", \"health\"]", "[\"sex\", \"helth\"]", "82:21",
     "[output] subgroups element 2 is \"helth\", but must be one of \"sex\", \"group\", \"match_group\", "
     "\"age_band\", \"education\", \"health\", \"children\" (did you mean 'health'?)"},
    {"subgroup duplicate", "[\"sex\", \"health\"]", "[\"sex\", \"sex\"]", "82:21",
     "[output] subgroups element 2 is \"sex\", but must be listed only once"},
    {"rate month within horizon", "[6, 12, 48]", "[6, 12, 49]", "83:34",
     "employment_rate_months element 3 is 49, but must be an integer between 1 and 48"},
    {"rate months increasing", "[6, 12, 48]", "[6, 6, 48]", "83:30",
     "employment_rate_months element 2 is 6, but must be greater than the element before it (6)"},
    // --- [overrides] ---
    {"override id known", "\"baseline.employed\" = 0.025", "\"baseline.employd\" = 0.025", "88:1",
     "unknown catalogue id 'baseline.employd' in [overrides] (did you mean 'baseline.employed'?)"},
    {"override id quoted", "\"baseline.employed\" = 0.025", "baseline.employed = 0.025", "88:1",
     "[overrides] 'baseline' is a table; write catalogue ids in quotes"},
    {"override value number", "= 0.025", "= \"0.025\"", "88:23",
     "[overrides] \"baseline.employed\" is \"0.025\", but must be a finite number >= 0"},
    {"override value not negative", "= 0.025", "= -0.025", "88:23",
     "[overrides] \"baseline.employed\" is -0.025, but must be a finite number >= 0"},
    {"override value finite", "= 0.025", "= inf", "88:23",
     "[overrides] \"baseline.employed\" is inf, but must be a finite number >= 0"},
    // --- benefit rules, municipality, labour market ---
    {"benefit cut range", "benefit_cut = 0.3", "benefit_cut = 1.3", "80:15",
     "arm 'languages': benefit_cut is 1.3, but must be a number between 0 and 1"},
    {"sanctions is a boolean", "benefit_cut = 0.3", "sanctions = 3", "80:13",
     "arm 'languages': sanctions is 3"},
    {"unknown key in [municipality]", "caseload = 1.5", "case_load = 1.5", "93:1",
     "unknown key 'case_load' in [municipality] (did you mean 'caseload'?)"},
    {"company collaboration range", "company_collaboration = 1.2", "company_collaboration = 12", "91:25",
     "[municipality] company_collaboration is 12, but must be a number between 0 and 10"},
    {"specialised caseworkers range", "specialised_caseworkers = 0.8", "specialised_caseworkers = -1",
     "92:27", "[municipality] specialised_caseworkers is -1, but must be a number between 0 and 10"},
    {"caseload above zero", "caseload = 1.5", "caseload = 0", "93:12",
     "[municipality] caseload is 0, but must be a number above 0 and at most 10"},
    {"unknown key in [labour_market]", "reference_rate = 0.71", "reference = 0.71", "97:1",
     "unknown key 'reference' in [labour_market]"},
    {"employment rate range", "[0.70, 0.71, 0.72]", "[0.70, 71, 0.72]", "96:26",
     "employment_rate element 2 is 71, but must be a number between 0 and 1"},
    {"reference rate range", "reference_rate = 0.71", "reference_rate = 1.71", "97:18",
     "[labour_market] reference_rate is 1.71, but must be a number between 0 and 1"},
    {"skilled job share range", "skilled_job_share = 0.40", "skilled_job_share = 40", "98:21",
     "[labour_market] skilled_job_share is 40, but must be a number between 0 and 1"},
    {"reference skilled job share range", "reference_skilled_job_share = 0.35",
     "reference_skilled_job_share = -1", "99:31",
     "[labour_market] reference_skilled_job_share is -1, but must be a number between 0 and 1"},  // ---
                                                                                                  // [uncertainty]
                                                                                                  // (probabilistic
                                                                                                  // sensitivity
                                                                                                  // analysis)
                                                                                                  // ---
    {"unknown key in [uncertainty]", "caseload = { distribution = \"gamma\"",
     "case_load = { distribution = \"gamma\"", "108:1",
     "unknown key 'case_load' in [uncertainty] (did you mean 'caseload'?)"},
    {"uncertainty fix is a list", "fix = [\"baseline.employed\"]", "fix = \"baseline.employed\"", "102:7",
     "[uncertainty] fix is \"baseline.employed\", but must be a list of catalogue ids"},
    {"uncertainty fix element is a string", "fix = [\"baseline.employed\"]", "fix = [1]", "102:8",
     "[uncertainty] fix element is 1, but must be a string in double quotes"},
    {"uncertainty fix id known", "fix = [\"baseline.employed\"]", "fix = [\"baseline.employd\"]", "102:8",
     "unknown catalogue id 'baseline.employd' in [uncertainty] fix (did you mean 'baseline.employed'?)"},
    {"uncertainty fix id once", "fix = [\"baseline.employed\"]",
     "fix = [\"baseline.employed\", \"baseline.employed\"]", "102:29",
     "[uncertainty] fix names 'baseline.employed' twice"},
    {"uncertainty fix or widen", "fix = [\"baseline.employed\"]",
     "fix = [\"effect.internship_private.post\"]", "102:8",
     "[uncertainty] 'effect.internship_private.post' is both fixed and widened; choose one"},
    {"uncertainty widen is a table", "widen = { \"effect.internship_private.post\" = 2 }", "widen = 2",
     "103:9", "[uncertainty] widen is 2, but must be a table such as { \"id\" = 2 }"},
    {"uncertainty widen id known", "widen = { \"effect.internship_private.post\" = 2 }",
     "widen = { \"effect.internship_private.pst\" = 2 }", "103:11",
     "unknown catalogue id 'effect.internship_private.pst' in [uncertainty] widen"},
    {"uncertainty widen needs an interval", "widen = { \"effect.internship_private.post\" = 2 }",
     "widen = { \"effect.course.post\" = 2 }", "103:11",
     "[uncertainty] widen \"effect.course.post\": the catalogue gives this value no distribution and "
     "interval"},
    {"uncertainty widen factor range", "\"effect.internship_private.post\" = 2 }",
     "\"effect.internship_private.post\" = 0 }", "103:46",
     "[uncertainty] widen \"effect.internship_private.post\" is 0, but must be a number above 0 and at most "
     "100"},
    {"uncertainty vary is a table", "vary = {", "vary = 3\n", "104:8",
     "[uncertainty] vary is 3, but must be a table such as", "combination_alpha = {"},
    {"uncertainty vary id known", "vary = { \"effect.internship_private.post\"",
     "vary = { \"effect.internship.post\"", "104:10",
     "unknown catalogue id 'effect.internship.post' in [uncertainty] vary"},
    {"uncertainty knob is a table", "combination_alpha = { distribution = \"beta\", low = 0.3, high = 0.7 }",
     "combination_alpha = 0.4", "105:21",
     "[uncertainty] combination_alpha is 0.4, but must be a table such as { distribution = \"lognormal\""},
    {"uncertainty knob unknown key", "\"beta\", low = 0.3, high = 0.7", "\"beta\", lo = 0.3, high = 0.7",
     "105:46", "unknown key 'lo' in [uncertainty] combination_alpha (did you mean 'low'?)"},
    {"uncertainty knob distribution missing", "{ distribution = \"beta\", low = 0.3, high = 0.7 }",
     "{ low = 0.3, high = 0.7 }", "105:21",
     "[uncertainty] combination_alpha is missing the required key 'distribution'"},
    {"uncertainty knob low missing", "{ distribution = \"beta\", low = 0.3, high = 0.7 }",
     "{ distribution = \"beta\", high = 0.7 }", "105:21",
     "[uncertainty] combination_alpha is missing the required key 'low'"},
    {"uncertainty knob high missing", "{ distribution = \"beta\", low = 0.3, high = 0.7 }",
     "{ distribution = \"beta\", low = 0.3 }", "105:21",
     "[uncertainty] combination_alpha is missing the required key 'high'"},
    {"uncertainty knob distribution known", "distribution = \"beta\"", "distribution = \"betta\"", "105:38",
     "[uncertainty] combination_alpha: distribution is \"betta\", but must be one of \"lognormal\", "
     "\"beta\", "
     "\"gamma\", \"normal\" (did you mean 'beta'?)"},
    {"uncertainty knob distribution not fixed", "distribution = \"beta\"", "distribution = \"fixed\"",
     "105:38",
     "[uncertainty] combination_alpha: distribution is \"fixed\", but must be one of \"lognormal\", "
     "\"beta\", "
     "\"gamma\", \"normal\""},
    {"uncertainty knob low is a number", "\"beta\", low = 0.3", "\"beta\", low = \"0.3\"", "105:52",
     "[uncertainty] combination_alpha: low is \"0.3\", but must be a finite number"},
    {"uncertainty knob high above low", "low = 0.3, high = 0.7", "low = 0.3, high = 0.3", "105:64",
     "[uncertainty] combination_alpha: high is 0.3, but must be above low (0.3)"},
    {"uncertainty lognormal low above zero", "\"lognormal\", low = 0.8", "\"lognormal\", low = 0", "106:61",
     "[uncertainty] company_collaboration: low is 0, but must be above 0 for a lognormal distribution"},
    {"uncertainty beta within 0 and 1", "low = 0.3, high = 0.7", "low = 0.3, high = 1.7", "105:64",
     "[uncertainty] combination_alpha: high is 1.7, but must be between 0 and 1 for a beta distribution"},
    {"uncertainty gamma low not negative", "\"gamma\", low = 1.0", "\"gamma\", low = -1.0", "108:44",
     "[uncertainty] caseload: low is -1.0, but must be at least 0 for a gamma distribution"},
    {"uncertainty interval contains the value (low)", "\"normal\", low = 0.5", "\"normal\", low = 0.9",
     "107:60",
     "[uncertainty] specialised_caseworkers: low is 0.9, but must be at most the value in force (0.8)"},
    {"uncertainty interval contains the value (high)", "\"normal\", low = 0.5, high = 1.1",
     "\"normal\", low = 0.5, high = 0.7", "107:72",
     "[uncertainty] specialised_caseworkers: high is 0.7, but must be at least the value in force (0.8)"},
    {"uncertainty vary interval contains the overridden value", "low = 1.5, high = 2.5",
     "low = 2.0, high = 2.5", "104:81",
     "[uncertainty] vary \"effect.internship_private.post\": low is 2.0, but must be at most the value in "
     "force (1.9)"},
    {"uncertainty value can be the centre", "specialised_caseworkers = 0.8",
     "specialised_caseworkers = 0\ncaseload = 1.5\n\n[uncertainty]\n"
     "specialised_caseworkers = { distribution = \"gamma\", low = 0, high = 1 }\n",
     "96:44",
     "[uncertainty] specialised_caseworkers: distribution is \"gamma\", but must be a distribution that can "
     "have the "
     "value in force (0) as its centre",
     "caseload = { distribution"},
    {"uncertainty alpha only with the diminishing rule",
     "combination_rule = \"diminishing\"\ncombination_alpha = 0.5\n", "combination_rule = \"strongest\"\n",
     "104:21",
     "[uncertainty] combination_alpha is a table, but must be left out unless combination_rule is "
     "\"diminishing\""},
};

TEST(ScenarioReader, UncertaintyTableIsRead) {
  const Scenario s = parse(fixture_text());
  const UncertaintySpec& u = s.uncertainty;
  EXPECT_EQ(u.fix, std::vector<std::string>{"baseline.employed"});
  ASSERT_EQ(u.widen.size(), 1U);
  EXPECT_EQ(u.widen[0].first, "effect.internship_private.post");
  EXPECT_DOUBLE_EQ(u.widen[0].second, 2.0);
  ASSERT_EQ(u.vary.size(), 1U);
  EXPECT_EQ(u.vary[0].knob.distribution, Distribution::lognormal);
  EXPECT_DOUBLE_EQ(u.vary[0].knob.low, 1.5);
  EXPECT_DOUBLE_EQ(u.vary[0].knob.high, 2.5);
  EXPECT_TRUE(u.combination_alpha.active);
  EXPECT_EQ(u.combination_alpha.distribution, Distribution::beta);
  EXPECT_EQ(u.company_collaboration.distribution, Distribution::lognormal);
  EXPECT_EQ(u.specialised_caseworkers.distribution, Distribution::normal);
  EXPECT_EQ(u.caseload.distribution, Distribution::gamma);
  EXPECT_DOUBLE_EQ(u.caseload.high, 2.0);
  EXPECT_EQ(u.caseload.where.line, 108);
}

TEST(ScenarioReader, EveryCheckFiresWithItsPosition) {
  const std::string valid = fixture_text();
  ASSERT_EQ(error_of(valid), "");
  for (const BrokenField& row : k_broken_fields) {
    const std::string text = row.until != nullptr ? cut(valid, row.from, row.until, row.to)
                                                  : replace_once(valid, row.from, row.to);
    const std::string message = error_of(text);
    const std::string position = std::string(k_file) + ":" + row.where + ": ";
    EXPECT_EQ(message.rfind(position, 0), 0U) << row.check << "\n  message: " << message;
    EXPECT_NE(message.find(row.fragment), std::string::npos)
        << row.check << "\n  message:  " << message << "\n  expected: " << row.fragment;
  }
}

// A NUL byte or a terminal escape sequence in the input reaches the message escaped: the
// message is not cut short and the user's terminal is not driven by it.
TEST(ScenarioReader, ControlCharactersInValuesAreShownEscaped) {
  const std::string valid = fixture_text();
  EXPECT_EQ(
      error_of(replace_once(valid, "name = \"valid_full\"", "name = \"a\\u0000b\\u001b[2J\"")),
      std::string(k_file) +
          ":4:8: [scenario] name is \"a\\x00b\\x1b[2J\", but must be a name of 1 to 64 letters, digits, "
          "'_' or '-'");
  const std::string raw_escape = error_of(replace_once(valid, "[scenario]", "[scenario]\nhorizon\x1b = 1"));
  EXPECT_EQ(raw_escape.find('\x1b'), std::string::npos) << raw_escape;
  EXPECT_NE(raw_escape.find("U+001B"), std::string::npos) << raw_escape;  // the guard names it
}

}  // namespace
}  // namespace integrasim

namespace integrasim {
namespace {

// issue 12 item 14: errors in tables read independently are all reported, in the order
// of the reader, each exactly as it is alone.
TEST(ScenarioReaderAllErrors, ErrorsInIndependentTablesAreAllReported) {
  const std::string valid = fixture_text();
  const std::string population = "danish_level_values = [0.0, 1.5]";  // breaks keep the line count
  const std::string frailty = "variance = 0.5";
  const std::string output = "decomposition = false";
  const std::string overrides = "\"baseline.employed\" = 0.025";
  const std::string bad_population = "danish_level_valuez = [0.0, 1.5]";
  const std::string bad_frailty = "variance = -1";
  const std::string bad_output = "decompose = true";
  const std::string bad_overrides = overrides + "\n\"baseline.employd\" = 0.1\n\"no.such.id\" = 1";
  const std::vector<std::string> alone = {
      error_of(replace_once(valid, population, bad_population)),
      error_of(replace_once(valid, frailty, bad_frailty)),
      error_of(replace_once(valid, output, bad_output)),
  };
  for (const std::string& e : alone) ASSERT_NE(e, "");
  std::string text = replace_once(valid, population, bad_population);
  text = replace_once(text, frailty, bad_frailty);
  text = replace_once(text, output, bad_output);
  text = replace_once(text, overrides, bad_overrides);
  const std::string both_overrides = error_of(replace_once(valid, overrides, bad_overrides));
  ASSERT_NE(both_overrides.find('\n'), std::string::npos) << both_overrides;  // two unknown ids
  EXPECT_EQ(error_of(text), alone[0] + "\n" + alone[1] + "\n" + alone[2] + "\n" + both_overrides);
}

TEST(ScenarioReaderAllErrors, EveryUnknownKeyOfATableIsReported) {
  const std::string message =
      error_of(replace_once(fixture_text(), "[frailty]\n", "[frailty]\nvarianse = 1\nappliesto = []\n"));
  EXPECT_EQ(message, std::string(k_file) +
                         ":25:1: unknown key 'varianse' in [frailty] (did you mean 'variance'?)\n" + k_file +
                         ":26:1: unknown key 'appliesto' in [frailty] (did you mean 'applies_to'?)");
}

// [scenario] sets the horizon the other tables are checked against: an error in it ends
// the reading, so that nothing is reported against a wrong horizon.
TEST(ScenarioReaderAllErrors, AnErrorInTheScenarioTableStopsAtOnce) {
  const std::string valid = fixture_text();
  const std::string scenario_alone =
      error_of(replace_once(valid, "horizon_months = 48", "horizon_months = 0"));
  ASSERT_NE(scenario_alone, "");
  std::string text = replace_once(valid, "horizon_months = 48", "horizon_months = 0");
  text = replace_once(text, "variance = 0.5", "variance = -1");
  EXPECT_EQ(error_of(text), scenario_alone);
}

}  // namespace
}  // namespace integrasim

namespace integrasim {
namespace {

// toml++ refuses a seed beyond 64 bits before the reader sees it; the message still gives
// the seed's range, as --seed does.
TEST(ScenarioReader, ASeedBeyond64BitsStatesTheAllowedRange) {
  EXPECT_EQ(
      error_of(replace_once(fixture_text(), "seed = 20261127", "seed = 99999999999999999999")),
      std::string(k_file) +
          ":8:28: toml syntax error: Error while parsing decimal integer: '99999999999999999999' is not "
          "representable in 64 bits; seed must be an integer between 0 and 9223372036854775807 (2^63 - 1)");
}

}  // namespace
}  // namespace integrasim
