// A person's latent random draws (docs/model.md §9): the exponential thresholds and uniforms
// every arm variant of the person shares (common random numbers).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>

#include "core/limits.h"
#include "core/model_types.h"
#include "core/random_streams.h"

namespace integrasim {

// A person's latent draws, shared by every arm variant (common random numbers). The first
// few spells are cached because each variant asks for the same ones.
class Latent {
 public:
  Latent(const StreamKey& key, std::uint64_t person) : key_(key), person_(person) {}

  double benefit_threshold(int spell, int destination) {
    static constexpr Purpose purposes[k_destination_count] = {
        Purpose::threshold_employed, Purpose::threshold_education, Purpose::threshold_exit,
        Purpose::threshold_off_benefit};
    const Purpose p = purposes[destination];
    if (spell >= k_cached_spells)
      return exponential_threshold(key_, person_, p, static_cast<std::uint64_t>(spell));
    return benefit_.get(static_cast<std::size_t>(spell * k_destination_count + destination), [&] {
      return exponential_threshold(key_, person_, p, static_cast<std::uint64_t>(spell));
    });
  }
  double job_loss_threshold(int spell) { return cached(job_loss_, Purpose::threshold_job_loss, spell); }
  double dropout_threshold(int spell) { return cached(dropout_, Purpose::threshold_dropout, spell); }
  double off_benefit_return_threshold(int spell) {
    return exponential_threshold(key_, person_, Purpose::threshold_off_benefit_return,
                                 static_cast<std::uint64_t>(spell));
  }
  // The k-th breach of obligations in benefit spell `spell` (sanction regimes).
  double violation_threshold(int spell, int k) {
    return exponential_threshold(
        key_, person_, Purpose::sanction,
        static_cast<std::uint64_t>(spell) * k_spell_index_stride + static_cast<std::uint64_t>(k));
  }

  // Uniforms per (spell, pathway step): whether the step is offered (coverage) and
  // whether a company placement can be established (placement).
  double coverage_uniform(int spell, int step_key) {
    return step_uniform(coverage_, Purpose::coverage, spell, step_key);
  }
  double placement_uniform(int spell, int step_key) {
    return step_uniform(placement_, Purpose::placement, spell, step_key);
  }

 private:
  static constexpr int k_cached_spells = 8;
  static constexpr int k_cached_coverage_spells = 2;
  static constexpr int k_cached_steps = 32;

  // Up to 64 draws, each made the first time it is asked for. A bit per slot says which
  // are made, so a new person costs one word to clear, not a fill of every slot.
  template <std::size_t N>
  class Slots {
    static_assert(N <= 64);

   public:
    template <typename Draw>
    double get(std::size_t i, Draw&& draw) {
      const std::uint64_t bit = std::uint64_t{1} << i;
      if ((made_ & bit) == 0) {
        values_[i] = draw();
        made_ |= bit;
      }
      return values_[i];
    }

   private:
    std::uint64_t made_ = 0;
    std::array<double, N> values_;  // read only where made_ has the slot's bit
  };

  using StepCache = Slots<k_cached_coverage_spells * k_cached_steps>;

  double step_uniform(StepCache& cache, Purpose p, int spell, int step_key) {
    const std::uint64_t index =
        static_cast<std::uint64_t>(spell) * k_spell_index_stride + static_cast<std::uint64_t>(step_key);
    if (spell >= k_cached_coverage_spells || step_key >= k_cached_steps)
      return uniform_open01(key_, person_, p, index);
    return cache.get(static_cast<std::size_t>(spell * k_cached_steps + step_key),
                     [&] { return uniform_open01(key_, person_, p, index); });
  }

  template <std::size_t N>
  double cached(Slots<N>& cache, Purpose p, int spell) {
    if (spell >= static_cast<int>(N))
      return exponential_threshold(key_, person_, p, static_cast<std::uint64_t>(spell));
    return cache.get(static_cast<std::size_t>(spell), [&] {
      return exponential_threshold(key_, person_, p, static_cast<std::uint64_t>(spell));
    });
  }

  StreamKey key_;
  std::uint64_t person_;
  Slots<k_cached_spells * k_destination_count> benefit_;
  Slots<k_cached_spells> job_loss_;
  Slots<k_cached_spells> dropout_;
  StepCache coverage_;
  StepCache placement_;
};

}  // namespace integrasim
