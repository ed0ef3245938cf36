#include "analysis/validation.h"

#include <map>
#include <utility>

#include "analysis/run_scenario.h"

namespace integrasim {

ValidationReport run_validation(std::vector<Target> targets, const Catalogue& catalogue,
                                const ScenarioLoader& load, const ValidationOptions& options) {
  ValidationReport report;
  for (auto& t : targets) {
    const bool keep =
        options.only == SampleFilter::all || (options.only == SampleFilter::in_sample) == t.in_sample;
    if (keep) report.targets.push_back(std::move(t));
  }
  report.results.resize(report.targets.size());

  // Each scenario runs once; its targets are evaluated as soon as it has run, so that a
  // bad arm or metric is reported before the next (possibly long) run.
  std::map<std::string, bool> done;
  for (std::size_t i = 0; i < report.targets.size(); ++i) {
    const std::string& file = report.targets[i].scenario;
    if (done.count(file) != 0) continue;
    done[file] = true;

    Scenario scenario = load(report.targets[i]);
    if (options.persons) scenario.persons = *options.persons;
    SimulationOptions sim;
    sim.seed = scenario.seed;
    sim.threads = options.threads;
    sim.memory_limit = options.memory_limit;
    const RunOutcome run = run_scenario(scenario, catalogue, sim);
    report.runs.push_back(ValidationRun{file, scenario.name, scenario.persons, scenario.horizon_months,
                                        scenario.seed, run.wall_seconds});
    for (std::size_t j = i; j < report.targets.size(); ++j)
      if (report.targets[j].scenario == file)
        report.results[j] = evaluate_target(report.targets[j], run.results);
  }
  return report;
}

}  // namespace integrasim
