// Danish progression (docs/model.md §5 language): programmes teach Danish at their
// rate per participant-month; the level (0-3) raises hazards by a log HR per level and
// opens steps that need a minimum level. Danish education has six modules, each ending
// with a module test (evidence DU-1), over levels 0-3: a module is half a level, and
// hazards and eligibility count completed modules only.
#pragma once

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>

#include "core/model_types.h"

namespace integrasim {

inline constexpr double k_max_danish_level = 3.0;
inline constexpr double k_danish_module = 0.5;  // levels per module
// Absorbs rounding in sums such as 6 x (1/12) when comparing with the module grid.
inline constexpr double k_grid_tolerance = 1e-9;

// The level of the modules completed at `level`.
inline double module_level(double level) {
  return std::floor(level / k_danish_module + k_grid_tolerance) * k_danish_module;
}

// Its compiled parameters are the catalogue's log HR per level (CompiledModel::
// log_hr_per_danish_level) and each intervention's gain per month; its state is the
// person's level (RunState::danish_level) and the spell loop's rate and next module month.
class DanishProgression {
 public:
  explicit DanishProgression(const std::array<double, k_destination_count>& log_hr_per_level)
      : log_hr_per_level_(log_hr_per_level) {}

  // `gains`: whether the variant lets programmes' Danish gains act (post effects on);
  // otherwise hazards use the level at entry.
  void bind(bool gains, double level_at_entry) {
    gains_ = gains;
    level_at_entry_ = level_at_entry;
  }

  // Whether completed modules act on hazards (else the level at entry does).
  bool gains() const { return gains_; }

  // The rate that applies at `level`: none once the maximum is reached.
  static double rate(double programme_rate, double level) {
    return level < k_max_danish_level ? programme_rate : 0.0;
  }

  // The first whole month at which the next module is completed, learning at `rate` > 0.
  static int next_module_month(double level, double t, double rate) {
    const double next_grid = (std::floor(level / k_danish_module + k_grid_tolerance) + 1.0) * k_danish_module;
    return static_cast<int>(std::ceil(t + (next_grid - level) / rate - k_grid_tolerance));
  }

  // Adds `months` at `rate`; true if a module was completed (hazards and eligibility change).
  static bool gain(double& level, double rate, double months) {
    const double before = module_level(level);
    level = std::min(k_max_danish_level, level + rate * months);
    return module_level(level) != before;
  }

  // Whether a step needing `min_level` may start at `level`.
  static bool admits(double min_level, double level) {
    return module_level(level) + k_grid_tolerance >= min_level;
  }

  // The completed modules that act on hazards.
  double hazard_level(double level) const { return module_level(gains_ ? level : level_at_entry_); }

  // `hazard_level`: from hazard_level(), computed once per re-evaluation.
  double log_hr(Destination j, double hazard_level) const {
    return log_hr_per_level_[static_cast<std::size_t>(j)] * hazard_level;
  }

 private:
  const std::array<double, k_destination_count>& log_hr_per_level_;
  bool gains_ = true;
  double level_at_entry_ = 0.0;
};

}  // namespace integrasim
