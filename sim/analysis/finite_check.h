// Every number integrasim writes is finite (issue 12 item 10). An input that is allowed
// on its own can still overflow the sums (an override of 1e308 DKK, squared for the
// standard error, is infinite); such a run is refused before anything is written, naming
// the metric, arm and subgroup and the input that most likely led there.
//
// NaN is the writers' "not estimated" (an empty field: a share of a subgroup with no
// persons, a standard error the calendar does not estimate, the comparator's difference
// columns), so NaN in Results is left alone; the tallies behind them are plain sums and
// are never NaN unless something overflowed.
#pragma once

#include <string>
#include <string_view>

#include "core/compiled_model.h"
#include "core/results.h"
#include "core/tallies.h"

namespace integrasim {

// InputError if any floating sum of `tallies` is infinite or NaN.
void require_finite_tallies(const CompiledModel& model, const Tallies& tallies);

// InputError if any number of `results` is infinite (NaN means "not estimated").
void require_finite_results(const CompiledModel& model, const Results& results);

// The sentence naming the scenario's override most likely to have caused an overflow
// (the largest in magnitude, if it is large), or advice where to look.
std::string likely_overflow_cause(const CompiledModel* model);

}  // namespace integrasim
