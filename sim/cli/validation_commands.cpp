// `integrasim validate` and `integrasim evidence`.
#include <iostream>
#include <stdexcept>

#include "analysis/validation.h"
#include "cli/cli_support.h"
#include "cli/commands.h"
#include "core/diagnostics.h"
#include "io/catalogue_reader.h"
#include "io/evidence_table.h"
#include "io/memory_limit.h"
#include "io/output_folder.h"
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

  const Catalogue catalogue = load_catalogue(o.catalogue_dir);
  std::vector<Target> targets = read_registry(o.registry_dir);
  const ValidationReport report = run_validation(
      std::move(targets), catalogue, registry_scenario_loader(o.registry_dir, catalogue), options);

  if (!o.out_dir.empty()) {
    try {
      write_output_folder(o.out_dir, {{"validation.csv", validation_csv(report, CsvDialect::standard)}});
    } catch (const std::runtime_error& e) {
      fail_input_message({"--out", 0, 0}, std::string("cannot write validation.csv: ").append(e.what()));
    }
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
