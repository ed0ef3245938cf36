#include "analysis/uncertainty.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "analysis/summarise.h"
#include "core/compiled_model.h"

namespace integrasim {
namespace {

constexpr double k_nan = std::numeric_limits<double>::quiet_NaN();

Parameters base_parameters(const Scenario& scenario, const Catalogue& catalogue) {
  Parameters base = resolve_parameters(catalogue, scenario);
  apply_uncertainty_spec(base, scenario.uncertainty);
  return base;
}

DrawResult simulate_draw(const Parameters& base, const Scenario& scenario, const SimulationOptions& options,
                         std::uint32_t draw, bool sobol) {
  SampledDraw sampled = sample_draw(base, scenario, options.seed, draw, sobol);
  CompiledModel model;
  try {
    model = compile_model(sampled.scenario, sampled.parameters);
  } catch (const InputError& e) {
    std::string message = "parameter draw ";
    message.append(std::to_string(draw)).append(": ").append(e.what());
    throw InputError(message);
  }
  SimulationOptions sim = options;
  sim.draw = draw;
  DrawResult out;
  out.draw = draw;
  out.values = std::move(sampled.values);
  out.results = summarise(model, simulate(model, sim));
  out.results.monthly.clear();
  out.results.monthly.shrink_to_fit();
  return out;
}

// Values that are not finite (a metric undefined in a draw) are left out.
std::vector<double> finite(const std::vector<double>& values) {
  std::vector<double> out;
  for (const double v : values)
    if (std::isfinite(v)) out.push_back(v);
  return out;
}

double mean_of(const std::vector<double>& values) {
  if (values.empty()) return k_nan;
  double sum = 0;
  for (const double v : values) sum += v;
  return sum / static_cast<double>(values.size());
}

const SummaryRow* row_for(const Results& r, int arm, int subgroup) {
  for (const auto& row : r.summary)
    if (row.arm == arm && row.subgroup == subgroup) return &row;
  return nullptr;
}

}  // namespace

DrawSet run_draws(const Scenario& scenario, const Catalogue& catalogue, const SimulationOptions& options,
                  int draws, bool sobol) {
  const Parameters base = base_parameters(scenario, catalogue);
  DrawSet set;
  set.parameters = all_uncertain_parameters(base, scenario);
  for (const auto& p : set.parameters) set.point_values.push_back(p.value);
  set.seed = options.seed;
  set.sobol = sobol;
  for (int d = 1; d <= draws; ++d) {
    SimulationOptions sim = options;
    if (options.progress) {
      const auto& progress = options.progress;
      sim.progress = [&progress, d, draws](double done) {
        progress((static_cast<double>(d - 1) + done) / static_cast<double>(draws));
      };
    }
    set.draws.push_back(simulate_draw(base, scenario, sim, static_cast<std::uint32_t>(d), sobol));
  }
  return set;
}

DrawResult run_draw(const Scenario& scenario, const Catalogue& catalogue, const SimulationOptions& options,
                    std::uint32_t draw, bool sobol) {
  return simulate_draw(base_parameters(scenario, catalogue), scenario, options, draw, sobol);
}

double percentile(std::vector<double> values, double p) {
  values = finite(values);
  if (values.empty()) return k_nan;
  std::sort(values.begin(), values.end());
  const double h = (static_cast<double>(values.size()) - 1.0) * std::clamp(p, 0.0, 1.0);
  const auto lo = static_cast<std::size_t>(std::floor(h));
  const std::size_t hi = std::min(lo + 1, values.size() - 1);
  return values[lo] + (h - static_cast<double>(lo)) * (values[hi] - values[lo]);
}

VarianceSplit variance_split(const std::vector<double>& values, const std::vector<double>& standard_errors) {
  VarianceSplit out{k_nan, k_nan, k_nan};
  std::vector<double> v;
  std::vector<double> se;
  for (std::size_t i = 0; i < values.size() && i < standard_errors.size(); ++i) {
    if (!std::isfinite(values[i]) || !std::isfinite(standard_errors[i])) continue;
    v.push_back(values[i]);
    se.push_back(standard_errors[i]);
  }
  if (v.size() < 2) return out;
  const double m = mean_of(v);
  double ss = 0;
  double mc = 0;
  for (std::size_t i = 0; i < v.size(); ++i) {
    ss += (v[i] - m) * (v[i] - m);
    mc += se[i] * se[i];
  }
  out.total = ss / static_cast<double>(v.size() - 1);
  out.monte_carlo = mc / static_cast<double>(v.size());
  if (out.total > 0) out.share_parameter = std::max(0.0, 1.0 - out.monte_carlo / out.total);
  return out;
}

UncertaintySummary summarise_draws(const DrawSet& set) {
  UncertaintySummary out;
  out.draws = static_cast<int>(set.draws.size());
  out.sobol = set.sobol;
  if (set.draws.empty()) return out;
  const Results& first = set.draws.front().results;
  out.arms = first.arms;
  out.comparator_arm = first.comparator_arm;
  out.subgroups = first.subgroups;
  out.metrics = first.metrics;
  const std::size_t n = set.draws.size();
  for (int a = 0; a < static_cast<int>(out.arms.size()); ++a) {
    for (int g = 0; g < static_cast<int>(out.subgroups.size()); ++g) {
      for (int k = 0; k < static_cast<int>(out.metrics.size()); ++k) {
        const auto ku = static_cast<std::size_t>(k);
        std::vector<double> value(n, k_nan), se(n, k_nan), diff(n, k_nan), diff_se(n, k_nan);
        bool present = false;
        for (std::size_t d = 0; d < n; ++d) {
          const SummaryRow* row = row_for(set.draws[d].results, a, g);
          if (row == nullptr || row->metrics.size() <= ku) continue;
          present = true;
          value[d] = row->metrics[ku].value;
          se[d] = row->metrics[ku].se;
          if (row->vs_comparator.size() > ku) {
            diff[d] = row->vs_comparator[ku].value;
            diff_se[d] = row->vs_comparator[ku].se;
          }
        }
        if (!present) continue;
        UncertaintyRow r;
        r.arm = a;
        r.subgroup = g;
        r.metric = k;
        r.mean = mean_of(finite(value));
        r.p2_5 = percentile(value, 0.025);
        r.p50 = percentile(value, 0.5);
        r.p97_5 = percentile(value, 0.975);
        r.share_parameter_variance = variance_split(value, se).share_parameter;
        r.prob_better = k_nan;
        r.diff_mean = r.diff_p2_5 = r.diff_p50 = r.diff_p97_5 = r.diff_share_parameter_variance = k_nan;
        if (a != out.comparator_arm) {
          const std::vector<double> d = finite(diff);
          r.diff_mean = mean_of(d);
          r.diff_p2_5 = percentile(d, 0.025);
          r.diff_p50 = percentile(d, 0.5);
          r.diff_p97_5 = percentile(d, 0.975);
          r.diff_share_parameter_variance = variance_split(diff, diff_se).share_parameter;
          const MetricDirection direction = metric_spec(out.metrics[ku].metric).direction;
          if (direction != MetricDirection::none && !d.empty()) {
            double wins = 0;
            for (const double x : d) {
              const double signed_x = direction == MetricDirection::higher_is_better ? x : -x;
              wins += signed_x > 0 ? 1.0 : (signed_x == 0 ? 0.5 : 0.0);
            }
            r.prob_better = wins / static_cast<double>(d.size());
          }
        }
        out.rows.push_back(r);
      }
    }
  }
  return out;
}

const UncertaintyRow* find_row(const UncertaintySummary& summary, int arm, int subgroup,
                               std::string_view metric) {
  for (const auto& r : summary.rows)
    if (r.arm == arm && r.subgroup == subgroup &&
        summary.metrics[static_cast<std::size_t>(r.metric)].name == metric)
      return &r;
  return nullptr;
}

}  // namespace integrasim
