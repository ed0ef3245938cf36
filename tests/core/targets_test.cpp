// evaluate_target on a Results value made by hand: levels and paired differences, the
// scale applied to value and SE, residual and tolerance, and InputErrors with file:line
// and a did-you-mean hint for unknown arms, subgroups and metrics.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <string>

#include "analysis/targets.h"
#include "core/diagnostics.h"

namespace integrasim {
namespace {

// Arms: comparator (0), policy (1), no_intervention (2); subgroups all, male, female;
// metrics months_on_benefit, employment_rate_m12, median_time_to_first_job.
Results hand_made_results() {
  Results r;
  r.arms = {{"comparator", "comparator"}, {"policy", "policy"}, {"no_intervention", "no_intervention"}};
  r.comparator_arm = 0;
  r.subgroups = {{"all", "all"}, {"male", "sex"}, {"female", "sex"}};
  r.metrics = {{"months_on_benefit", "months per person"},
               {"employment_rate_m12", "share"},
               {"median_time_to_first_job", "months"}};
  const double nan = std::numeric_limits<double>::quiet_NaN();
  for (int arm = 0; arm < 3; ++arm) {
    for (int sg = 0; sg < 3; ++sg) {
      SummaryRow row;
      row.arm = arm;
      row.subgroup = sg;
      row.persons = 100;
      // Distinct values per arm and subgroup so that a wrong lookup shows.
      row.metrics = {{40.0 + arm + 0.1 * sg, 0.5}, {0.2 + 0.01 * arm + 0.001 * sg, 0.004}, {nan, nan}};
      if (arm != 0) row.vs_comparator = {{-1.0 * arm - 0.1 * sg, 0.05}, {0.01 * arm, 0.002}, {nan, nan}};
      // Per participant: months_on_benefit only (a rate at a month and a median have none).
      if (arm != 0) row.per_participant = {{-2.0 * arm - 0.1 * sg, 0.09}};
      r.summary.push_back(row);
    }
  }
  return r;
}

// (Designated initialisers: assigning short literals to the strings trips a g++ 12
// -Wrestrict false positive, GCC bug 105329.)
Target make_target() {
  return Target{.id = "t",
                .scenario = "reference.toml",
                .arm = "policy",
                .metric = "employment_rate_m12",
                .subgroup = "female",
                .comparison = TargetComparison::level,
                .published = 21.0,
                .tolerance = 0.5,
                .scale = 100.0,
                .source = "TEST-1",
                .in_sample = false,
                .note = "",
                .file = "registry/targets.csv",
                .line = 7};
}

// A months-on-benefit difference of the policy arm (unscaled, tolerance 1 month).
Target benefit_target(const char* subgroup, TargetComparison comparison, double published) {
  Target t = make_target();
  t.metric = "months_on_benefit";
  t.subgroup = subgroup;
  t.comparison = comparison;
  t.scale = 1.0;
  t.published = published;
  t.tolerance = 1.0;
  return t;
}

TEST(EvaluateTarget, LevelTakesTheArmsMetricForTheSubgroupAndScalesValueAndSe) {
  const Results r = hand_made_results();
  const Target t = make_target();
  const TargetResult out = evaluate_target(t, r);
  EXPECT_EQ(out.target, &t);
  EXPECT_NEAR(out.simulated.value, 100.0 * (0.2 + 0.01 + 0.002), 1e-12);  // policy, female
  EXPECT_NEAR(out.simulated.se, 0.4, 1e-12);
  EXPECT_NEAR(out.residual, 21.2 - 21.0, 1e-12);
  EXPECT_TRUE(out.within_tolerance);
}

TEST(EvaluateTarget, DifferenceTakesThePairedEntryAgainstTheComparator) {
  const Results r = hand_made_results();
  const Target t = benefit_target("male", TargetComparison::difference, -4.6);
  const TargetResult out = evaluate_target(t, r);
  EXPECT_DOUBLE_EQ(out.simulated.value, -1.1);  // arm 1, subgroup 1
  EXPECT_DOUBLE_EQ(out.simulated.se, 0.05);
  EXPECT_NEAR(out.residual, 3.5, 1e-12);
  EXPECT_FALSE(out.within_tolerance);
}

TEST(EvaluateTarget, DifferencePerParticipantTakesTheRatioEstimatorsEntry) {
  const Results r = hand_made_results();
  const Target t = benefit_target("female", TargetComparison::difference_per_participant, -3.7);
  const TargetResult out = evaluate_target(t, r);
  EXPECT_DOUBLE_EQ(out.simulated.value, -2.2);  // arm 1, subgroup 2
  EXPECT_DOUBLE_EQ(out.simulated.se, 0.09);
  EXPECT_NEAR(out.residual, 1.5, 1e-12);
  EXPECT_FALSE(out.within_tolerance);
}

TEST(EvaluateTarget, AMetricWithoutADifferencePerParticipantIsRefusedWithTheOnesThatHaveIt) {
  const Results r = hand_made_results();
  Target t = make_target();
  t.comparison = TargetComparison::difference_per_participant;  // metric employment_rate_m12
  try {
    (void)evaluate_target(t, r);
    FAIL() << "expected an InputError";
  } catch (const InputError& e) {
    const std::string message = e.what();
    EXPECT_NE(message.find("registry/targets.csv:7"), std::string::npos) << message;
    EXPECT_NE(message.find("column 'metric' is 'employment_rate_m12', but must be a metric with a difference "
                           "per participant of the results of reference.toml: months_on_benefit"),
              std::string::npos)
        << message;
  }
  t.metric = "months_on_benefit";
  t.arm = "comparator";
  try {
    (void)evaluate_target(t, r);
    FAIL() << "expected an InputError";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("when comparison is difference_per_participant"), std::string::npos)
        << e.what();
  }
}

TEST(EvaluateTarget, ToleranceIsInclusiveAndAMissingValueNeverPasses) {
  const Results r = hand_made_results();
  Target t = make_target();
  t.subgroup = "all";
  t.published = 21.0;  // simulated 21.0 exactly (0.21 x 100)
  t.tolerance = 1e-9;
  EXPECT_TRUE(evaluate_target(t, r).within_tolerance);
  t.published = 22.0;
  t.tolerance = 1.0;  // |21 - 22| = 1: on the edge counts as within
  EXPECT_TRUE(evaluate_target(t, r).within_tolerance);
  t.metric = "median_time_to_first_job";
  t.tolerance = 1e9;
  const TargetResult missing = evaluate_target(t, r);
  EXPECT_TRUE(std::isnan(missing.simulated.value));
  EXPECT_FALSE(missing.within_tolerance);
}

std::string error_of(const Target& t, const Results& r) {
  try {
    evaluate_target(t, r);
  } catch (const InputError& e) {
    return e.what();
  }
  return "no error";
}

TEST(EvaluateTarget, UnknownNamesAreInputErrorsAtTheTargetsLineWithAHint) {
  const Results r = hand_made_results();
  struct Case {
    const char* column;
    std::string Target::*field;
    const char* value;
    const char* expected;
  };
  const Case cases[] = {
      {"arm", &Target::arm, "polcy",
       "registry/targets.csv:7: column 'arm' is 'polcy', but must be an arm of the "
       "results of reference.toml: comparator, policy, no_intervention (did you "
       "mean 'policy'?)"},
      {"subgroup", &Target::subgroup, "femal",
       "column 'subgroup' is 'femal', but must be a reported subgroup"},
      {"metric", &Target::metric, "employment_rate_m13",
       "column 'metric' is 'employment_rate_m13', but must be a metric"},
  };
  for (const Case& c : cases) {
    Target t = make_target();
    t.*(c.field) = c.value;
    const std::string message = error_of(t, r);
    EXPECT_NE(message.find(c.expected), std::string::npos) << c.column << ": " << message;
    EXPECT_EQ(message.rfind("registry/targets.csv:7: ", 0), 0U) << message;
  }
  Target t = make_target();
  t.subgroup = "femal";
  EXPECT_NE(error_of(t, r).find("(did you mean 'female'?)"), std::string::npos);
  t = make_target();
  t.metric = "employment_rate_m13";
  EXPECT_NE(error_of(t, r).find("(did you mean 'employment_rate_m12'?)"), std::string::npos);
}

TEST(EvaluateTarget, ADifferenceOfTheComparatorItselfIsAnInputError) {
  const Results r = hand_made_results();
  Target t = make_target();
  t.arm = "comparator";
  t.comparison = TargetComparison::difference;
  const std::string message = error_of(t, r);
  EXPECT_NE(
      message.find("registry/targets.csv:7: column 'arm' is 'comparator', but must be an arm other than "
                   "the comparator"),
      std::string::npos)
      << message;
}

}  // namespace
}  // namespace integrasim
