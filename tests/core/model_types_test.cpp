// The model's vocabulary (docs/model.md §2, §3, §7): selectors, effect cells and name lookups.
// Unit tier: exact, no simulation.
#include <gtest/gtest.h>

#include <set>
#include <string>

#include "core/model_types.h"

namespace integrasim {
namespace {

Selector parse_ok(std::string_view text) {
  std::string error;
  const auto sel = parse_selector(text, error);
  EXPECT_TRUE(sel.has_value()) << "'" << text << "': " << error;
  return sel.value_or(Selector{});
}

std::string parse_error(std::string_view text) {
  std::string error;
  const auto sel = parse_selector(text, error);
  EXPECT_FALSE(sel.has_value()) << "'" << text << "' parsed as " << (sel ? sel->to_string() : "");
  return error;
}

std::int8_t level(const Selector& s, Dimension d) {
  return s.required_level[static_cast<std::size_t>(d)];
}

TEST(ParseSelector, AllIsTheEmptyConjunction) {
  for (const char* text : {"all", "  all", "all  ", "\tall\n"}) {
    const Selector s = parse_ok(text);
    EXPECT_TRUE(s.is_all()) << text;
    EXPECT_EQ(s.specificity(), 0) << text;
    EXPECT_EQ(s, Selector{}) << text;
  }
}

TEST(ParseSelector, SingleLevelSetsOnlyItsDimension) {
  const Selector s = parse_ok("female");
  EXPECT_EQ(s.specificity(), 1);
  EXPECT_EQ(level(s, Dimension::sex), 1);
  for (const Dimension d : {Dimension::group, Dimension::match_group, Dimension::age_band,
                            Dimension::education, Dimension::health, Dimension::children})
    EXPECT_EQ(level(s, d), -1) << name_of(d);
}

TEST(ParseSelector, ConjunctionsAndWhitespace) {
  const Selector compact = parse_ok("male&job_ready");
  const Selector spaced = parse_ok("  male  &   job_ready ");
  const Selector reversed = parse_ok("job_ready & male");
  EXPECT_EQ(compact, spaced);
  EXPECT_EQ(compact, reversed);
  EXPECT_EQ(compact.specificity(), 2);
  EXPECT_EQ(level(compact, Dimension::sex), 0);
  EXPECT_EQ(level(compact, Dimension::match_group), 0);

  const Selector many = parse_ok(
      "female & other_immigrant & activity_ready & age_50_64 & tertiary & "
      "health_problems & small_children");
  EXPECT_EQ(many.specificity(), 7);
  EXPECT_EQ(level(many, Dimension::sex), 1);
  EXPECT_EQ(level(many, Dimension::group), 2);
  EXPECT_EQ(level(many, Dimension::match_group), 1);
  EXPECT_EQ(level(many, Dimension::age_band), 3);
  EXPECT_EQ(level(many, Dimension::education), 2);
  EXPECT_EQ(level(many, Dimension::health), 1);
  EXPECT_EQ(level(many, Dimension::children), 1);
}

TEST(ParseSelector, UnknownLevelSuggestsTheClosestName) {
  EXPECT_EQ(parse_error("mael"), "unknown level 'mael' (did you mean 'male'?)");
  EXPECT_EQ(parse_error("male & job_redy"), "unknown level 'job_redy' (did you mean 'job_ready'?)");
  EXPECT_EQ(parse_error("Female"), "unknown level 'Female' (did you mean 'female'?)");
  // Too far from every name: no suggestion.
  EXPECT_EQ(parse_error("xyzzy"), "unknown level 'xyzzy'");
  // "all" is only valid on its own.
  EXPECT_EQ(parse_error("all & male").rfind("unknown level 'all'", 0), 0U);
}

TEST(ParseSelector, TwoLevelsOfOneDimensionAreRejected) {
  EXPECT_EQ(parse_error("male & female"), "two levels of sex in one selector");
  EXPECT_EQ(parse_error("refugee & job_ready & other_immigrant"), "two levels of group in one selector");
  EXPECT_EQ(parse_error("male & male"), "two levels of sex in one selector");
}

TEST(ParseSelector, EmptyAndDanglingConjunctionsAreRejected) {
  EXPECT_EQ(parse_error("").rfind("empty selector", 0), 0U);
  EXPECT_EQ(parse_error("   ").rfind("empty selector", 0), 0U);
  EXPECT_FALSE(parse_error("male &").empty());
  EXPECT_FALSE(parse_error("& male").empty());
  EXPECT_FALSE(parse_error("male && job_ready").empty());
}

TEST(Selector, MatchesChecksEveryConstrainedDimension) {
  PersonAttributes p;
  p.sex = Sex::female;
  p.group = Group::refugee;
  p.match_group = MatchGroup::activity_ready;
  p.age_band = AgeBand::age_40_49;
  EXPECT_TRUE(parse_ok("all").matches(p));
  EXPECT_TRUE(parse_ok("female").matches(p));
  EXPECT_TRUE(parse_ok("female & refugee & activity_ready & age_40_49").matches(p));
  EXPECT_FALSE(parse_ok("male").matches(p));
  EXPECT_FALSE(parse_ok("female & job_ready").matches(p));
  EXPECT_FALSE(parse_ok("female & age_30_39").matches(p));
  // The Danish level is not an attribute dimension: selectors ignore it.
  p.danish_level_at_entry = 2.5;
  EXPECT_TRUE(parse_ok("female & refugee").matches(p));
}

TEST(Selector, ToStringUsesDimensionOrderAndRoundTrips) {
  EXPECT_EQ(parse_ok("all").to_string(), "all");
  EXPECT_EQ(parse_ok("job_ready & male").to_string(), "male & job_ready");
  EXPECT_EQ(parse_ok(" small_children&basic & refugee").to_string(), "refugee & basic & small_children");
  // Every single level and every pair of levels from different dimensions.
  for (int d1 = 0; d1 < k_dimension_count; ++d1) {
    for (int l1 = 0; l1 < k_dimension_levels[static_cast<std::size_t>(d1)]; ++l1) {
      Selector one;
      one.required_level[static_cast<std::size_t>(d1)] = static_cast<std::int8_t>(l1);
      EXPECT_EQ(parse_ok(one.to_string()), one) << one.to_string();
      EXPECT_EQ(one.specificity(), 1);
      for (int d2 = d1 + 1; d2 < k_dimension_count; ++d2) {
        for (int l2 = 0; l2 < k_dimension_levels[static_cast<std::size_t>(d2)]; ++l2) {
          Selector two = one;
          two.required_level[static_cast<std::size_t>(d2)] = static_cast<std::int8_t>(l2);
          EXPECT_EQ(parse_ok(two.to_string()), two) << two.to_string();
          EXPECT_EQ(two.specificity(), 2);
        }
      }
    }
  }
}

TEST(EffectCell, RoundTripsForAllTwentyFourCells) {
  ASSERT_EQ(k_effect_cell_count, 24);
  std::set<int> seen;
  for (int cell = 0; cell < k_effect_cell_count; ++cell) {
    const PersonAttributes a = attributes_of_effect_cell(cell);
    EXPECT_EQ(effect_cell_of(a), cell);
    // Dimensions outside the cell stay at their first level.
    EXPECT_EQ(a.age_band, AgeBand::age_18_29);
    EXPECT_EQ(a.education, EducationLevel::basic);
    EXPECT_EQ(a.children, Children::no_small_children);
    seen.insert(cell);
  }
  // And every combination of the four cell dimensions maps to a distinct cell in range,
  // whatever the other dimensions are.
  std::set<int> cells;
  for (int sex = 0; sex < 2; ++sex)
    for (int group = 0; group < 3; ++group)
      for (int match = 0; match < 2; ++match)
        for (int health = 0; health < 2; ++health) {
          PersonAttributes a;
          a.sex = static_cast<Sex>(sex);
          a.group = static_cast<Group>(group);
          a.match_group = static_cast<MatchGroup>(match);
          a.health = static_cast<Health>(health);
          a.age_band = AgeBand::age_50_64;
          a.education = EducationLevel::tertiary;
          a.children = Children::small_children;
          const int cell = effect_cell_of(a);
          EXPECT_GE(cell, 0);
          EXPECT_LT(cell, k_effect_cell_count);
          cells.insert(cell);
          const PersonAttributes back = attributes_of_effect_cell(cell);
          EXPECT_EQ(back.sex, a.sex);
          EXPECT_EQ(back.group, a.group);
          EXPECT_EQ(back.match_group, a.match_group);
          EXPECT_EQ(back.health, a.health);
        }
  EXPECT_EQ(cells.size(), 24U);
}

TEST(FindLevel, EveryLevelNameIsFoundAndUnique) {
  std::set<std::string> names;
  int total = 0;
  for (int d = 0; d < k_dimension_count; ++d) {
    const auto dim = static_cast<Dimension>(d);
    for (int l = 0; l < k_dimension_levels[static_cast<std::size_t>(d)]; ++l) {
      const std::string_view name = level_name(dim, l);
      EXPECT_FALSE(name.empty());
      const auto found = find_level(name);
      ASSERT_TRUE(found.has_value()) << name;
      EXPECT_EQ(found->first, dim) << name;
      EXPECT_EQ(found->second, l) << name;
      names.insert(std::string(name));
      ++total;
    }
  }
  EXPECT_EQ(static_cast<int>(names.size()), total) << "level names must be unique across dimensions";
  EXPECT_FALSE(find_level("").has_value());
  EXPECT_FALSE(find_level("all").has_value());
  EXPECT_FALSE(find_level("Male").has_value());
  EXPECT_FALSE(find_level("sex").has_value());
}

TEST(FindLevel, KnownLevels) {
  EXPECT_EQ(find_level("age_30_39"), (std::pair{Dimension::age_band, 1}));
  EXPECT_EQ(find_level("family_reunified"), (std::pair{Dimension::group, 1}));
  EXPECT_EQ(find_level("health_problems"), (std::pair{Dimension::health, 1}));
  EXPECT_EQ(find_level("upper_secondary"), (std::pair{Dimension::education, 1}));
  EXPECT_EQ(find_level("no_small_children"), (std::pair{Dimension::children, 0}));
}

TEST(Names, StatesDestinationsAndReturnHazards) {
  EXPECT_EQ(name_of(State::benefit), "benefit");
  EXPECT_EQ(name_of(State::employed), "employed");
  EXPECT_EQ(name_of(State::education), "education");
  EXPECT_EQ(name_of(State::exit), "exit");
  for (int d = 0; d < k_destination_count; ++d) {
    const auto dest = static_cast<Destination>(d);
    EXPECT_EQ(destination_from_name(name_of(dest)), dest);
  }
  EXPECT_EQ(name_of(Destination::employed), "employed");
  EXPECT_EQ(name_of(Destination::education), "education");
  EXPECT_EQ(name_of(Destination::exit), "exit");
  EXPECT_FALSE(destination_from_name("benefit").has_value());
  EXPECT_FALSE(destination_from_name("").has_value());
  for (int r = 0; r < k_return_hazard_count; ++r) {
    const auto kind = static_cast<ReturnHazard>(r);
    EXPECT_EQ(return_hazard_from_name(name_of(kind)), kind);
  }
  EXPECT_EQ(name_of(ReturnHazard::job_loss), "job_loss");
  EXPECT_EQ(name_of(ReturnHazard::education_dropout), "education_dropout");
  EXPECT_FALSE(return_hazard_from_name("dropout").has_value());
}

TEST(Names, DimensionsRoundTrip) {
  const char* expected[k_dimension_count] = {"sex",       "group",  "match_group", "age_band",
                                             "education", "health", "children"};
  for (int d = 0; d < k_dimension_count; ++d) {
    const auto dim = static_cast<Dimension>(d);
    EXPECT_EQ(name_of(dim), expected[d]);
    EXPECT_EQ(dimension_from_name(name_of(dim)), dim);
  }
  EXPECT_FALSE(dimension_from_name("Sex").has_value());
  EXPECT_FALSE(dimension_from_name("danish_level").has_value());
}

TEST(LevelOf, ReadsEachDimension) {
  PersonAttributes p;
  p.sex = Sex::female;
  p.group = Group::other_immigrant;
  p.match_group = MatchGroup::activity_ready;
  p.age_band = AgeBand::age_50_64;
  p.education = EducationLevel::upper_secondary;
  p.health = Health::health_problems;
  p.children = Children::small_children;
  EXPECT_EQ(level_of(p, Dimension::sex), 1);
  EXPECT_EQ(level_of(p, Dimension::group), 2);
  EXPECT_EQ(level_of(p, Dimension::match_group), 1);
  EXPECT_EQ(level_of(p, Dimension::age_band), 3);
  EXPECT_EQ(level_of(p, Dimension::education), 1);
  EXPECT_EQ(level_of(p, Dimension::health), 1);
  EXPECT_EQ(level_of(p, Dimension::children), 1);
}

}  // namespace
}  // namespace integrasim
