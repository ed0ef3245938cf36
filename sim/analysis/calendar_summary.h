// The planner's outputs (docs/model.md §10): calendar.csv's measures by calendar month,
// in real persons and DKK, and queues.csv's account of every programme with limited places.
#pragma once

#include "core/compiled_model.h"
#include "core/results.h"
#include "core/tallies.h"

namespace integrasim {

// Adds Results::calendar and Results::queues.
void add_calendar(const CompiledModel& m, const Tallies& t, Results& out);

}  // namespace integrasim
