// The ordered fold of chunk sums (core/ordered_fold.h): whatever order threads finish their
// chunks in, the total gets exactly the additions of a sequential fold in chunk order, and
// no chunk starts a window or more ahead of the next one to merge.
#include "core/ordered_fold.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <random>
#include <thread>
#include <vector>

namespace integrasim::testing {
namespace {

TallyLayout small_layout() {
  TallyLayout l;
  l.variants = 1;
  l.groups = 1;
  l.metrics = 3;
  return l;
}

// Values of very different magnitudes and signs, so that floating sums in another order
// come out different in their last bits.
std::vector<std::vector<double>> chunk_values(std::int64_t chunks, std::size_t size) {
  std::mt19937_64 gen(42);
  std::uniform_real_distribution<double> mantissa(-1.0, 1.0);
  std::uniform_int_distribution<int> exponent(-20, 40);
  std::vector<std::vector<double>> out(static_cast<std::size_t>(chunks), std::vector<double>(size));
  for (auto& chunk : out)
    for (double& v : chunk) v = std::ldexp(mantissa(gen), exponent(gen));
  return out;
}

bool same_bits(const std::vector<double>& a, const std::vector<double>& b) {
  return a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size() * sizeof(double)) == 0;
}

TEST(OrderedFold, AnyFinishingOrderGivesTheSequentialSumsAndStaysWithinTheWindow) {
  const TallyLayout layout = small_layout();
  constexpr std::int64_t k_chunks = 300;
  const auto values = chunk_values(k_chunks, layout.variant_sum_size());
  std::vector<double> sequential(layout.variant_sum_size(), 0.0);
  for (const auto& chunk : values)
    for (std::size_t i = 0; i < sequential.size(); ++i) sequential[i] += chunk[i];
  std::vector<double> reversed(layout.variant_sum_size(), 0.0);
  for (auto it = values.rbegin(); it != values.rend(); ++it)
    for (std::size_t i = 0; i < reversed.size(); ++i) reversed[i] += (*it)[i];
  ASSERT_FALSE(same_bits(sequential, reversed)) << "the values do not show a change of order";

  for (const int threads : {1, 2, 5}) {
    const std::int64_t window = 2 * threads;
    Tallies total = make_sum_tallies(layout);
    OrderedFold fold(total, window);
    std::atomic<std::int64_t> next{0};
    std::atomic<bool> stop{false};
    std::atomic<int> too_far_ahead{0};
    std::vector<std::thread> pool;
    for (int t = 0; t < threads; ++t)
      pool.emplace_back([&, t] {
        std::mt19937 gen(static_cast<unsigned>(t));
        std::uniform_int_distribution<int> pause_us(0, 300);
        for (std::int64_t c = next.fetch_add(1); c < k_chunks; c = next.fetch_add(1)) {
          std::optional<Tallies> sums = fold.begin_chunk(c, stop);
          ASSERT_TRUE(sums.has_value());
          if (c >= fold.merged() + window) too_far_ahead.fetch_add(1);
          for (const double v : sums->variant_sums) ASSERT_EQ(v, 0.0);  // recycled arrays are zeroed
          std::this_thread::sleep_for(std::chrono::microseconds(pause_us(gen)));
          sums->variant_sums = values[static_cast<std::size_t>(c)];
          fold.finish_chunk(c, std::move(*sums));
        }
      });
    for (auto& th : pool) th.join();
    EXPECT_EQ(fold.merged(), k_chunks);
    EXPECT_EQ(too_far_ahead.load(), 0);
    EXPECT_TRUE(same_bits(total.variant_sums, sequential)) << threads << " threads";
  }
}

TEST(OrderedFold, AWorkerWaitingAheadGivesUpWhenTheRunStops) {
  Tallies total = make_sum_tallies(small_layout());
  OrderedFold fold(total, 2);
  std::atomic<bool> stop{false};
  ASSERT_TRUE(fold.begin_chunk(0, stop).has_value());  // chunk 0 never finishes
  std::thread waiter([&] { EXPECT_FALSE(fold.begin_chunk(2, stop).has_value()); });
  std::this_thread::sleep_for(std::chrono::milliseconds(20));
  stop.store(true);
  waiter.join();
  EXPECT_EQ(fold.merged(), 0);
}

}  // namespace
}  // namespace integrasim::testing
