// The shipped catalogue's Danish education against its own note: "36 months at 1/12 level
// a month, so three years give about 3 levels", six modules of half a level each. A rate
// written as 0.0833 completed every module a month late and never reached level 3 within
// 36 months (issue: defects a new user found, 5b).
#include <gtest/gtest.h>

#include "core/mechanisms/danish_progression.h"
#include "io/catalogue_reader.h"

namespace integrasim {
namespace {

TEST(ShippedDanishEducation, CompletesAModuleEverySixMonthsAndLevelThreeAtThirtySix) {
  const Catalogue catalogue = read_embedded_catalogue();
  const InterventionType* danish = catalogue.find_intervention("danish_education");
  ASSERT_NE(danish, nullptr);
  const double rate = danish->danish_gain_per_month.value;
  // From level 0 at month 0, learning all the time: module k is completed at month 6k,
  // both by the closed form the spell loop uses and by adding month after month.
  double level = 0.0;
  for (int module = 1; module <= 6; ++module) {
    EXPECT_EQ(DanishProgression::next_module_month(level, 6.0 * (module - 1), rate), 6 * module)
        << "module " << module;
    for (int month = 1; month <= 6; ++month) {
      const bool completed = DanishProgression::gain(level, rate, 1.0);
      EXPECT_EQ(completed, month == 6) << "module " << module << ", month " << month;
    }
    EXPECT_DOUBLE_EQ(module_level(level), 0.5 * module);
  }
  EXPECT_DOUBLE_EQ(module_level(level), k_max_danish_level);
}

}  // namespace
}  // namespace integrasim
