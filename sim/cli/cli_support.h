// What every subcommand shares: checks of the common options (one message shape for
// all), the catalogue's input hashes for manifests, and the time stamp.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "io/csv_writer.h"
#include "io/manifest.h"
#include "io/output_folder.h"
#include "io/report_text.h"

namespace integrasim::cli {

// "an integer between lo and hi", the rule of a bounded integer option.
std::string integer_range(std::int64_t lo, std::int64_t hi);

// Each throws InputError "command line: --x is <value>, but must be <rule>".
void check_persons(const std::optional<std::int64_t>& persons);
void check_seed(const std::optional<std::int64_t>& seed);
void check_threads(int threads);
void check_csv_dialect(const std::string& dialect);
CsvDialect csv_dialect_of(const std::string& dialect);
// report.html's --language: da or en.
ReportLanguage report_language_of(const std::string& language);

// SHA-256 of every catalogue file read: the built-in copies, or the CSV files of `dir`.
std::vector<FileHash> catalogue_input_hashes(const std::string& dir);

// Now, as ISO 8601 in UTC.
std::string utc_now();

// A manifest with what every command records: version, git revision, build type and
// the command line (the caller adds scenario, seed, persons, inputs, times).
Manifest new_manifest(const std::string& command_line);

// Writes the result files plus manifest.json, which lists each of them with its SHA-256,
// all-or-nothing; a folder that cannot be written is the user's to fix (InputError,
// exit 2), and earlier results in it are left untouched.
void write_results(const std::string& folder, std::vector<OutputFile> files, Manifest manifest);

}  // namespace integrasim::cli
