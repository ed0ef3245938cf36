// The subcommands: each takes a plain options struct filled by main.cpp, calls the
// library and prints. Exit status: 0 success, 2 bad input or usage, 1 internal error.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace integrasim::cli {

struct RunOptions {
  std::string scenario_path;         // empty = built-in default scenario
  std::string catalogue_dir;         // empty = built-in catalogue
  std::string out_dir;               // empty = output/<scenario name>
  std::optional<std::int64_t> seed;  // signed so that a negative value is caught, not wrapped
  std::optional<std::int64_t> persons;
  int threads = 1;
  std::string csv_dialect = "standard";  // standard | excel-da
  bool quiet = false;
  bool no_xlsx = false;  // leave results.xlsx out
  std::string command_line;
  int draws = 0;           // probabilistic sensitivity analysis: parameter draws (0 = off)
  bool sobol = false;      // draw parameters along a Sobol sequence instead of pseudo-randomly
  int draw = 0;            // re-run parameter draw D alone (as in draws.csv) instead of the point values
  std::string max_memory;  // --max-memory SIZE; empty = the memory available now

  std::string language = "da";  // report.html: da | en
  bool no_report = false;       // skip report.html
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
  std::string only;  // "", in-sample, out-of-sample
  std::string command_line;
  std::string max_memory;  // --max-memory SIZE; empty = the memory available now
};

struct EvidenceOptions {
  std::string intervention;  // filters; empty = no filter
  std::string subgroup;
  std::string status;
  std::string catalogue_dir;  // empty = built-in catalogue
};

struct CalibrateOptions {
  std::string config_path;              // calibration file (TOML)
  std::string catalogue_dir;            // empty = built-in catalogue
  std::string out_dir;                  // empty = output/calibration-<name>
  std::optional<std::int64_t> persons;  // overrides the calibration file and the scenarios
  int threads = 1;
  std::string csv_dialect = "standard";  // standard | excel-da
  bool apply = false;                    // rewrite the fitted rows of --catalogue DIR in place
  std::string max_memory;                // --max-memory SIZE; empty = the memory available now
  bool quiet = false;
  std::string command_line;
};

struct SensitivityCommandOptions {
  std::string scenario_path;  // empty = built-in default scenario
  std::string catalogue_dir;  // empty = built-in catalogue
  std::string out_dir;        // empty = output/<scenario name>-sensitivity
  std::optional<std::int64_t> seed;
  std::optional<std::int64_t> persons;  // persons per simulation (overrides the scenario)
  int draws = 100;                      // parameter draws for EVPPI; 0 = tornado only
  bool sobol = false;
  int threads = 1;
  std::string metric;  // empty = months_self_support (net_monetary_value with a value per month)
  std::optional<double> value_per_month;  // DKK per month of self-support
  std::optional<std::int64_t>
      cohort;                       // persons the per-person values are scaled to (default: the scenario's)
  std::vector<std::string> groups;  // "name=id1,id2" (ids may contain *)
  std::string max_memory;           // --max-memory SIZE; empty = the memory available now
  std::string csv_dialect = "standard";
  bool quiet = false;
  bool no_xlsx = false;  // leave results.xlsx out
  std::string command_line;

  std::string language = "da";  // report.html: da | en
  bool no_report = false;       // skip report.html
};

struct ExploreOptions {
  std::string spec_path;                // explorer spec (TOML)
  std::string catalogue_dir;            // empty = built-in catalogue
  std::string out_dir;                  // empty = output/explore-<name>
  std::optional<std::int64_t> seed;     // overrides the base scenario
  std::optional<std::int64_t> persons;  // overrides the base scenario
  int threads = 1;
  int draws = 0;                         // parameter draws for the probability of being best
  std::string csv_dialect = "standard";  // standard | excel-da
  bool quiet = false;
  bool no_prefix_reuse = false;  // simulate every candidate in full (same results, slower)
  bool no_xlsx = false;          // leave results.xlsx out
  std::string max_memory;        // --max-memory SIZE; empty = the memory available now
  std::string command_line;
};

struct BatchOptions {
  std::vector<std::string> scenario_paths;  // scenario files (TOML), at least one
  std::string catalogue_dir;                // empty = built-in catalogue
  std::string out_dir;                      // empty = output/batch
  std::optional<std::int64_t> seed;         // overrides every scenario's seed
  std::optional<std::int64_t> persons;      // overrides every scenario's persons
  int threads = 1;
  std::string csv_dialect = "standard";  // standard | excel-da
  bool no_xlsx = false;                  // leave results.xlsx out
  bool quiet = false;
  std::string command_line;
};

struct CompareOptions {
  std::string folder_a;  // result folders with summary.csv and manifest.json
  std::string folder_b;
  std::string out_dir;  // empty = print only; else also write compare.csv there
  std::string csv_dialect = "standard";
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
// explore lives in explore_command.cpp.
int explore_command(const ExploreOptions& options);
// batch (and run's [sweep] branch) live in batch_commands.cpp.
int batch_command(const BatchOptions& options);
// compare lives in compare_command.cpp.
int compare_command(const CompareOptions& options);
// sensitivity lives in sensitivity_command.cpp.
int sensitivity_command(const SensitivityCommandOptions& options);

}  // namespace integrasim::cli
