#include "cli/cli_support.h"

#include <algorithm>
#include <ctime>
#include <filesystem>
#include <stdexcept>

#include "core/build_info.h"
#include "core/diagnostics.h"
#include "core/limits.h"
#include "io/embedded_inputs.h"
#include "io/scenario_reader.h"

namespace integrasim::cli {
namespace {
const SourcePosition k_command_line{"command line", 0, 0};
}  // namespace

std::string integer_range(std::int64_t lo, std::int64_t hi) {
  return "an integer between " + std::to_string(lo) + " and " + std::to_string(hi);
}

void check_persons(const std::optional<std::int64_t>& persons) {
  if (persons && (*persons < 1 || *persons > k_max_persons))
    fail_input(k_command_line, "--persons", std::to_string(*persons), integer_range(1, k_max_persons));
}

void check_seed(const std::optional<std::int64_t>& seed) {
  // No upper check: the option's type, std::int64_t, ends at k_max_seed.
  if (seed && *seed < 0)
    fail_input(k_command_line, "--seed", std::to_string(*seed), integer_range(0, k_max_seed));
}

void check_threads(int threads) {
  if (threads < 1 || threads > k_max_threads)
    fail_input(k_command_line, "--threads", std::to_string(threads), integer_range(1, k_max_threads));
}

void check_csv_dialect(const std::string& dialect) {
  if (dialect != "standard" && dialect != "excel-da")
    fail_input(k_command_line, "--csv-dialect", dialect, "standard or excel-da");
}

ReportLanguage report_language_of(const std::string& language) {
  ReportLanguage parsed = ReportLanguage::da;
  if (!parse_report_language(language, parsed))
    fail_input(k_command_line, "--language", language, "da (Danish) or en (English)");
  return parsed;
}

CsvDialect csv_dialect_of(const std::string& dialect) {
  return dialect == "excel-da" ? CsvDialect::excel_da : CsvDialect::standard;
}

std::vector<FileHash> catalogue_input_hashes(const std::string& dir) {
  std::vector<FileHash> out;
  if (dir.empty()) {
    for (const EmbeddedFile& f : embedded_inputs()) {
      if (f.path == "default.toml") continue;
      std::string name = "<built-in>/";
      name.append(f.path);
      out.push_back({name, sha256_hex(f.content)});
    }
    return out;
  }
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(dir))
    if (entry.path().extension() == ".csv") files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  for (const auto& f : files) out.push_back({f.string(), sha256_hex(read_text_file(f.string()))});
  return out;
}

std::string utc_now() {
  const std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buffer;
}

Manifest new_manifest(const std::string& command_line) {
  Manifest m;
  m.version = build_version();
  m.git_revision = build_git_revision();
  m.build_type = build_type();
  m.command_line = command_line;
  return m;
}

void write_results(const std::string& folder, std::vector<OutputFile> files, Manifest manifest) {
  manifest.outputs.clear();
  for (const OutputFile& f : files) manifest.outputs.push_back({f.name, sha256_hex(f.content)});
  files.push_back({"manifest.json", manifest_json(manifest)});
  try {
    write_output_folder(folder, files);
  } catch (const std::runtime_error& e) {
    fail_input_message({"--out", 0, 0}, std::string("cannot write the results: ").append(e.what()));
  }
}

}  // namespace integrasim::cli
