// The municipality's caseload CSV file (docs/caseload.md) -> CaseloadSpec: one row per
// person on benefit when the plan starts. Errors name file, line, column and value.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "core/caseload.h"
#include "io/csv_rows.h"

namespace integrasim {

// Parses the rows of `source` (messages name `source.name`). `intervention_ids` are the
// catalogue's intervention ids, which current_programme must be one of. Sets `persons`
// only: the file, its hash, simulated_per_person and `where` are the caller's.
CaseloadSpec read_caseload(const csv::CsvText& source, const std::vector<std::string>& intervention_ids);

// Reads the file at `path` and parses it; `shown_name` is the file as the scenario names
// it (for messages and CaseloadSpec::file), and CaseloadSpec::sha256 is the hash of its
// bytes. A file that cannot be read is an InputError naming it.
CaseloadSpec read_caseload_file(const std::string& shown_name, const std::filesystem::path& path,
                                const std::vector<std::string>& intervention_ids);

}  // namespace integrasim
