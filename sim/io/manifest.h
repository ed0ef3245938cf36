// manifest.json: provenance beside every output (docs/developing.md principle 10).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace integrasim {

// A file and the SHA-256 of its bytes: an input as read, or an output as written.
struct FileHash {
  std::string name;    // input: path as given, or "<built-in>/evidence/effects.csv";
                       // output: file name inside the result folder
  std::string sha256;  // hex digest of the bytes
};

// One scenario of a batch or a sweep (manifest "runs"): what each of its runs used.
struct ManifestRun {
  std::string scenario_name;
  std::string scenario_file;  // as given, or "<built-in default.toml>"
  std::uint64_t seed = 0;
  std::int64_t persons = 0;
};

struct Manifest {
  std::string version;
  std::string git_revision;
  std::string build_type;
  std::string command_line;
  std::string scenario_name;
  std::string description;  // the scenario's [scenario] description, "" if none
  std::uint64_t seed = 0;
  std::int64_t persons = 0;
  int draws = 1;
  int threads = 1;
  // Under mpirun (docs/cluster.md): the ranks, and the bytes of tallies they exchanged.
  // Written only when ranks > 1, so that a one-process manifest is as before.
  int mpi_ranks = 1;
  std::int64_t mpi_bytes = 0;
  int horizon_months = 0;
  std::string csv_dialect;
  std::vector<FileHash> inputs;
  std::vector<FileHash> outputs;  // every other file of the result folder, in writing order
  std::vector<ManifestRun> runs;  // batch: one per scenario; empty (and not written) otherwise
  double wall_seconds = 0.0;
  std::string started_utc;  // ISO 8601
};

std::string manifest_json(const Manifest& manifest);

// SHA-256 of `bytes`, lowercase hex.
std::string sha256_hex(std::string_view bytes);

}  // namespace integrasim
