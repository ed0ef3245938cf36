// A memo of exp(): the effect multipliers exp(log HR) of a scenario take few distinct
// values (sums of a few catalogue log HRs times doses), so most re-evaluations of the
// hazards find the multiplier they need already computed. exp is a pure function, so a
// value from the memo is bit for bit the one std::exp would return: results do not depend
// on what is in it.
#pragma once

#include <array>
#include <bit>
#include <cmath>
#include <cstddef>
#include <cstdint>

namespace integrasim {

class ExpCache {
 public:
  ExpCache() {
    // Every slot starts as exp(0) = 1, a valid entry.
    keys_.fill(0);
    values_.fill(1.0);
  }

  double operator()(double x) {
    const std::uint64_t bits = std::bit_cast<std::uint64_t>(x);
    // Fibonacci hashing: the high bits of the product mix all the key's bits.
    const std::size_t slot = static_cast<std::size_t>((bits * 0x9E3779B97F4A7C15ULL) >> (64 - k_slot_bits));
    if (keys_[slot] != bits) {
      keys_[slot] = bits;
      values_[slot] = std::exp(x);
    }
    return values_[slot];
  }

 private:
  static constexpr int k_slot_bits = 10;  // 1,024 slots, 16 KiB: stays in the L1 cache
  std::array<std::uint64_t, std::size_t{1} << k_slot_bits> keys_{};
  std::array<double, std::size_t{1} << k_slot_bits> values_{};
};

}  // namespace integrasim
