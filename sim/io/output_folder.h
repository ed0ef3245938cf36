// Writes a set of result files into a folder all-or-nothing: every file goes to a
// temporary name first and is renamed into place only when all of them were written,
// so a failed run never leaves a half-written or half-overwritten result set.
#pragma once

#include <string>
#include <vector>

namespace integrasim {

struct OutputFile {
  std::string name;     // file name inside the folder, e.g. "summary.csv"
  std::string content;  // bytes to write
};

// Creates `folder` (and parents) if needed, then writes `files` atomically as above.
// Throws std::runtime_error with the path on failure (the caller exits 1).
void write_output_folder(const std::string& folder, const std::vector<OutputFile>& files);

}  // namespace integrasim
