// A person's latent random draws (docs/model.md §9): the exponential thresholds and uniforms
// every arm variant of the person shares (common random numbers).
#pragma once

#include <array>
#include <cmath>
#include <cstdint>
#include <limits>

#include "core/limits.h"
#include "core/model_types.h"
#include "core/random_streams.h"

namespace integrasim {

// A person's latent draws, shared by every arm variant (common random numbers). The first
// few spells are cached because each variant asks for the same ones.
class Latent {
 public:
  Latent(const StreamKey& key, std::uint64_t person) : key_(key), person_(person) {
    benefit_.fill(std::numeric_limits<double>::quiet_NaN());
    job_loss_.fill(std::numeric_limits<double>::quiet_NaN());
    dropout_.fill(std::numeric_limits<double>::quiet_NaN());
    coverage_.fill(std::numeric_limits<double>::quiet_NaN());
    placement_.fill(std::numeric_limits<double>::quiet_NaN());
  }

  double benefit_threshold(int spell, int destination) {
    static constexpr Purpose purposes[k_destination_count] = {
        Purpose::threshold_employed, Purpose::threshold_education, Purpose::threshold_exit,
        Purpose::threshold_off_benefit};
    const Purpose p = purposes[destination];
    if (spell >= k_cached_spells)
      return exponential_threshold(key_, person_, p, static_cast<std::uint64_t>(spell));
    double& slot = benefit_[static_cast<std::size_t>(spell * k_destination_count + destination)];
    if (std::isnan(slot)) slot = exponential_threshold(key_, person_, p, static_cast<std::uint64_t>(spell));
    return slot;
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

  using StepCache = std::array<double, 2 * 32>;  // k_cached_coverage_spells x k_cached_steps

  double step_uniform(StepCache& cache, Purpose p, int spell, int step_key) {
    const std::uint64_t index =
        static_cast<std::uint64_t>(spell) * k_spell_index_stride + static_cast<std::uint64_t>(step_key);
    if (spell >= k_cached_coverage_spells || step_key >= k_cached_steps)
      return uniform_open01(key_, person_, p, index);
    double& slot = cache[static_cast<std::size_t>(spell * k_cached_steps + step_key)];
    if (std::isnan(slot)) slot = uniform_open01(key_, person_, p, index);
    return slot;
  }

  template <std::size_t N>
  double cached(std::array<double, N>& cache, Purpose p, int spell) {
    if (spell >= static_cast<int>(N))
      return exponential_threshold(key_, person_, p, static_cast<std::uint64_t>(spell));
    double& slot = cache[static_cast<std::size_t>(spell)];
    if (std::isnan(slot)) slot = exponential_threshold(key_, person_, p, static_cast<std::uint64_t>(spell));
    return slot;
  }

  StreamKey key_;
  std::uint64_t person_;
  std::array<double, k_cached_spells * k_destination_count> benefit_{};
  std::array<double, k_cached_spells> job_loss_{};
  std::array<double, k_cached_spells> dropout_{};
  StepCache coverage_{};
  StepCache placement_{};
  static_assert(std::tuple_size_v<StepCache> == k_cached_coverage_spells * k_cached_steps);
};

}  // namespace integrasim
