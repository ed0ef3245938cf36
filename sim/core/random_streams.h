// Keyed random streams (docs/model.md §9, docs/developing.md principle 3): every random number is a
// pure function of (master seed, parameter draw, person, purpose, index) through
// Random123's Philox4x32-10. Nothing depends on the thread or on the order persons are
// simulated, so results are identical for any thread count, arms share their draws
// (common random numbers), and adding a purpose never shifts another purpose's draws.
#pragma once

#include <Random123/philox.h>
#include <Random123/uniform.hpp>

#include <cmath>
#include <cstdint>
#include <limits>

namespace integrasim {

// Named purposes. Append new purposes at the end; never renumber (that would change
// every published result for a given seed).
enum class Purpose : std::uint32_t {
  attribute = 1,                      // index = block 0 (sex, group, match group, age) and block 1 (rest)
  frailty = 2,                        // index = running draw number for the gamma sampler
  threshold_employed = 3,             // index = benefit spell number (0 = first spell)
  threshold_education = 4,            // index = benefit spell number
  threshold_exit = 5,                 // index = benefit spell number
  threshold_job_loss = 6,             // index = employment spell number
  threshold_dropout = 7,              // index = education spell number
  coverage = 8,                       // index = benefit spell * k_spell_index_stride + step key
  parameter_draw = 9,                 // index = parameter number (probabilistic sensitivity analysis)
  placement = 10,                     // index = benefit spell * k_spell_index_stride + step key
  sanction = 11,                      // index = benefit spell * k_spell_index_stride + breach number
  threshold_off_benefit = 12,         // index = benefit spell number
  threshold_off_benefit_return = 13,  // index = off-benefit spell number
  queue_order = 14,                   // index = 0: the tie-break among persons due the same month
};

// The fixed part of a key: master seed and parameter draw.
struct StreamKey {
  std::uint64_t seed = 0;
  std::uint32_t draw = 0;
};

// Four 32-bit random words for (key, person, purpose, index).
inline r123::Philox4x32::ctr_type random_block(const StreamKey& key, std::uint64_t person, Purpose purpose,
                                               std::uint64_t index) {
  using Philox = r123::Philox4x32;
  const Philox::key_type k = {
      {static_cast<std::uint32_t>(key.seed), static_cast<std::uint32_t>(key.seed >> 32)}};
  // Counter layout: person (low 32 bits), draw, purpose (8 bits) with the high 24 bits of
  // the index, and the low 32 bits of the index. Persons above 2^32 would alias, so the
  // readers limit persons to k_max_persons (core/limits.h).
  const Philox::ctr_type c = {
      {static_cast<std::uint32_t>(person), key.draw,
       (static_cast<std::uint32_t>(purpose) << 24) | static_cast<std::uint32_t>((index >> 32) & 0xFFFFFFU),
       static_cast<std::uint32_t>(index)}};
  return Philox()(c, k);
}

// A uniform number in the open interval (0, 1) with 53 random bits.
inline double uniform_open01(const StreamKey& key, std::uint64_t person, Purpose purpose,
                             std::uint64_t index) {
  const auto block = random_block(key, person, purpose, index);
  const std::uint64_t bits = (static_cast<std::uint64_t>(block[0]) << 32) | block[1];
  return r123::u01fixedpt<double>(bits);
}

// A unit-exponential latent threshold E ~ Exp(1) (docs/model.md §9).
inline double exponential_threshold(const StreamKey& key, std::uint64_t person, Purpose purpose,
                                    std::uint64_t index) {
  return -std::log(uniform_open01(key, person, purpose, index));
}

// A uniform random bit generator over one (person, purpose) stream, for Boost.Random
// distributions that need a variable number of raw draws (e.g. the gamma sampler).
class KeyedEngine {
 public:
  using result_type = std::uint32_t;
  KeyedEngine(const StreamKey& key, std::uint64_t person, Purpose purpose)
      : key_(key), person_(person), purpose_(purpose) {}
  static constexpr result_type min() { return 0; }
  static constexpr result_type max() { return std::numeric_limits<result_type>::max(); }
  result_type operator()() {
    if (used_ == 4) {
      block_ = random_block(key_, person_, purpose_, next_index_++);
      used_ = 0;
    }
    return block_[used_++];
  }

 private:
  StreamKey key_;
  std::uint64_t person_;
  Purpose purpose_;
  std::uint64_t next_index_ = 0;
  r123::Philox4x32::ctr_type block_{};
  unsigned used_ = 4;
};

}  // namespace integrasim
