// The memo of exp() (core/exp_cache.h) gives std::exp's bits for every input, whether the
// value is found in it, has been pushed out by another that maps to the same slot, or was
// never there.
#include "core/exp_cache.h"

#include <gtest/gtest.h>

#include <bit>
#include <cmath>
#include <cstdint>
#include <random>
#include <vector>

namespace integrasim::testing {
namespace {

TEST(ExpCache, EveryValueIsStdExpBitForBit) {
  std::mt19937_64 gen(17);
  std::uniform_real_distribution<double> log_hr(-3.0, 3.0);
  // Far more distinct values than slots, each asked for several times in a random order,
  // so that hits, misses and evictions all occur.
  std::vector<double> values{0.0, -0.0, 1e-300, -1e-300};
  for (int i = 0; i < 5000; ++i) values.push_back(log_hr(gen));
  std::uniform_int_distribution<std::size_t> pick(0, values.size() - 1);
  ExpCache cache;
  for (int i = 0; i < 200000; ++i) {
    const double x = values[pick(gen)];
    const double first = cache(x);
    const double again = cache(x);  // now certainly in the memo
    ASSERT_EQ(std::bit_cast<std::uint64_t>(first), std::bit_cast<std::uint64_t>(std::exp(x))) << x;
    ASSERT_EQ(std::bit_cast<std::uint64_t>(again), std::bit_cast<std::uint64_t>(std::exp(x))) << x;
  }
}

TEST(ExpCache, AFreshMemoAnswersZeroAndItsNeighbours) {
  ExpCache cache;
  EXPECT_EQ(cache(0.0), 1.0);  // the slots' initial entry
  EXPECT_EQ(cache(-0.0), 1.0);
  const double tiny = std::nextafter(0.0, 1.0);
  EXPECT_EQ(std::bit_cast<std::uint64_t>(cache(tiny)), std::bit_cast<std::uint64_t>(std::exp(tiny)));
  EXPECT_EQ(std::bit_cast<std::uint64_t>(cache(-1.5)), std::bit_cast<std::uint64_t>(std::exp(-1.5)));
}

}  // namespace
}  // namespace integrasim::testing
