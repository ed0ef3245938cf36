// Parameter uncertainty (docs/model.md §13): every uncertain catalogue value is drawn from the
// distribution its row names, parametrised from its 95 % interval; each draw is a
// Parameters value that compiles and simulates like the point estimates. Draws are
// keyed by (seed, draw, parameter number), so a draw can be re-run alone. The scenario's
// [uncertainty] table (fix, widen, vary and the scenario knobs) is applied by
// apply_uncertainty_spec and sample_draw below; docs/uncertainty.md describes it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "core/catalogue.h"
#include "core/compiled_model.h"
#include "core/scenario.h"

namespace integrasim {

// One uncertain value: a catalogue row with a non-fixed distribution and an interval.
struct UncertainParameter {
  std::string id;  // catalogue row id
  Distribution distribution = Distribution::fixed;
  double value = 0.0;   // the point value (mean / median, see sample_quantile)
  double ci_low = 0.0;  // 95 % interval
  double ci_high = 0.0;
  // Number of the keyed stream (Purpose::parameter_draw index): the row's position in
  // Catalogue::all_values(), so fixing or adding an uncertain value never changes the
  // draws of the others; scenario knobs come after the catalogue's rows.
  std::uint64_t stream_index = 0;
};

// The uncertain values of `parameters`, in catalogue order. Each keeps its position in
// Catalogue::all_values() as its stream number (UncertainParameter::stream_index), so
// adding a row at the end, or fixing a value, never changes the other values' draws.
std::vector<UncertainParameter> uncertain_parameters(const Parameters& parameters);

// The value at probability u in (0, 1) of a parameter's distribution: lognormal with
// median `value` and the interval as 2.5/97.5 % points; normal likewise; beta and gamma
// with mean `value` and standard deviation (ci_high - ci_low) / 3.92.
double sample_quantile(const UncertainParameter& p, double u);

// Parameters of draw `draw` (>= 1; draw 0 is the point estimates): each uncertain value
// replaced by sample_quantile at a keyed uniform (Purpose::parameter_draw) or, with
// `sobol`, at the draw's point of a scrambled-free Sobol sequence in as many dimensions
// as there are uncertain values.
Parameters sample_parameters(const Parameters& base, std::uint64_t seed, std::uint32_t draw, bool sobol);

// --- additions for scenario-level uncertainty ([uncertainty], docs/model.md §13) ----------------

// Applies a scenario's [uncertainty] table to catalogue rows: `vary` gives rows a
// distribution and interval, `widen` scales an interval around the value (by the factor
// on the log scale for lognormal rows, linearly otherwise), `fix` holds rows at their
// point value. Throws InputError for an id that is not in the catalogue.
void apply_uncertainty_spec(Parameters& parameters, const UncertaintySpec& spec);

// The scenario-level uncertain knobs (combination_alpha, company_collaboration,
// specialised_caseworkers, caseload) that [uncertainty] gives a distribution, in that
// order, numbered after the catalogue's rows (`catalogue_rows` = all_values().size()).
// Ids: "scenario.combination_alpha", "municipality.company_collaboration", ...
std::vector<UncertainParameter> scenario_knobs(const Scenario& scenario, std::size_t catalogue_rows);

// The uniforms in (0, 1) of draw `draw` (>= 1) for `parameters`, in their order: keyed by
// (seed, draw, person 0, Purpose::parameter_draw, stream_index), or with `sobol` the
// coordinates of point `draw` of a Sobol sequence in parameters.size() dimensions.
std::vector<double> parameter_uniforms(const std::vector<UncertainParameter>& parameters, std::uint64_t seed,
                                       std::uint32_t draw, bool sobol);

// Everything one draw changes: the catalogue values and the scenario (knobs set).
struct SampledDraw {
  Parameters parameters;
  Scenario scenario;
  std::vector<double> values;  // aligned with all_uncertain_parameters(...)
};

// The uncertain values of a run: the catalogue's (after apply_uncertainty_spec) then the
// scenario knobs. `base` must already have the spec applied.
std::vector<UncertainParameter> all_uncertain_parameters(const Parameters& base, const Scenario& scenario);

// Draw `draw` of catalogue values and scenario knobs together (draw 0 = point values).
// Sampled knobs are clamped to their scenario ranges (alpha 0-1, multipliers 0-10,
// caseload 0.001-10).
SampledDraw sample_draw(const Parameters& base, const Scenario& scenario, std::uint64_t seed,
                        std::uint32_t draw, bool sobol);

// Sets one uncertain value: a catalogue row (by its position in all_values()) or a
// scenario knob (clamped to its range). Returns the value set.
double set_uncertain_value(Parameters& parameters, Scenario& scenario, const UncertainParameter& p,
                           double value);

}  // namespace integrasim
