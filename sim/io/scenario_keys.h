// The tables of a scenario file and the keys each accepts: the one list that the scenario
// reader checks keys against (unknown keys are errors) and that `integrasim check` prints
// in full, so that a key added to the format cannot be read without being shown.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace integrasim {

struct ScenarioTable {
  std::string name;               // "" = the top level; nested tables as "pathway.step"
  std::vector<std::string> keys;  // in the order the reference documents and check prints them
};

// Every table: the top level, [scenario], [population], one [population.<dimension>] per
// attribute dimension (its levels), [frailty], [municipality], [labour_market],
// [[pathway]], [[pathway.step]], [[arm]], [[arm.assign]], [output], [uncertainty], and
// "uncertainty.distribution" (the keys of each { distribution, low, high } value).
// [overrides] is absent: its keys are catalogue ids.
const std::vector<ScenarioTable>& scenario_tables();

// The keys of table `name` (an internal error if there is no such table).
const std::vector<std::string>& scenario_keys(std::string_view name);

}  // namespace integrasim
