// `integrasim validate` and `integrasim evidence`.
#include <chrono>
#include <iostream>
#include <stdexcept>

#include "analysis/validation.h"
#include "cli/cli_support.h"
#include "cli/commands.h"
#include "core/diagnostics.h"
#include "io/catalogue_reader.h"
#include "io/evidence_table.h"
#include "io/manifest.h"
#include "io/memory_limit.h"
#include "io/output_folder.h"
#include "io/text_file.h"
#include "io/validation_registry.h"

namespace integrasim::cli {
namespace {

Catalogue load_catalogue(const std::string& dir) {
  return dir.empty() ? read_embedded_catalogue() : read_catalogue_dir(dir);
}

}  // namespace

int validate_command(const ValidateOptions& o) {
  const SourcePosition cli{"command line", 0, 0};
  check_persons(o.persons);
  check_threads(o.threads);
  ValidationOptions options;
  options.persons = o.persons;
  options.threads = o.threads;
  options.memory_limit = memory_limit_for(o.max_memory);
  if (o.only == "in-sample")
    options.only = SampleFilter::in_sample;
  else if (o.only == "out-of-sample")
    options.only = SampleFilter::out_of_sample;
  else if (!o.only.empty())
    fail_input(cli, "--only", o.only, "in-sample or out-of-sample");

  const std::string started = utc_now();
  const auto start = std::chrono::steady_clock::now();
  const Catalogue catalogue = load_catalogue(o.catalogue_dir);
  std::vector<Target> targets = read_registry(o.registry_dir);
  const ValidationReport report = run_validation(
      std::move(targets), catalogue, registry_scenario_loader(o.registry_dir, catalogue), options);

  if (!o.out_dir.empty()) {
    // Like every result folder: the file and a manifest with its provenance and SHA-256.
    Manifest manifest = new_manifest(o.command_line);
    manifest.threads = o.threads;
    if (o.persons) manifest.persons = *o.persons;
    manifest.csv_dialect = "standard";
    const std::string registry = o.registry_dir + "/targets.csv";
    manifest.inputs.push_back({registry, sha256_hex(read_text_file(registry))});
    for (const ValidationRun& run : report.runs) {
      const std::string path = o.registry_dir + "/" + run.scenario_file;
      manifest.inputs.push_back({path, sha256_hex(read_text_file(path))});
    }
    for (auto& h : catalogue_input_hashes(o.catalogue_dir)) manifest.inputs.push_back(std::move(h));
    manifest.started_utc = started;
    manifest.wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    write_results(o.out_dir, {{"validation.csv", validation_csv(report, CsvDialect::standard)}},
                  std::move(manifest));
  }
  std::cout << "Validation registry: " << o.registry_dir << "\n" << validation_table(report);
  if (!o.out_dir.empty()) std::cout << "Results: " << o.out_dir << "/validation.csv\n";
  return 0;  // a report: missed targets are findings, not failures
}

int evidence_command(const EvidenceOptions& o) {
  const Catalogue catalogue = load_catalogue(o.catalogue_dir);
  const EvidenceFilter filter = parse_evidence_filter(catalogue, o.intervention, o.subgroup, o.status);
  std::cout << evidence_table(catalogue, filter);
  return 0;
}

}  // namespace integrasim::cli
