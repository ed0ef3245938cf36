// `integrasim explore SPEC`: enumerate pathways of building blocks, simulate them against
// the comparator with common random numbers, rank them per subgroup, and write
// explore.csv and a manifest (docs/explorer.md).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <iostream>
#include <stdexcept>

#include "analysis/explorer.h"
#include "analysis/parameter_sampling.h"
#include "cli/cli_support.h"
#include "cli/commands.h"
#include "core/diagnostics.h"
#include "core/limits.h"
#include "io/catalogue_reader.h"
#include "io/embedded_inputs.h"
#include "io/explore_spec.h"
#include "io/explore_writer.h"
#include "io/manifest.h"
#include "io/memory_limit.h"
#include "io/progress_line.h"
#include "io/result_files.h"
#include "io/scenario_reader.h"

namespace integrasim::cli {
int explore_command(const ExploreOptions& o) {
  const SourcePosition cli{"command line", 0, 0};
  check_persons(o.persons);
  check_seed(o.seed);
  check_threads(o.threads);
  if (o.draws < 0 || o.draws > k_max_explore_draws)
    fail_input(cli, "--draws", std::to_string(o.draws), integer_range(0, k_max_explore_draws));
  check_csv_dialect(o.csv_dialect);

  const Catalogue catalogue =
      o.catalogue_dir.empty() ? read_embedded_catalogue() : read_catalogue_dir(o.catalogue_dir);
  LoadedExploreSpec loaded = read_explore_spec(o.spec_path, catalogue);
  ExploreSpec& spec = loaded.spec;
  if (o.seed) spec.base.seed = static_cast<std::uint64_t>(*o.seed);
  if (o.persons) spec.base.persons = *o.persons;
  std::string folder = o.out_dir;
  if (folder.empty()) folder = std::string("output/explore-").append(spec.name);

  integrasim::ExploreOptions options;
  options.threads = o.threads;
  options.memory_limit = memory_limit_for(o.max_memory);
  options.draws = o.draws;
  options.reuse_prefixes = !o.no_prefix_reuse;
  const std::uint64_t seed = spec.base.seed;
  options.sample = [seed](const Parameters& base, std::uint32_t draw) {
    return sample_parameters(base, seed, draw, false);
  };
  const auto progress = terminal_progress("exploring", o.quiet);
  options.progress = share_callback(progress);
  const std::string started = utc_now();
  const auto start = std::chrono::steady_clock::now();
  const ExploreResult result = explore(spec, catalogue, options);
  if (progress) progress->clear();

  Manifest manifest = new_manifest(o.command_line);
  manifest.scenario_name = std::string("explore-").append(spec.name);
  manifest.seed = spec.base.seed;
  manifest.persons = spec.base.persons;
  manifest.draws = std::max(1, o.draws);
  manifest.threads = o.threads;
  manifest.horizon_months = spec.base.horizon_months;
  manifest.csv_dialect = o.csv_dialect;
  manifest.inputs = loaded.inputs;
  for (FileHash& h : catalogue_input_hashes(o.catalogue_dir)) manifest.inputs.push_back(std::move(h));
  manifest.started_utc = started;
  manifest.wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

  const CsvDialect dialect = csv_dialect_of(o.csv_dialect);
  write_results(
      folder,
      explore_result_files(result, resolve_parameters(catalogue, spec.base), manifest, {dialect, !o.no_xlsx}),
      std::move(manifest));
  if (!o.quiet) std::cout << explore_console_report(spec, result, folder);
  return 0;
}

}  // namespace integrasim::cli
