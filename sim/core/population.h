// Synthetic cohort (docs/model.md §7): a person's attributes and frailty are drawn from keyed
// streams, so person i is the same person in every arm, thread layout and run.
#pragma once

#include <array>
#include <cstdint>

#include "core/calendar.h"
#include "core/compiled_model.h"
#include "core/random_streams.h"

namespace integrasim {

// What does not change for a person during the simulation.
struct PersonStatic {
  PersonAttributes attrs;
  int cell = 0;                                      // effect cell
  double frailty = 1.0;                              // v, mean 1
  std::array<double, k_destination_count> factor{};  // covariate HRs x frailty, per destination
  PersonWindow window;                               // place on the plan's calendar
};

PersonStatic draw_person(const CompiledModel& model, const StreamKey& key, std::uint64_t person);

// Inverse-CDF pick of a level from shares (shares sum to 1); exposed for tests.
int pick_level(const std::vector<double>& shares, double u);

}  // namespace integrasim
