// What `integrasim calibrate` writes: the fit report, the calibrated catalogue rows, the
// fitted parameters and a summary, and (with --apply) the rewritten catalogue files.
#pragma once

#include <string>
#include <vector>

#include "analysis/calibration.h"
#include "io/csv_writer.h"
#include "io/output_folder.h"

namespace integrasim {

// Calibrated values are written with this many significant digits (far below their
// standard errors, and readable in the catalogue).
inline constexpr int k_calibrated_digits = 4;
double round_significant(double value, int digits);

// fit_report.csv: per target, published, simulated at the start and at the solution
// with its Monte Carlo SE, residual, weighted residual and whether it is within tolerance.
std::string fit_report_csv(const CalibrationResult& result, CsvDialect dialect);

// parameters.csv: per parameter, kind, ids, bounds, start, estimate, SEs, at_bound.
std::string fitted_parameters_csv(const CalibrationResult& result, CsvDialect dialect);

// calibrated_rows.csv: the catalogue rows with their new values (rounded as above),
// interval, distribution, source, status calibrated and a note naming the targets.
std::string calibrated_rows_csv(const CalibrationResult& result, CsvDialect dialect);

// calibration.json: iterations, evaluations, objective before and after, whether it
// converged and why it stopped, condition number, and the iteration history.
std::string calibration_summary_json(const CalibrationResult& result);

// A console table of the fit (parameters, then targets).
std::string calibration_console_report(const std::string& name, const CalibrationResult& result,
                                       const std::string& folder);

// The catalogue files of `catalogue_dir` with the calibrated rows rewritten in place
// (value, interval, distribution, source, status, note; everything else byte for byte).
// Only rows of files with a `value` column can be rewritten (not interventions.csv):
// InputError otherwise. The caller writes them with write_output_folder.
std::vector<OutputFile> apply_calibration_files(const CalibrationResult& result,
                                                const std::string& catalogue_dir);

}  // namespace integrasim
