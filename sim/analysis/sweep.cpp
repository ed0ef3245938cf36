#include "analysis/sweep.h"

#include <cmath>
#include <memory>
#include <optional>

#include "analysis/paired_runs.h"
#include "analysis/summarise.h"
#include "core/compiled_model.h"
#include "core/diagnostics.h"

namespace integrasim {
namespace {

template <typename Item>
Item& checked(std::vector<Item>& items, int index, const char* what) {
  if (index < 0 || static_cast<std::size_t>(index) >= items.size())
    fail_internal(std::string("sweep target ") + what + " index " + std::to_string(index) + " out of range");
  return items[static_cast<std::size_t>(index)];
}

void put_value(Scenario& s, const SweepTarget& t, double value) {
  switch (t.knob) {
    case SweepKnob::override_value: {
      for (ParameterOverride& o : s.overrides) {
        if (o.id != t.override_id) continue;
        o.value = value;
        o.where = t.where;
        return;
      }
      s.overrides.push_back({t.override_id, value, t.where});
      return;
    }
    case SweepKnob::step_coverage:
      checked(checked(s.pathways, t.pathway, "pathway").steps, t.step, "step").coverage = value;
      return;
    case SweepKnob::step_start:
      checked(checked(s.pathways, t.pathway, "pathway").steps, t.step, "step").start_month =
          static_cast<int>(std::lround(value));
      return;
    case SweepKnob::capacity_places:
      checked(checked(s.arms, t.arm, "arm").capacity, t.capacity, "capacity").places = value;
      return;
  }
}

}  // namespace

Scenario scenario_at(const Scenario& base, const SweepSpec& spec, const std::vector<double>& point) {
  if (point.size() != spec.dimensions.size()) fail_internal("sweep point has the wrong number of values");
  Scenario s = base;
  for (std::size_t d = 0; d < point.size(); ++d) put_value(s, spec.dimensions[d].target, point[d]);
  return s;
}

std::vector<std::vector<double>> sweep_points(const SweepSpec& spec) {
  std::vector<std::vector<double>> points = {{}};
  for (const SweepDimension& d : spec.dimensions) {
    std::vector<std::vector<double>> next;
    for (const auto& p : points)
      for (const double v : d.values) {
        next.push_back(p);
        next.back().push_back(v);
      }
    points = std::move(next);
  }
  return spec.dimensions.empty() ? std::vector<std::vector<double>>{} : points;
}

SweepResults run_sweep(const Scenario& base, const SweepSpec& spec, const Catalogue& catalogue,
                       const SimulationOptions& options) {
  SweepResults out;
  // Only the first point's and the current point's per-person values are held at once.
  std::optional<CompiledModel> first_model;
  std::unique_ptr<PersonOutcomes> first_outcomes;
  for (const std::vector<double>& values : sweep_points(spec)) {
    const Scenario scenario = scenario_at(base, spec, values);
    const Parameters parameters = resolve_parameters(catalogue, scenario);
    CompiledModel model = compile_model(scenario, parameters);
    // The summed metrics: every summary metric but the median (core/metrics.h).
    const int metrics = tally_column_count(model.employment_rate_months);
    auto outcomes = std::make_unique<PersonOutcomes>(model, metrics);
    SimulationOptions point_options = options;
    point_options.person_outcomes = outcomes->recorder();
    SweepPoint point;
    point.values = values;
    point.results = summarise(model, simulate(model, point_options));
    if (first_outcomes) {
      point.vs_first = paired_run_differences(*first_model, out.points.front().results, *first_outcomes,
                                              point.results, *outcomes);
    } else {
      first_model = std::move(model);
      first_outcomes = std::move(outcomes);
    }
    out.points.push_back(std::move(point));
  }
  return out;
}

}  // namespace integrasim
