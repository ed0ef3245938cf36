// A programme without effects gives the comparator's results bit for bit (docs/model.md
// §9) at the size where a last-digit difference was first found, 10^6 persons (issue
// "the studies' numbers", 5c): with the change points of its start and end splitting
// the hazard segments (before the spell loop extended runs of constant hazards), 10 of
// the values and SEs compared here differed in their last digits.
// The same check at 20,000 persons is tests/core/zero_effect_programme_test.cpp.
#include <gtest/gtest.h>

#include "io/scenario_reader.h"
#include "test_support.h"
#include "zero_effect_placebo.h"

namespace integrasim::testing {
namespace {

TEST(ZeroEffectProgramme, GivesTheComparatorsResultsBitForBitAtAMillionPersons) {
  const Catalogue catalogue = catalogue_with_placebo();
  const Scenario scenario = parse_scenario(placebo_scenario(1000000), "placebo.toml", catalogue);
  const Results r = run_in_memory(scenario, catalogue, 2);
  EXPECT_GT(expect_placebo_is_its_comparator(r), 50);
}

}  // namespace
}  // namespace integrasim::testing
