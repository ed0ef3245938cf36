// [sweep] (io/sweep_spec.cpp): the targets and values a valid table resolves to, and
// every check of a bad target or value fires with its file:line:column (docs/sweep.md).
#include "io/sweep_spec.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "core/diagnostics.h"
#include "io/catalogue_reader.h"
#include "io/scenario_reader.h"
#include "test_support.h"

namespace integrasim {
namespace {

constexpr const char* k_file = "sweep.toml";

const Catalogue& catalogue() {
  static const Catalogue c = read_embedded_catalogue();
  return c;
}

std::string base_text() {
  return read_text_file(testing::source_path("tests/fixtures/scenarios/sweep_base.toml"));
}

// Lines of the fixture: the appended [sweep] text starts on the line after them.
int base_lines() {
  const std::string text = base_text();
  return static_cast<int>(std::count(text.begin(), text.end(), '\n'));
}

SweepSpec parse(const std::string& sweep_text) {
  const std::string text = base_text() + sweep_text;
  const Scenario s = parse_scenario(text, k_file, catalogue());
  return parse_sweep(text, k_file, s, catalogue());
}

// The message of parsing the fixture with `sweep_text` appended; "" if it parses.
std::string error_of(const std::string& sweep_text) {
  try {
    parse(sweep_text);
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}

// "sweep.toml:L:C: " for line `line` of the appended text (1 = its first line).
std::string at(int line, int column) {
  return std::string(k_file) + ":" + std::to_string(base_lines() + line) + ":" + std::to_string(column) +
         ": ";
}

TEST(SweepSpec, NoSweepTableIsInactive) {
  EXPECT_FALSE(parse("").active());
}

TEST(SweepSpec, ResolvesEveryKindOfTarget) {
  const SweepSpec a =
      parse("[sweep]\ntarget = \"pathway.usual.step.2.after_previous_months\"\nvalues = [0, 3]\n");
  ASSERT_EQ(a.dimensions.size(), 1U);
  EXPECT_EQ(a.dimensions[0].target.knob, SweepKnob::step_start);
  EXPECT_EQ(a.dimensions[0].target.pathway, 0);
  EXPECT_EQ(a.dimensions[0].target.step, 1);
  EXPECT_EQ(a.dimensions[0].values, (std::vector<double>{0, 3}));

  const SweepSpec b = parse(
      "[sweep]\ntarget = \"pathway.company.step.internship_private.coverage\"\nfrom = 0.1\nto = 0.3\nstep = "
      "0.1\n"
      "[sweep.second]\ntarget = \"arm.company.capacity.internship_private.places\"\nvalues = [5, 50]\n");
  ASSERT_EQ(b.dimensions.size(), 2U);
  EXPECT_EQ(b.dimensions[0].target.knob, SweepKnob::step_coverage);
  EXPECT_EQ(b.dimensions[0].target.pathway, 1);
  EXPECT_EQ(b.dimensions[0].target.step, 0);
  ASSERT_EQ(b.dimensions[0].values.size(), 3U);  // 0.3 is reached up to rounding
  EXPECT_DOUBLE_EQ(b.dimensions[0].values[2], 0.3);
  EXPECT_EQ(b.dimensions[1].target.knob, SweepKnob::capacity_places);
  EXPECT_EQ(b.dimensions[1].target.arm, 1);
  EXPECT_EQ(b.dimensions[1].target.capacity, 0);
  EXPECT_EQ(sweep_points(b).size(), 6U);
  EXPECT_EQ(sweep_points(b)[1], (std::vector<double>{0.1, 50}));  // the first dimension varies slowest

  const SweepSpec c =
      parse("[sweep]\ntarget = \"override.effect.internship_private.post.employed.male\"\nvalues = [1.1]\n");
  EXPECT_EQ(c.dimensions[0].target.knob, SweepKnob::override_value);
  EXPECT_EQ(c.dimensions[0].target.override_id, "effect.internship_private.post.employed.male");
}

TEST(SweepSpec, ScenarioAtPutsEachValueWhereTheFileWouldHaveIt) {
  const std::string text =
      base_text() +
      "[sweep]\ntarget = \"arm.company.capacity.internship_private.places\"\nvalues = [7]\n"
      "[sweep.second]\ntarget = \"override.effect.internship_private.post.employed.male\"\n"
      "values = [1.3]\n";
  const Scenario s = parse_scenario(text, k_file, catalogue());
  const Scenario at_point = scenario_at(s, parse_sweep(text, k_file, s, catalogue()), {7, 1.3});
  EXPECT_EQ(at_point.arms[1].capacity[0].places, 7);
  ASSERT_EQ(at_point.overrides.size(), 1U);
  EXPECT_EQ(at_point.overrides[0].id, "effect.internship_private.post.employed.male");
  EXPECT_EQ(at_point.overrides[0].value, 1.3);
}

TEST(SweepSpec, EveryBadTableKeyOrTargetIsRefusedAtItsPosition) {
  {
    const std::string text = "sweep = 3\n" + base_text();
    try {
      parse_sweep(text, k_file, parse_scenario(text, k_file, catalogue()), catalogue());
      ADD_FAILURE() << "sweep = 3 was accepted";
    } catch (const InputError& e) {
      EXPECT_EQ(std::string(e.what()), "sweep.toml:1:9: sweep is 3, but must be a table written [sweep]");
    }
  }
  EXPECT_NE(error_of("[sweep]\ntarget = \"override.x\"\nvaluse = [1]\n")
                .find(at(3, 1) + "unknown key 'valuse' in [sweep]"),
            std::string::npos);
  EXPECT_EQ(error_of("[sweep]\nvalues = [1]\n"), at(1, 1) + "[sweep] is missing the required key 'target'");
  EXPECT_EQ(error_of("[sweep]\ntarget = 3\nvalues = [1]\n"),
            at(2, 10) + "[sweep] target is 3, but must be a string in double quotes");
  EXPECT_NE(error_of("[sweep]\ntarget = \"coverage\"\nvalues = [1]\n")
                .find(at(2, 10) +
                      "[sweep] target is \"coverage\", but must be a target written override.<catalogue id>"),
            std::string::npos);
  EXPECT_EQ(
      error_of("[sweep]\ntarget = \"override.effect.internship_private.post.employed.al\"\nvalues = [1]\n"),
      at(2, 10) +
          "[sweep] target is \"override.effect.internship_private.post.employed.al\", but must be a "
          "target whose catalogue id is known (did you mean "
          "'effect.internship_private.post.employed.male'?)");
  EXPECT_EQ(error_of("[sweep]\ntarget = \"pathway.compan.step.1.coverage\"\nvalues = [1]\n"),
            at(2, 10) +
                "[sweep] target is \"pathway.compan.step.1.coverage\", but must be a target naming a pathway "
                "of the scenario (did you mean 'company'?)");
  EXPECT_EQ(
      error_of("[sweep]\ntarget = \"pathway.usual.step.3.coverage\"\nvalues = [1]\n"),
      at(2, 10) +
          "[sweep] target is \"pathway.usual.step.3.coverage\", but must be a step number between 1 and "
          "2 (pathway 'usual' has 2 steps)");
  EXPECT_EQ(
      error_of("[sweep]\ntarget = \"pathway.company.step.internship_privat.coverage\"\nvalues = [1]\n"),
      at(2, 10) +
          "[sweep] target is \"pathway.company.step.internship_privat.coverage\", but must be a step of "
          "pathway 'company' (a number between 1 and 1 or one of its interventions) (did you mean "
          "'internship_private'?)");
  EXPECT_EQ(error_of("[sweep]\ntarget = \"pathway.usual.step.guidance.coverage\"\nvalues = [1]\n"),
            at(2, 10) +
                "[sweep] target is \"pathway.usual.step.guidance.coverage\", but must be a step named by its "
                "number, because pathway 'usual' has 'guidance' more than once");
  EXPECT_EQ(
      error_of("[sweep]\ntarget = \"pathway.usual.step.2.start_month\"\nvalues = [1]\n"),
      at(2, 10) +
          "[sweep] target is \"pathway.usual.step.2.start_month\", but must be a target ending in "
          ".after_previous_months, because pathway 'usual' step 2 is written with after_previous_months");
  EXPECT_EQ(
      error_of("[sweep]\ntarget = \"pathway.usual.step.1.after_previous_months\"\nvalues = [1]\n"),
      at(2, 10) +
          "[sweep] target is \"pathway.usual.step.1.after_previous_months\", but must be a target ending "
          "in .start_month, because pathway 'usual' step 1 is written with start_month");
  EXPECT_EQ(error_of("[sweep]\ntarget = \"pathway.usual.step.1.coverag\"\nvalues = [1]\n"),
            at(2, 10) +
                "[sweep] target is \"pathway.usual.step.1.coverag\", but must be a step target ending in "
                ".coverage, .start_month or .after_previous_months (did you mean 'coverage'?)");
  EXPECT_EQ(error_of("[sweep]\ntarget = \"arm.compani.capacity.internship_private.places\"\nvalues = [1]\n"),
            at(2, 10) +
                "[sweep] target is \"arm.compani.capacity.internship_private.places\", but must be a target "
                "naming an arm of the scenario (did you mean 'company'?)");
  EXPECT_EQ(error_of("[sweep]\ntarget = \"arm.usual.capacity.guidance.places\"\nvalues = [1]\n"),
            at(2, 10) +
                "[sweep] target is \"arm.usual.capacity.guidance.places\", but must be a programme with "
                "[[arm.capacity]] in arm 'usual' (it has none: give the arm [[arm.capacity]] first)");
  EXPECT_EQ(error_of("[sweep]\ntarget = \"arm.company.capacity.guidance.places\"\nvalues = [1]\n"),
            at(2, 10) +
                "[sweep] target is \"arm.company.capacity.guidance.places\", but must be a programme with "
                "[[arm.capacity]] in arm 'company' (one of \"internship_private\")");
  EXPECT_EQ(error_of("[sweep]\ntarget = \"arm.company.capacity.internship_private.place\"\nvalues = [1]\n"),
            at(2, 10) +
                "[sweep] target is \"arm.company.capacity.internship_private.place\", but must be a capacity "
                "target ending in .places (did you mean 'places'?)");
}

TEST(SweepSpec, EveryBadValueListOrRangeIsRefusedAtItsPosition) {
  const std::string cov = "[sweep]\ntarget = \"pathway.company.step.1.coverage\"\n";
  const std::string start = "[sweep]\ntarget = \"pathway.company.step.1.start_month\"\n";
  EXPECT_EQ(error_of(cov + "values = [0.5]\nfrom = 0\n"),
            at(3, 10) + "[sweep]: give either values or from, to and step, not both");
  EXPECT_EQ(error_of(cov + "values = []\n"),
            at(3, 10) + "[sweep] values is [], but must be a list of at least one number");
  std::string many = "values = [0";
  for (int i = 0; i < k_max_sweep_values; ++i) many += ", 0";
  EXPECT_EQ(error_of(cov + many + "]\n"),
            at(3, 10) + "[sweep] values is an array, but must be a list of at most 200 numbers");
  EXPECT_EQ(error_of(cov + "values = [0.5, 1.5]\n"),
            at(3, 16) + "[sweep] values element 2 is 1.5, but must be a number between 0 and 1");
  EXPECT_EQ(error_of(cov + "values = [\"a\"]\n"),
            at(3, 11) + "[sweep] values element 1 is \"a\", but must be a number between 0 and 1");
  EXPECT_EQ(error_of(start + "values = [2.5]\n"),
            at(3, 11) + "[sweep] values element 1 is 2.5, but must be an integer between 0 and 600");
  EXPECT_EQ(error_of("[sweep]\ntarget = \"arm.company.capacity.internship_private.places\"\nvalues = [-1]\n"),
            at(3, 11) + "[sweep] values element 1 is -1, but must be a number between 0 and 1e+07");
  EXPECT_EQ(
      error_of(
          "[sweep]\ntarget = \"override.effect.internship_private.post.employed.male\"\nvalues = [-1]\n"),
      at(3, 11) + "[sweep] values element 1 is -1, but must be a finite number >= 0");
  EXPECT_EQ(error_of(cov), at(1, 1) + "[sweep] needs values = [...] or from, to and step");
  EXPECT_EQ(error_of(cov + "from = 0\nstep = 0.1\n"), at(1, 1) + "[sweep] needs to with from, to and step");
  EXPECT_EQ(error_of(cov + "from = 0\nto = 1\nstep = 0\n"),
            at(5, 8) + "[sweep] step is 0, but must be a number greater than 0");
  EXPECT_EQ(error_of(cov + "from = 0.5\nto = 0.2\nstep = 0.1\n"),
            at(4, 6) + "[sweep] to is 0.2, but must be at least from (0.5)");
  EXPECT_EQ(error_of(cov + "from = 0\nto = 1\nstep = 0.001\n"),
            at(5, 8) + "[sweep] step is 0.001, but must be large enough for at most 200 values from 0 to 1");
  EXPECT_EQ(error_of(start + "from = 0\nto = 6\nstep = 1.5\n"),
            at(5, 8) +
                "[sweep] step is 1.5, but must be a whole number, because pathway.company.step.1.start_month "
                "is in whole months");
}

TEST(SweepSpec, ASecondDimensionIsCheckedLikeTheFirstAndTheGridIsBounded) {
  const std::string first = "[sweep]\ntarget = \"pathway.company.step.1.coverage\"\nvalues = [0.5]\n";
  EXPECT_EQ(error_of("[sweep]\ntarget = \"pathway.company.step.1.coverage\"\nvalues = [0.5]\nsecond = 1\n"),
            at(4, 10) + "[sweep] second is 1, but must be a table written [sweep.second]");
  EXPECT_NE(error_of(first + "[sweep.second]\ntarget = \"override.x\"\nstepp = 1\n")
                .find(at(6, 1) + "unknown key 'stepp' in [sweep.second]"),
            std::string::npos);
  EXPECT_EQ(
      error_of(first + "[sweep.second]\ntarget = \"pathway.company.step.1.coverage\"\nvalues = [0.1]\n"),
      at(5, 10) +
          "[sweep.second] target is \"pathway.company.step.1.coverage\", but must be a different target "
          "from [sweep] target (a grid needs two targets)");
  EXPECT_EQ(error_of("[sweep]\ntarget = \"pathway.company.step.1.coverage\"\nfrom = 0\nto = 1\nstep = 0.01\n"
                     "[sweep.second]\ntarget = \"arm.company.capacity.internship_private.places\"\nfrom = 1\n"
                     "to = 10\nstep = 1\n"),
            at(1, 1) + "[sweep] has 1010 points (101 x 10), but may have at most 1000");
}

}  // namespace
}  // namespace integrasim
