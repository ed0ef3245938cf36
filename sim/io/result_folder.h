// A result folder read back (for `integrasim compare`, docs/compare.md): summary.csv in
// either dialect and manifest.json. Every problem is an InputError naming the file, and
// for a bad field or bad JSON its line and column.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "io/manifest.h"

namespace integrasim {

// One row of summary.csv: an arm x subgroup with every metric's value and SE.
struct ReadSummaryRow {
  std::string arm;
  std::string role;
  std::string subgroup;
  std::int64_t persons = 0;
  std::vector<double> values;  // per metric, aligned with ReadSummary::metrics; NaN = empty
  std::vector<double> ses;
};

struct ReadSummary {
  std::string dialect;               // "standard" or "excel-da", as detected
  std::vector<std::string> metrics;  // metric column names in file order
  std::vector<ReadSummaryRow> rows;
};

struct ResultFolder {
  std::string folder;
  ReadSummary summary;
  Manifest manifest;  // the fields compare reads: version, git revision, build type,
                      // scenario, description, seed, persons, draws, threads, horizon,
                      // dialect, inputs
};

// Parses summary.csv text; `file` names it in messages.
ReadSummary parse_summary_csv(const std::string& text, const std::string& file);
// Parses manifest.json text; `file` names it in messages.
Manifest parse_manifest_json(const std::string& text, const std::string& file);

// Reads `folder`/summary.csv and `folder`/manifest.json; `role` ("A" or "B") names the
// folder in the message when it does not exist.
ResultFolder read_result_folder(const std::string& folder, const std::string& role);

}  // namespace integrasim
