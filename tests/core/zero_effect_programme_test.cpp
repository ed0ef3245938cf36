// A programme without effects changes nothing but its own months and costs: the arm that
// adds it gives the comparator's results bit for bit. Its start and end are change points
// that change no hazard; the spell loop extends the run of constant hazards across them
// rather than summing h * length in pieces (SpellLoop::run_from), which would change the
// last digits of event times. (Found at 10^6 persons by a new user; issue "the studies'
// numbers", 5c. Without that, this test fails at 20,000 persons already;
// tests/stat/zero_effect_at_scale_test.cpp checks 10^6.)
#include <gtest/gtest.h>

#include "io/scenario_reader.h"
#include "test_support.h"
#include "zero_effect_placebo.h"

namespace integrasim {
namespace {

using testing::run_in_memory;

TEST(ZeroEffectProgramme, GivesTheComparatorsResultsBitForBit) {
  const Catalogue catalogue = testing::catalogue_with_placebo();
  const Scenario scenario = parse_scenario(testing::placebo_scenario(20000), "placebo.toml", catalogue);
  const Results r = run_in_memory(scenario, catalogue);
  EXPECT_GT(testing::expect_placebo_is_its_comparator(r), 50);
}

}  // namespace
}  // namespace integrasim
