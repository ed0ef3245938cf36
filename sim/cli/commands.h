// The subcommands: each takes a plain options struct filled by main.cpp, calls the
// library and prints. Exit status: 0 success, 2 bad input or usage, 1 internal error.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace integrasim::cli {

struct RunOptions {
  std::string scenario_path;             // empty = built-in default scenario
  std::string catalogue_dir;             // empty = built-in catalogue
  std::string out_dir;                   // empty = output/<scenario name>
  std::optional<std::int64_t> seed;      // signed so that a negative value is caught, not wrapped
  std::optional<std::int64_t> persons;
  int threads = 1;
  std::string csv_dialect = "standard";  // standard | excel-da
  bool quiet = false;
  std::string command_line;
};

struct CheckOptions {
  std::string scenario_path;
  std::string catalogue_dir;
};

struct BenchOptions {
  std::int64_t persons = 200000;
  int threads = 1;
  int repeats = 5;
};

struct ValidateOptions {
  std::string registry_dir = "scenarios/validation";  // targets.csv and reference scenarios
  std::string catalogue_dir;                          // empty = built-in catalogue
  std::string out_dir;                                // empty = no validation.csv
  std::optional<std::int64_t> persons;                // overrides every reference scenario
  int threads = 1;
  std::string only;                                   // "", in-sample, out-of-sample
};

struct EvidenceOptions {
  std::string intervention;  // filters; empty = no filter
  std::string subgroup;
  std::string status;
  std::string catalogue_dir;  // empty = built-in catalogue
};

struct CalibrateOptions {
  std::string config_path;               // calibration file (TOML)
  std::string catalogue_dir;             // empty = built-in catalogue
  std::string out_dir;                   // empty = output/calibration-<name>
  std::optional<std::int64_t> persons;   // overrides the calibration file and the scenarios
  int threads = 1;
  std::string csv_dialect = "standard";  // standard | excel-da
  bool apply = false;                    // rewrite the fitted rows of --catalogue DIR in place
  bool quiet = false;
  std::string command_line;
};

int run_command(const RunOptions& options);
int check_command(const CheckOptions& options);
int bench_command(const BenchOptions& options);
// validate and evidence live in validation_commands.cpp.
int validate_command(const ValidateOptions& options);
int evidence_command(const EvidenceOptions& options);
// calibrate lives in calibration_commands.cpp.
int calibrate_command(const CalibrateOptions& options);

}  // namespace integrasim::cli
