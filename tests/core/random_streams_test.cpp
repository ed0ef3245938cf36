// Keyed random streams (docs/model.md §9, docs/developing.md principle 3): every draw is a pure
// function of (seed, draw, person, purpose, index). Moment checks use 1e5 draws and a
// tolerance of 4 standard errors computed from the exact distribution.
#include <gtest/gtest.h>

#include <boost/random/gamma_distribution.hpp>

#include <cmath>
#include <cstdint>
#include <vector>

#include "core/random_streams.h"

namespace integrasim {
namespace {

constexpr int k_draws = 100000;
constexpr double k_z = 4.0;

bool same_block(const r123::Philox4x32::ctr_type& a, const r123::Philox4x32::ctr_type& b) {
  for (std::size_t i = 0; i < 4; ++i)
    if (a[i] != b[i]) return false;
  return true;
}

// Sample mean and (unbiased) variance.
struct Moments {
  double mean = 0;
  double variance = 0;
};
Moments moments_of(const std::vector<double>& x) {
  double sum = 0;
  for (const double v : x) sum += v;
  const double mean = sum / static_cast<double>(x.size());
  double ss = 0;
  for (const double v : x) ss += (v - mean) * (v - mean);
  return {mean, ss / static_cast<double>(x.size() - 1)};
}

TEST(RandomStreams, SameKeyGivesSameBits) {
  const StreamKey key{123456789012345ULL, 3};
  const auto a = random_block(key, 42, Purpose::frailty, 7);
  const auto b = random_block(key, 42, Purpose::frailty, 7);
  EXPECT_TRUE(same_block(a, b));
  EXPECT_EQ(uniform_open01(key, 42, Purpose::coverage, 9), uniform_open01(key, 42, Purpose::coverage, 9));
  EXPECT_EQ(exponential_threshold(key, 5, Purpose::threshold_exit, 1),
            exponential_threshold(key, 5, Purpose::threshold_exit, 1));
}

TEST(RandomStreams, EveryInputOfTheKeyChangesTheOutput) {
  const StreamKey key{0x1234'5678'9abc'def0ULL, 2};
  const std::uint64_t person = 1000;
  const Purpose purpose = Purpose::threshold_employed;
  const std::uint64_t index = 3;
  const auto base = random_block(key, person, purpose, index);

  // Seed: both the low and the high 32 bits are part of the Philox key.
  EXPECT_FALSE(same_block(base, random_block({key.seed ^ 1ULL, key.draw}, person, purpose, index)));
  EXPECT_FALSE(same_block(base, random_block({key.seed ^ (1ULL << 40), key.draw}, person, purpose, index)));
  // Parameter draw.
  EXPECT_FALSE(same_block(base, random_block({key.seed, key.draw + 1}, person, purpose, index)));
  // Person.
  EXPECT_FALSE(same_block(base, random_block(key, person + 1, purpose, index)));
  // Purpose: every pair of purposes differs.
  for (std::uint32_t p = 1; p <= 9; ++p)
    for (std::uint32_t q = p + 1; q <= 9; ++q)
      EXPECT_FALSE(same_block(random_block(key, person, static_cast<Purpose>(p), index),
                              random_block(key, person, static_cast<Purpose>(q), index)))
          << p << " vs " << q;
  // Index: low 32 bits and the next 24 bits.
  EXPECT_FALSE(same_block(base, random_block(key, person, purpose, index + 1)));
  EXPECT_FALSE(same_block(base, random_block(key, person, purpose, index + (1ULL << 32))));
  EXPECT_FALSE(same_block(base, random_block(key, person, purpose, index + (1ULL << 55))));
  // And the derived numbers follow.
  EXPECT_NE(uniform_open01(key, person, purpose, index), uniform_open01(key, person, purpose, index + 1));
  EXPECT_NE(uniform_open01(key, person, purpose, index), uniform_open01(key, person + 1, purpose, index));
  EXPECT_NE(uniform_open01(key, person, purpose, index),
            uniform_open01({key.seed, 9}, person, purpose, index));
}

TEST(RandomStreams, PurposesAreIndependentOfEachOthersUse) {
  // A purpose's draws do not depend on how many draws other purposes (or other indices
  // of the same purpose) have taken: there is no shared sequential state.
  const StreamKey key{77, 0};
  std::vector<double> frailty_first;
  for (std::uint64_t i = 0; i < 16; ++i) frailty_first.push_back(uniform_open01(key, 3, Purpose::frailty, i));
  double sink = 0;
  for (std::uint64_t i = 0; i < 1000; ++i) sink += uniform_open01(key, 3, Purpose::coverage, i);
  KeyedEngine coverage_engine(key, 3, Purpose::coverage);
  for (int i = 0; i < 1001; ++i) sink += coverage_engine();
  EXPECT_GT(sink, 0.0);
  for (std::uint64_t i = 0; i < 16; ++i)
    EXPECT_EQ(uniform_open01(key, 3, Purpose::frailty, i), frailty_first[i]) << i;

  // Changing the index of one purpose changes that purpose's number only.
  const double exit0 = exponential_threshold(key, 3, Purpose::threshold_exit, 0);
  const double employed0 = exponential_threshold(key, 3, Purpose::threshold_employed, 0);
  EXPECT_NE(exponential_threshold(key, 3, Purpose::threshold_exit, 1), exit0);
  EXPECT_EQ(exponential_threshold(key, 3, Purpose::threshold_employed, 0), employed0);
}

TEST(RandomStreams, KeyedEngineReadsBlocksInOrder) {
  const StreamKey key{5, 1};
  KeyedEngine engine(key, 11, Purpose::frailty);
  for (std::uint64_t block = 0; block < 3; ++block) {
    const auto expected = random_block(key, 11, Purpose::frailty, block);
    for (std::size_t word = 0; word < 4; ++word) EXPECT_EQ(engine(), expected[word]) << block << "/" << word;
  }
  EXPECT_EQ(KeyedEngine::min(), 0U);
  EXPECT_EQ(KeyedEngine::max(), 0xFFFFFFFFU);
}

TEST(RandomStreams, UniformIsInTheOpenUnitIntervalWithTheRightMoments) {
  const StreamKey key{2024, 0};
  std::vector<double> u;
  u.reserve(k_draws);
  for (int i = 0; i < k_draws; ++i) {
    const double x = uniform_open01(key, static_cast<std::uint64_t>(i), Purpose::attribute, 0);
    ASSERT_GT(x, 0.0);
    ASSERT_LT(x, 1.0);
    u.push_back(x);
  }
  const Moments m = moments_of(u);
  const double n = k_draws;
  // Mean 1/2, variance 1/12; var(sample variance) ~ (mu4 - sigma^4) / n with mu4 = 1/80.
  EXPECT_NEAR(m.mean, 0.5, k_z * std::sqrt(1.0 / 12.0 / n));
  EXPECT_NEAR(m.variance, 1.0 / 12.0, k_z * std::sqrt((1.0 / 80.0 - 1.0 / 144.0) / n));
}

TEST(RandomStreams, UniformExtremesStayInsideTheInterval) {
  // The 53-bit fixed-point conversion never returns 0 or 1, so -log(u) is finite.
  const double lowest = r123::u01fixedpt<double>(std::uint64_t{0});
  const double highest = r123::u01fixedpt<double>(~std::uint64_t{0});
  EXPECT_GT(lowest, 0.0);
  EXPECT_LT(highest, 1.0);
  EXPECT_TRUE(std::isfinite(-std::log(lowest)));
  EXPECT_GT(-std::log(highest), 0.0);
}

TEST(RandomStreams, ExponentialThresholdHasMeanAndVarianceOne) {
  const StreamKey key{31337, 0};
  std::vector<double> e;
  e.reserve(k_draws);
  for (int i = 0; i < k_draws; ++i) {
    const double x =
        exponential_threshold(key, static_cast<std::uint64_t>(i), Purpose::threshold_employed, 0);
    ASSERT_GT(x, 0.0);
    ASSERT_TRUE(std::isfinite(x));
    e.push_back(x);
  }
  const Moments m = moments_of(e);
  const double n = k_draws;
  EXPECT_NEAR(m.mean, 1.0, k_z * std::sqrt(1.0 / n));
  // Exp(1): mu4 = 9, sigma^4 = 1.
  EXPECT_NEAR(m.variance, 1.0, k_z * std::sqrt(8.0 / n));
}

TEST(RandomStreams, KeyedEngineDrivesBoostGamma) {
  const double shape = 2.0;
  const double scale = 1.5;
  const StreamKey key{99, 4};
  std::vector<double> g;
  g.reserve(k_draws);
  for (int i = 0; i < k_draws; ++i) {
    KeyedEngine engine(key, static_cast<std::uint64_t>(i), Purpose::frailty);
    boost::random::gamma_distribution<double> gamma(shape, scale);
    g.push_back(gamma(engine));
  }
  const Moments m = moments_of(g);
  const double n = k_draws;
  const double mean = shape * scale;
  const double variance = shape * scale * scale;
  // Fourth central moment of a gamma: 3 k (k + 2) theta^4.
  const double mu4 = 3 * shape * (shape + 2) * std::pow(scale, 4);
  EXPECT_NEAR(m.mean, mean, k_z * std::sqrt(variance / n));
  EXPECT_NEAR(m.variance, variance, k_z * std::sqrt((mu4 - variance * variance) / n));

  // The same person's engine gives the same gamma draw again.
  KeyedEngine again(key, 0, Purpose::frailty);
  boost::random::gamma_distribution<double> gamma(shape, scale);
  EXPECT_EQ(gamma(again), g[0]);
}

}  // namespace
}  // namespace integrasim
