// Target registry CSV -> Targets (scenarios/validation/targets.csv and calibration
// target files). Columns: id, scenario, arm, metric, subgroup, comparison (level |
// difference), published, tolerance, scale, source, in_sample (yes | no), note. Bad rows
// are InputErrors naming file, line, column and value.
#pragma once

#include <string>
#include <vector>

#include "analysis/targets.h"

namespace integrasim {

std::vector<Target> read_targets(const std::string& csv_path);

}  // namespace integrasim
