// The crossing rule of a run of constant hazards (core/threshold_crossing.h): where the run
// is cut into segments never changes when, or whether, its threshold is crossed. The
// decomposition's copies (docs/model.md §9) and the runs that extend through a change point
// without a hazard change rely on this.
#include "core/threshold_crossing.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>
#include <random>
#include <vector>

namespace integrasim::testing {
namespace {

constexpr double k_none = std::numeric_limits<double>::infinity();

// The event time of a run from `run_from` cut at `ends` (ascending), as the spell loop finds
// it: the first segment that the crossing falls within; infinity if none.
double event_time(double run_from, double h, double remaining, const std::vector<double>& ends) {
  for (const double end : ends) {
    double dt = 0.0;
    if (crosses_within(run_from, h, remaining, end, dt)) return run_from + dt;
  }
  return k_none;
}

// The rule before: the product test alone, the time clamped to the segment's end.
double event_time_clamped(double run_from, double h, double remaining, const std::vector<double>& ends) {
  for (const double end : ends)
    if (h * (end - run_from) >= remaining) return std::min(run_from + remaining / h, end);
  return k_none;
}

std::uint64_t bits(double x) {
  return std::bit_cast<std::uint64_t>(x);
}

// h x 3 rounds to exactly `remaining`, so the product test accepts a segment ending at 3,
// but remaining / h is 3.0000000000000004 (found by a search over random hazards).
constexpr double k_h = 0.3842495632985409;
constexpr double k_remaining = 1.1527486898956227;

TEST(ThresholdCrossing, ACrossingAnUlpPastTheEndBelongsToTheNextSegment) {
  ASSERT_GE(k_h * 3.0, k_remaining);  // the product accepts it
  ASSERT_GT(k_remaining / k_h, 3.0);  // the time does not
  double dt = 0.0;
  EXPECT_FALSE(crosses_within(0.0, k_h, k_remaining, 3.0, dt));
  ASSERT_TRUE(crosses_within(0.0, k_h, k_remaining, 4.0, dt));
  EXPECT_EQ(bits(dt), bits(k_remaining / k_h));
}

TEST(ThresholdCrossing, CuttingTheRunAtTheCrossingChangesNoBit) {
  const double whole = event_time(0.0, k_h, k_remaining, {5.0});
  EXPECT_EQ(bits(event_time(0.0, k_h, k_remaining, {3.0, 5.0})), bits(whole));
  EXPECT_EQ(bits(event_time(0.0, k_h, k_remaining, {1.0, 2.0, 3.0, 4.0, 5.0})), bits(whole));
  // Counter-check: the clamped rule moves the event to the cut, 3 instead of 3 + 4e-16.
  EXPECT_NE(bits(event_time_clamped(0.0, k_h, k_remaining, {3.0, 5.0})),
            bits(event_time_clamped(0.0, k_h, k_remaining, {5.0})));
}

TEST(ThresholdCrossing, RandomCutsNearTheCrossingChangeNoBit) {
  // Thresholds within a few ulps of h x (end - run_from) for whole-month ends, where the
  // product and the quotient can disagree; each run is cut at random whole months.
  std::mt19937_64 gen(5);
  std::uniform_real_distribution<double> hazard(0.001, 2.0);
  std::uniform_int_distribution<int> month(1, 60);
  std::uniform_int_distribution<int> ulps(-4, 4);
  std::bernoulli_distribution cut(0.3);
  int disagreements_before = 0;  // how often the clamped rule depended on the cuts
  for (int i = 0; i < 200000; ++i) {
    const double run_from =
        std::bit_cast<double>(bits(static_cast<double>(month(gen) - 1)) +
                              static_cast<std::uint64_t>(i % 2));  // sometimes an ulp past
    const double h = hazard(gen);
    const double cross_at = std::floor(run_from) + month(gen);
    double remaining = h * (cross_at - run_from);
    const int steps = ulps(gen);
    for (int s = 0; s < std::abs(steps); ++s)
      remaining = std::nextafter(remaining, steps > 0 ? k_none : -k_none);
    std::vector<double> ends;
    for (double end = std::floor(run_from) + 1.0; end <= 130.0; end += 1.0)
      if (cut(gen) || end == 130.0) ends.push_back(end);
    const double whole = event_time(run_from, h, remaining, {130.0});
    ASSERT_EQ(bits(event_time(run_from, h, remaining, ends)), bits(whole))
        << "h " << h << " remaining " << remaining << " run_from " << run_from;
    if (bits(event_time_clamped(run_from, h, remaining, ends)) !=
        bits(event_time_clamped(run_from, h, remaining, {130.0})))
      ++disagreements_before;
  }
  // The cases are hard ones: under the clamped rule some of them (84 with this seed) did
  // depend on the cuts.
  EXPECT_GT(disagreements_before, 0);
}

}  // namespace
}  // namespace integrasim::testing
