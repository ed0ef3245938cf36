// Combining the post-programme effects of several completed programmes (docs/model.md §4,
// knowledge gap 1). `log_hrs` holds one log hazard ratio per completed programme.
#pragma once

#include <vector>

#include "core/scenario.h"

namespace integrasim {

// multiplicative: sum of all; strongest: the largest; diminishing: sorted from the
// largest down, the i-th (from 0) weighted alpha^i. May reorder `log_hrs`.
double combine_post_effects(CombinationRule rule, double alpha, std::vector<double>& log_hrs);

}  // namespace integrasim
