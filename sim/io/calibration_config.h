// Calibration files (scenarios/calibration/*.toml; docs/calibration.md describes the
// format) -> a CalibrationProblem with its targets and reference scenarios read and
// validated. Every problem is an InputError naming file:line:col.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "analysis/calibration.h"
#include "core/catalogue.h"
#include "io/manifest.h"

namespace integrasim {

struct LoadedCalibration {
  CalibrationProblem problem;
  std::string description;
  std::string targets_path;      // as resolved (relative to the calibration file)
  std::vector<FileHash> inputs;  // calibration file, targets file, reference scenarios
};

// Parses calibration text. `display_name` names the file in messages; `base_dir` is the
// folder relative paths (the targets file) are resolved against. Reads the targets file
// and the reference scenarios it names (relative to the targets file's folder).
LoadedCalibration parse_calibration_config(std::string_view text, const std::string& display_name,
                                           const std::string& base_dir, const Catalogue& catalogue);

// Reads and parses a calibration file; relative paths are resolved against its folder.
LoadedCalibration read_calibration_config(const std::string& path, const Catalogue& catalogue);

}  // namespace integrasim
