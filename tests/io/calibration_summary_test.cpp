#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <nlohmann/json.hpp>
#include <string>

#include "io/calibration_output.h"

namespace integrasim {
namespace {

CalibrationResult example_result() {
  CalibrationResult r;
  r.iterations = 2;
  r.evaluations = 9;
  r.start_objective = 12.5;
  r.objective = 0.25;
  r.converged = true;
  r.stop_reason = "step below \"tolerance\"";
  r.condition_number = std::numeric_limits<double>::infinity();  // J'J singular
  r.standard_errors = false;
  r.history = {{1, 3.0, 0.001, 5}, {2, 0.25, 0.0001, 9}};
  return r;
}

TEST(CalibrationSummary, ParsesBackWithMembersInOrder) {
  const std::string text = calibration_summary_json(example_result());
  ASSERT_EQ(text.back(), '\n');
  const auto parsed = nlohmann::ordered_json::parse(text);
  std::string keys;
  for (const auto& [key, value] : parsed.items()) keys.append(key).append(" ");
  EXPECT_EQ(keys,
            "iterations evaluations start_objective objective converged stop_reason condition_number "
            "standard_errors history ");
  EXPECT_EQ(parsed.at("evaluations").get<int>(), 9);
  EXPECT_EQ(parsed.at("objective").get<double>(), 0.25);
  EXPECT_TRUE(parsed.at("converged").get<bool>());
  EXPECT_EQ(parsed.at("stop_reason").get<std::string>(), "step below \"tolerance\"");
  EXPECT_TRUE(parsed.at("condition_number").is_null()) << "JSON has no infinity";
  ASSERT_EQ(parsed.at("history").size(), 2U);
  EXPECT_EQ(parsed.at("history")[1].at("iteration").get<int>(), 2);
  EXPECT_EQ(parsed.at("history")[1].at("damping").get<double>(), 0.0001);
  EXPECT_EQ(parsed.at("history")[0].at("evaluations").get<int>(), 5);
}

TEST(CalibrationSummary, NoIterationsIsAnEmptyHistory) {
  CalibrationResult r = example_result();
  r.history.clear();
  const std::string text = calibration_summary_json(r);
  EXPECT_NE(text.find("\n  \"history\": []\n}\n"), std::string::npos) << text;
}

}  // namespace
}  // namespace integrasim
