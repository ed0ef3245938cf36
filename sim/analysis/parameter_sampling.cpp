#include "analysis/parameter_sampling.h"

#include <boost/math/distributions/beta.hpp>
#include <boost/math/distributions/gamma.hpp>
#include <boost/math/distributions/lognormal.hpp>
#include <boost/math/distributions/normal.hpp>
#include <boost/random/sobol.hpp>

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

#include "core/random_streams.h"

namespace integrasim {
namespace {

// Width of a 95 % interval in standard deviations: 2 x the 97.5 % point of N(0, 1).
constexpr double k_interval_sds = 2.0 * 1.959963984540054;

// Keeps a uniform strictly inside (0, 1) so every quantile is finite.
double open01(double u) {
  constexpr double tiny = 1e-15;
  return std::clamp(u, tiny, 1.0 - tiny);
}

CatalogueValue* find_value(std::vector<CatalogueValue*>& values, const std::string& id) {
  for (CatalogueValue* v : values)
    if (v->id == id) return v;
  throw InputError("[uncertainty] names '" + id + "', which is not a catalogue value");
}

bool is_uncertain(const CatalogueValue& v) {
  return v.distribution != Distribution::fixed && v.has_interval && v.ci_high > v.ci_low;
}

struct KnobRef {
  const char* id;
  const UncertainKnob UncertaintySpec::*spec;
  double lo;
  double hi;
};

// Scenario knobs in their fixed order (their stream numbers follow it).
constexpr int k_knob_count = 4;
const KnobRef k_knobs[k_knob_count] = {
    {"scenario.combination_alpha", &UncertaintySpec::combination_alpha, 0.0, 1.0},
    {"municipality.company_collaboration", &UncertaintySpec::company_collaboration, 0.0, 10.0},
    {"municipality.specialised_caseworkers", &UncertaintySpec::specialised_caseworkers, 0.0, 10.0},
    {"municipality.caseload", &UncertaintySpec::caseload, 1e-3, 10.0},
};

double& knob_value(Scenario& s, int k) {
  switch (k) {
    case 0:
      return s.combination_alpha;
    case 1:
      return s.municipality.company_collaboration;
    case 2:
      return s.municipality.specialised_caseworkers;
    default:
      return s.municipality.caseload;
  }
}

}  // namespace

std::vector<UncertainParameter> uncertain_parameters(const Parameters& parameters) {
  std::vector<UncertainParameter> out;
  const auto values = parameters.values.all_values();
  for (std::size_t i = 0; i < values.size(); ++i) {
    const CatalogueValue& v = *values[i];
    if (!is_uncertain(v)) continue;
    UncertainParameter p;
    p.id = v.id;
    p.distribution = v.distribution;
    p.value = v.value;
    p.ci_low = v.ci_low;
    p.ci_high = v.ci_high;
    p.stream_index = i;
    out.push_back(std::move(p));
  }
  return out;
}

double sample_quantile(const UncertainParameter& p, double u) {
  using namespace boost::math;
  u = open01(u);
  const double width = p.ci_high - p.ci_low;
  if (!(width > 0.0)) return p.value;
  switch (p.distribution) {
    case Distribution::fixed:
      return p.value;
    case Distribution::lognormal: {
      if (!(p.value > 0.0 && p.ci_low > 0.0)) return p.value;
      const double sigma = (std::log(p.ci_high) - std::log(p.ci_low)) / k_interval_sds;
      return quantile(lognormal_distribution<double>(std::log(p.value), sigma), u);
    }
    case Distribution::normal:
      return quantile(normal_distribution<double>(p.value, width / k_interval_sds), u);
    case Distribution::beta: {
      const double m = p.value;
      if (!(m > 0.0 && m < 1.0)) return p.value;
      const double sd = width / k_interval_sds;
      // A beta needs variance < m (1 - m); keep alpha + beta >= 1 (variance at most half that).
      const double var = std::min(sd * sd, 0.5 * m * (1.0 - m));
      const double k = m * (1.0 - m) / var - 1.0;
      return quantile(beta_distribution<double>(m * k, (1.0 - m) * k), u);
    }
    case Distribution::gamma: {
      const double m = p.value;
      if (!(m > 0.0)) return p.value;
      const double sd = width / k_interval_sds;
      const double var = sd * sd;
      return quantile(gamma_distribution<double>(m * m / var, var / m), u);
    }
  }
  return p.value;
}

std::vector<double> parameter_uniforms(const std::vector<UncertainParameter>& parameters, std::uint64_t seed,
                                       std::uint32_t draw, bool sobol) {
  std::vector<double> u(parameters.size(), 0.5);
  if (parameters.empty() || draw == 0) return u;
  if (sobol) {
    constexpr std::size_t max_dimension = boost::random::default_sobol_table::max_dimension;
    if (parameters.size() > max_dimension) {
      std::string message = "a Sobol sequence supports at most ";
      message.append(std::to_string(max_dimension)).append(" uncertain values, but there are ");
      message.append(std::to_string(parameters.size()));
      throw InputError(message);
    }
    // Boost's sequence leaves out the all-zero point: its first point (0.5, ..., 0.5) is
    // Sobol point 1, so draw d (>= 1) is reached by discarding d - 1 points.
    boost::random::sobol engine(parameters.size());
    engine.discard(static_cast<boost::uintmax_t>(draw - 1) * parameters.size());
    for (double& x : u) x = open01(std::ldexp(static_cast<double>(engine()), -64));
    return u;
  }
  const StreamKey key{seed, draw};
  for (std::size_t i = 0; i < parameters.size(); ++i)
    u[i] = uniform_open01(key, 0, Purpose::parameter_draw, parameters[i].stream_index);
  return u;
}

Parameters sample_parameters(const Parameters& base, std::uint64_t seed, std::uint32_t draw, bool sobol) {
  Parameters out = base;
  if (draw == 0) return out;
  const std::vector<UncertainParameter> uncertain = uncertain_parameters(base);
  const std::vector<double> u = parameter_uniforms(uncertain, seed, draw, sobol);
  auto values = out.values.all_values_mutable();
  for (std::size_t i = 0; i < uncertain.size(); ++i)
    values[uncertain[i].stream_index]->value = sample_quantile(uncertain[i], u[i]);
  return out;
}

void apply_uncertainty_spec(Parameters& parameters, const UncertaintySpec& spec) {
  auto values = parameters.values.all_values_mutable();
  for (const UncertainValueSpec& v : spec.vary) {
    CatalogueValue* row = find_value(values, v.id);
    row->distribution = v.knob.distribution;
    row->ci_low = v.knob.low;
    row->ci_high = v.knob.high;
    row->has_interval = true;
  }
  for (const auto& [id, factor] : spec.widen) {
    CatalogueValue* row = find_value(values, id);
    if (!row->has_interval) throw InputError("[uncertainty] widen: '" + id + "' has no interval to widen");
    const double v = row->value;
    if (row->distribution == Distribution::lognormal && v > 0.0 && row->ci_low > 0.0) {
      row->ci_low = v * std::pow(row->ci_low / v, factor);
      row->ci_high = v * std::pow(row->ci_high / v, factor);
    } else {
      row->ci_low = v - factor * (v - row->ci_low);
      row->ci_high = v + factor * (row->ci_high - v);
    }
  }
  for (const std::string& id : spec.fix) find_value(values, id)->distribution = Distribution::fixed;
}

std::vector<UncertainParameter> scenario_knobs(const Scenario& scenario, std::size_t catalogue_rows) {
  std::vector<UncertainParameter> out;
  Scenario copy = scenario;  // knob_value needs a mutable scenario
  for (int k = 0; k < k_knob_count; ++k) {
    const UncertainKnob& knob = scenario.uncertainty.*(k_knobs[k].spec);
    if (!knob.active) continue;
    UncertainParameter p;
    p.id = k_knobs[k].id;
    p.distribution = knob.distribution;
    p.value = knob_value(copy, k);
    p.ci_low = knob.low;
    p.ci_high = knob.high;
    p.stream_index = catalogue_rows + static_cast<std::size_t>(k);
    out.push_back(std::move(p));
  }
  return out;
}

std::vector<UncertainParameter> all_uncertain_parameters(const Parameters& base, const Scenario& scenario) {
  std::vector<UncertainParameter> out = uncertain_parameters(base);
  for (auto& k : scenario_knobs(scenario, base.values.all_values().size())) out.push_back(std::move(k));
  return out;
}

SampledDraw sample_draw(const Parameters& base, const Scenario& scenario, std::uint64_t seed,
                        std::uint32_t draw, bool sobol) {
  SampledDraw out{base, scenario, {}};
  const std::vector<UncertainParameter> uncertain = all_uncertain_parameters(base, scenario);
  if (draw == 0) {
    for (const auto& p : uncertain) out.values.push_back(p.value);
    return out;
  }
  const std::vector<double> u = parameter_uniforms(uncertain, seed, draw, sobol);
  for (std::size_t i = 0; i < uncertain.size(); ++i)
    out.values.push_back(
        set_uncertain_value(out.parameters, out.scenario, uncertain[i], sample_quantile(uncertain[i], u[i])));
  return out;
}

double set_uncertain_value(Parameters& parameters, Scenario& scenario, const UncertainParameter& p,
                           double value) {
  auto values = parameters.values.all_values_mutable();
  if (p.stream_index < values.size()) {
    values[p.stream_index]->value = value;
    return value;
  }
  const std::size_t k = p.stream_index - values.size();
  if (k >= static_cast<std::size_t>(k_knob_count) || p.id != k_knobs[k].id) {
    std::string message("uncertain parameter '");
    message.append(p.id).append("' is neither a catalogue row nor a scenario knob");
    throw InternalError(message);
  }
  value = std::clamp(value, k_knobs[k].lo, k_knobs[k].hi);
  knob_value(scenario, static_cast<int>(k)) = value;
  return value;
}

}  // namespace integrasim
