#include "cli/scenario_inputs.h"

#include <filesystem>

#include "cli/cli_support.h"
#include "io/catalogue_reader.h"
#include "io/embedded_inputs.h"
#include "io/scenario_reader.h"

namespace integrasim::cli {

LoadedInputs load_inputs(const std::string& scenario_path, const std::string& catalogue_dir) {
  LoadedInputs in;
  in.catalogue = catalogue_dir.empty() ? read_embedded_catalogue() : read_catalogue_dir(catalogue_dir);
  if (scenario_path.empty()) {
    in.text = std::string(embedded_default_scenario());
    in.display_name = k_builtin_scenario;
  } else {
    in.text = read_text_file(scenario_path);
    in.display_name = scenario_path;
  }
  in.scenario = parse_scenario(in.text, in.display_name, in.catalogue);
  in.hashes.push_back({in.display_name, sha256_hex(in.text)});
  // The caseload file is never copied into the results: its hash says which one was used.
  if (in.scenario.caseload.active()) {
    const std::filesystem::path file(in.scenario.caseload.file);
    const std::string shown = file.is_absolute()
                                  ? file.string()
                                  : (std::filesystem::path(scenario_path).parent_path() / file).string();
    in.hashes.push_back({shown, in.scenario.caseload.sha256});
  }
  for (auto& h : catalogue_input_hashes(catalogue_dir)) in.hashes.push_back(std::move(h));
  return in;
}

}  // namespace integrasim::cli
