// The one message shape of every input error, "did you mean" hints and number formatting.
#include "io/input_error.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

namespace integrasim {
namespace {

std::string message_of(void (*thrower)()) {
  try {
    thrower();
  } catch (const InputError& e) {
    return e.what();
  }
  return "(no InputError)";
}

TEST(InputError, PositionOmitsUnknownParts) {
  EXPECT_EQ(format_position({"x.toml", 14, 3}), "x.toml:14:3: ");
  EXPECT_EQ(format_position({"x.toml", 14, 0}), "x.toml:14: ");
  EXPECT_EQ(format_position({"x.toml", 0, 0}), "x.toml: ");
  EXPECT_EQ(format_position({"x.toml", 0, 5}), "x.toml: ");  // a column without a line means nothing
}

TEST(InputError, ValueMessageHasTheCompilerShape) {
  EXPECT_EQ(message_of([] {
              fail_input({"scenarios/x.toml", 14, 3}, "pathway 'company_first' step 2: duration_months", "-3",
                         "an integer between 1 and 600");
            }),
            "scenarios/x.toml:14:3: pathway 'company_first' step 2: duration_months is -3, but must "
            "be an integer between 1 and 600");
  EXPECT_EQ(message_of([] {
              fail_input({"effects.csv", 7, 0}, "hazard_ratio", "-1", "> 0");
            }),
            "effects.csv:7: hazard_ratio is -1, but must be > 0");
}

TEST(InputError, FreeMessageKeepsThePosition) {
  EXPECT_EQ(message_of([] {
              fail_input_message({"x.toml", 3, 1}, "unknown key 'horizon' in [scenario]");
            }),
            "x.toml:3:1: unknown key 'horizon' in [scenario]");
}

TEST(InputError, IsARuntimeError) {
  EXPECT_THROW(fail_input_message({"f", 1, 1}, "m"), std::runtime_error);
}

TEST(ClosestMatch, FindsLikelyTypos) {
  const std::vector<std::string> keys = {"horizon_months", "persons", "seed", "name"};
  EXPECT_EQ(closest_match("horizon_month", keys), "horizon_months");   // one deletion
  EXPECT_EQ(closest_match("horizon_monhts", keys), "horizon_months");  // transposition = 2 edits
  EXPECT_EQ(closest_match("persns", keys), "persons");
  EXPECT_EQ(closest_match("sed", keys), "seed");  // len 3: one edit allowed
  EXPECT_EQ(closest_match("names", keys), "name");
}

TEST(ClosestMatch, RejectsDistantWords) {
  const std::vector<std::string> keys = {"horizon_months", "persons", "seed"};
  EXPECT_EQ(closest_match("horizon", keys), "");  // 7 edits
  EXPECT_EQ(closest_match("xy", keys), "");
  EXPECT_EQ(closest_match("sx", {"se"}), "se");                        // short words still get one edit
  EXPECT_EQ(closest_match("sxx", {"see"}), "");                        // but not two
  EXPECT_EQ(closest_match("pers", keys), "");                          // len 4: one edit allowed, needs 3
  EXPECT_EQ(closest_match("horizxn_mxnths", keys), "horizon_months");  // 2 edits, 3 allowed
  EXPECT_EQ(closest_match("hxrizxn_mxnthx", keys), "");                // 4 edits: len/3 = 4, but the cap is 3
}

TEST(ClosestMatch, NeverAllowsMoreThanThreeEdits) {
  const std::vector<std::string> ids = {"effect.internship_private.post.employed.all"};
  EXPECT_EQ(closest_match("effect.internship_private.post.employed.alx", ids), ids[0]);
  EXPECT_EQ(closest_match("effect.internship_private.post.employed.xxx", ids), ids[0]);
  EXPECT_EQ(closest_match("effect.internship_private.post.employed.xxxx", ids), "");
  EXPECT_EQ(closest_match("anything", {}), "");
}

TEST(FormatValue, ShortestRoundTrip) {
  EXPECT_EQ(format_value(0.5), "0.5");
  EXPECT_EQ(format_value(0.1), "0.1");
  EXPECT_EQ(format_value(1.0), "1");
  EXPECT_EQ(format_value(-3.0), "-3");
  EXPECT_EQ(format_value(1e-09), "1e-09");
  EXPECT_EQ(format_value(0.1 + 0.2), "0.30000000000000004");
  EXPECT_EQ(std::stod(format_value(1.0 / 3.0)), 1.0 / 3.0);
}

TEST(FormatValue, NonFiniteValues) {
  EXPECT_EQ(format_value(std::numeric_limits<double>::quiet_NaN()), "nan");
  EXPECT_EQ(format_value(-std::numeric_limits<double>::quiet_NaN()), "nan");
  EXPECT_EQ(format_value(std::numeric_limits<double>::infinity()), "inf");
  EXPECT_EQ(format_value(-std::numeric_limits<double>::infinity()), "-inf");
}

}  // namespace
}  // namespace integrasim
