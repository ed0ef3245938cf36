// The effect per participant (summary.csv diff_<metric>_per_participant) against its
// closed form: a constant job hazard h, a programme offered to a share c of persons at
// month s. Tolerances are 4 standard errors computed from the closed form itself.
#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "test_support.h"

namespace integrasim::testing {
namespace {

constexpr std::int64_t k_persons = 400000;
constexpr double k_z = 4.0;

const SummaryRow& row_of(const Results& r, const std::string& arm) {
  for (const SummaryRow& row : r.summary)
    if (r.arms[static_cast<std::size_t>(row.arm)].name == arm && row.subgroup == 0) return row;
  throw std::runtime_error("no summary row for " + arm);
}

TEST(PerParticipant, MonthsOnBenefitMatchTheClosedFormForThoseWhoBegan) {
  // tiny_catalogue's "course": anticipation HR 1.2 over the 2 months before the start,
  // lock-in 0.5 while in it (6 months), post 1.5 after.
  const double h = 0.03;
  const int horizon = 60;
  const int s = 10;
  const int length = 6;
  const double c = 0.4;
  Scenario sc = bare_scenario(horizon, k_persons, 303);
  PathwayStep st = step("course", s, length);
  st.coverage = c;
  give_pathway(sc, "policy", "course_at_10", {st});
  const Results r = run_in_memory(sc, constant_hazard_catalogue(h, 0, 0, 0, 0));

  // A person offered the course begins it if still on benefit at s: the latent threshold
  // X0 ~ Exp(1) exceeds the policy arm's cumulative hazard h (s - 2) + 1.2 h 2.
  const double used_policy = h * (s - 2) + 1.2 * h * 2;
  const double share = c * std::exp(-used_policy);
  const SummaryRow& row = row_of(r, "policy");
  const Estimate participants = row.metrics[static_cast<std::size_t>(column(Metric::participants))];
  const double share_se = std::sqrt(share * (1 - share) / k_persons);
  EXPECT_NEAR(participants.value, share, k_z * share_se);

  // Given that, the threshold left at s is X ~ Exp(1) in the policy arm; the comparator,
  // with the same threshold, has used only h s of it, so it has X + delta left,
  // delta = 0.4 h. Months on benefit from s on: policy, hazard 0.5 h for `length` months
  // then 1.5 h; comparator, hazard h; both within the R = horizon - s months left.
  const double rest = horizon - s;
  const double delta = used_policy - h * s;
  const auto policy_months = [&](double x) {
    const double in_course = 0.5 * h * length;
    const double t = x < in_course ? x / (0.5 * h) : length + (x - in_course) / (1.5 * h);
    return std::min(t, rest);
  };
  const auto comparator_months = [&](double x) { return std::min((x + delta) / h, rest); };
  // E[D] and E[D^2] of the difference D(X) by the midpoint rule (the integrand is
  // piecewise smooth; 2e5 steps over [0, 40] are exact to far below the tolerance).
  double mean = 0, second = 0;
  const int steps = 200000;
  const double width = 40.0 / steps;
  for (int i = 0; i < steps; ++i) {
    const double x = (i + 0.5) * width;
    const double d = policy_months(x) - comparator_months(x);
    const double density = std::exp(-x) * width;
    mean += d * density;
    second += d * d * density;
  }
  const double participants_n = share * k_persons;
  const double se = std::sqrt((second - mean * mean) / participants_n);
  ASSERT_FALSE(row.per_participant.empty());
  const Estimate att = row.per_participant[0];  // months_on_benefit
  EXPECT_NEAR(att.value, mean, k_z * se) << "simulated " << att.value << " exact " << mean;
  // The reported SE is the ratio estimator's; with 6e4 participants it is within 5 %.
  EXPECT_NEAR(att.se, se, 0.05 * se);
}

// monthly.csv's "began" rows: the share who have begun each intervention by month m. A
// person offered the course twice (months 10 and 30) counts once, so at the horizon the
// row is exactly the participants column; before the first start it is 0, and every
// participant has begun by month s + 1 (the interval [s, s + 1)).
TEST(PerParticipant, TheBeganRowCountsEachPersonOnceAndEndsAtTheParticipantsShare) {
  Scenario sc = bare_scenario(48, 40000, 304);
  PathwayStep first = step("course", 10, 6);
  first.coverage = 0.4;
  PathwayStep again = step("course", 30, 6);
  give_pathway(sc, "policy", "course_twice", {first, again});
  const Results r = run_in_memory(sc, constant_hazard_catalogue(0.03, 0, 0, 0, 0));
  const double participants =
      row_of(r, "policy").metrics[static_cast<std::size_t>(column(Metric::participants))].value;
  ASSERT_GT(participants, 0.0);
  EXPECT_EQ(monthly_share(r, "policy", "all", "began", "course", 10).value, 0.0);
  const double by_11 = monthly_share(r, "policy", "all", "began", "course", 11).value;
  const double at_end = monthly_share(r, "policy", "all", "began", "course", 48).value;
  EXPECT_GT(by_11, 0.0);
  EXPECT_LT(by_11, at_end);  // the second offer (coverage 1) adds persons from month 31
  EXPECT_EQ(monthly_share(r, "policy", "all", "began", "course", 30).value, by_11);
  EXPECT_DOUBLE_EQ(at_end, participants);
  // In the course at month 33: those of both offers still on benefit, fewer than began.
  EXPECT_LT(monthly_share(r, "policy", "all", "programme", "course", 33).value, at_end);
  EXPECT_EQ(monthly_share(r, "comparator", "all", "began", "course", 48).value, 0.0);
}

}  // namespace
}  // namespace integrasim::testing
