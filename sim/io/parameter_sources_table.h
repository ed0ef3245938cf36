// The parameters sheet of results.xlsx: every catalogue value in force in a run, with its
// unit, 95 % interval, distribution, status, source id and catalogue row, as
// `integrasim check` lists them (io/scenario_check.h).
#pragma once

#include "core/compiled_model.h"
#include "io/table.h"

namespace integrasim {

// id, value, unit, ci_low, ci_high, distribution, status ("override" where the scenario
// overrode the row), source, file, line, note; in catalogue order.
Table parameter_sources_table(const Parameters& parameters);

}  // namespace integrasim
