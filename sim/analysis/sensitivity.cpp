#include "analysis/sensitivity.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <string>
#include <utility>

#include "analysis/parameter_sampling.h"
#include "analysis/summarise.h"
#include "analysis/uncertainty.h"
#include "analysis/voi.h"

namespace integrasim {
namespace {

// The metrics with a direction, as a user names them: "months_employed, ...,
// employment_rate_m<month>, ...".
std::string decision_metric_names() {
  std::string out;
  for (const MetricSpec& spec : k_metrics) {
    if (spec.direction == MetricDirection::none) continue;
    out.append(spec.name);
    if (spec.columns == MetricColumns::per_rate_month) out.append("<month>");
    out.append(", ");
  }
  return out;
}

double summary_value(const Results& results, int arm, std::string_view name) {
  int k = -1;
  for (std::size_t i = 0; i < results.metrics.size(); ++i)
    if (results.metrics[i].name == name) k = static_cast<int>(i);
  if (k < 0) {
    std::string message("the decision metric '");
    message.append(name).append(
        "' is not reported by this scenario (employment rates only at the months in "
        "[output] employment_rate_months)");
    throw InputError(message);
  }
  for (const SummaryRow& row : results.summary)
    if (row.arm == arm && row.subgroup == 0) return row.metrics[static_cast<std::size_t>(k)].value;
  fail_internal("no summary row for an arm");
}

// The catalogue values of a run with the scenario's [uncertainty] table applied, as
// run_draws uses them.
Parameters base_parameters(const Scenario& s, const Catalogue& catalogue) {
  Parameters base = resolve_parameters(catalogue, s);
  apply_uncertainty_spec(base, s.uncertainty);
  return base;
}

// Scenario arms whose difference to the comparator the tornado reports: the policy
// arms, or every non-comparator arm if none is marked policy.
std::vector<int> reported_arms(const Scenario& s) {
  std::vector<int> out;
  for (std::size_t a = 0; a < s.arms.size(); ++a)
    if (s.arms[a].role == ArmRole::policy) out.push_back(static_cast<int>(a));
  if (out.empty())
    for (std::size_t a = 0; a < s.arms.size(); ++a)
      if (s.arms[a].role != ArmRole::comparator) out.push_back(static_cast<int>(a));
  return out;
}

int comparator_of(const Scenario& s) {
  for (std::size_t a = 0; a < s.arms.size(); ++a)
    if (s.arms[a].role == ArmRole::comparator) return static_cast<int>(a);
  return 0;
}

}  // namespace

void check_decision_metric(const DecisionMetric& metric) {
  if (metric.name == k_net_monetary_value) {
    if (!metric.value_per_month)
      throw InputError(
          "the decision metric net_monetary_value needs a value per month of self-support "
          "(--value-per-month DKK)");
    if (!std::isfinite(*metric.value_per_month) || *metric.value_per_month < 0)
      throw InputError("--value-per-month must be a finite amount of DKK, 0 or more");
    return;
  }
  if (metric.value_per_month) {
    std::string message(
        "--value-per-month makes the decision metric net_monetary_value; it cannot be combined "
        "with --metric ");
    message.append(metric.name);
    throw InputError(message);
  }
  if (metric_direction(metric.name) == MetricDirection::none) {
    std::string message("'");
    message.append(metric.name)
        .append("' is not a decision metric (more of it is not better or worse in itself); use ")
        .append(decision_metric_names())
        .append("or net_monetary_value with --value-per-month");
    throw InputError(message);
  }
}

bool higher_is_better(const DecisionMetric& metric) {
  return metric.name == k_net_monetary_value ||
         metric_direction(metric.name) != MetricDirection::lower_is_better;
}

std::string decision_metric_unit(const DecisionMetric& metric) {
  if (metric.name == k_net_monetary_value) return "DKK per person";
  const MetricSpec* spec = find_metric(metric.name);
  return spec != nullptr ? std::string(spec->unit) : std::string();
}

double decision_metric_value(const Results& results, int arm, const DecisionMetric& metric) {
  if (metric.name == k_net_monetary_value) {
    const double months = summary_value(results, arm, "months_self_support");
    const double costs =
        summary_value(results, arm, "cost_programmes_dkk") + summary_value(results, arm, "cost_benefit_dkk");
    return metric.value_per_month.value_or(0.0) * months - costs;
  }
  return summary_value(results, arm, metric.name);
}

std::vector<ParameterGroup> builtin_parameter_groups() {
  return {
      {"baseline hazards", {"baseline.*"}},
      {"return hazards", {"return.*"}},
      {"covariates", {"covariate.*"}},
      {"programme effects", {"effect.*"}},
      {"anticipation effects", {"effect.*.anticipation.*"}},
      {"lock-in effects", {"effect.*.lock_in.*"}},
      {"post-programme effects", {"effect.*.post.*"}},
      {"lock-in of internships", {"effect.internship_*.lock_in.*"}},
      {"combination effects", {"interaction.*"}},
      {"benefit-cut response", {"benefit_cut.*"}},
      {"labour market", {"labour_market.*"}},
      {"sanctions", {"sanction.*"}},
      {"company placement", {"placement.*"}},
  };
}

Scenario sensitivity_scenario(const Scenario& scenario) {
  Scenario s = scenario;
  s.output.decomposition = false;
  s.output.subgroup_dimensions.clear();
  return s;
}

Results simulate_parameters(const Scenario& scenario, const Parameters& parameters,
                            const SimulationOptions& options) {
  const CompiledModel model = compile_model(scenario, parameters);
  return summarise(model, simulate(model, options));
}

std::vector<TornadoRow> tornado(const Scenario& scenario, const Catalogue& catalogue,
                                const DecisionMetric& metric, int threads,
                                const std::function<void(int)>& done, const MemoryLimit& memory_limit) {
  check_decision_metric(metric);
  const Scenario s = sensitivity_scenario(scenario);
  const Parameters base = base_parameters(s, catalogue);
  const std::vector<UncertainParameter> uncertain = all_uncertain_parameters(base, s);
  const std::vector<int> arms = reported_arms(s);
  const int comparator = comparator_of(s);
  SimulationOptions sim;
  sim.seed = s.seed;
  sim.draw = 0;  // the point values' streams for every run: common random numbers
  sim.threads = threads;
  sim.memory_limit = memory_limit;
  const auto differences = [&](const Results& r) {
    std::vector<double> out;
    const double c = decision_metric_value(r, comparator, metric);
    for (const int a : arms) out.push_back(decision_metric_value(r, a, metric) - c);
    return out;
  };
  int runs = 0;
  const std::vector<double> at_point = differences(simulate_parameters(s, base, sim));
  if (done) done(++runs);

  std::vector<TornadoRow> rows;
  for (const UncertainParameter& u : uncertain) {
    std::vector<double> ends[2];
    for (int end = 0; end < 2; ++end) {
      Parameters p = base;
      Scenario t = s;
      set_uncertain_value(p, t, u, end == 0 ? u.ci_low : u.ci_high);
      try {
        ends[end] = differences(simulate_parameters(t, p, sim));
      } catch (const InputError& e) {
        std::string message("tornado, ");
        message.append(u.id).append(end == 0 ? " at ci_low: " : " at ci_high: ").append(e.what());
        throw InputError(message);
      }
      if (done) done(++runs);
    }
    for (std::size_t k = 0; k < arms.size(); ++k) {
      TornadoRow row;
      row.parameter = u.id;
      row.arm = s.arms[static_cast<std::size_t>(arms[k])].name;
      row.point_value = u.value;
      row.low_value = u.ci_low;
      row.high_value = u.ci_high;
      row.metric_at_point = at_point[k];
      row.metric_at_low = ends[0][k];
      row.metric_at_high = ends[1][k];
      row.swing = std::abs(ends[1][k] - ends[0][k]);
      rows.push_back(std::move(row));
    }
  }
  // Per arm (in scenario order), largest swing first; ties keep catalogue order.
  std::map<std::string, int> arm_order;
  for (std::size_t k = 0; k < arms.size(); ++k)
    arm_order[s.arms[static_cast<std::size_t>(arms[k])].name] = static_cast<int>(k);
  std::stable_sort(rows.begin(), rows.end(), [&](const TornadoRow& a, const TornadoRow& b) {
    const int oa = arm_order[a.arm];
    const int ob = arm_order[b.arm];
    if (oa != ob) return oa < ob;
    return a.swing > b.swing;
  });
  int rank = 0;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    rank = (i == 0 || rows[i].arm != rows[i - 1].arm) ? 1 : rank + 1;
    rows[i].rank = rank;
  }
  return rows;
}

// The draw loop: analysis/uncertainty.h's run_draws (the same draws as `integrasim
// uncertainty` with the same seed), reduced to the decision metric per arm.
DrawTable simulate_draws(const Scenario& scenario, const Catalogue& catalogue, const DecisionMetric& metric,
                         int draws, bool sobol, int threads, const std::function<void(int)>& done,
                         const MemoryLimit& memory_limit) {
  check_decision_metric(metric);
  const Scenario s = sensitivity_scenario(scenario);
  SimulationOptions sim;
  sim.seed = s.seed;
  sim.threads = threads;
  sim.memory_limit = memory_limit;
  if (done && draws > 0)
    sim.progress = [&done, draws](double share) { done(static_cast<int>(std::floor(share * draws + 1e-9))); };
  const DrawSet set = run_draws(s, catalogue, sim, std::max(draws, 0), sobol);
  DrawTable table;
  for (const UncertainParameter& u : set.parameters) table.parameter_ids.push_back(u.id);
  for (const Arm& a : s.arms) table.arm_names.push_back(a.name);
  const auto n = static_cast<Eigen::Index>(set.draws.size());
  table.x.resize(n, static_cast<Eigen::Index>(set.parameters.size()));
  table.metric.resize(n, static_cast<Eigen::Index>(s.arms.size()));
  for (Eigen::Index i = 0; i < n; ++i) {
    const DrawResult& d = set.draws[static_cast<std::size_t>(i)];
    for (std::size_t c = 0; c < d.values.size(); ++c) table.x(i, static_cast<Eigen::Index>(c)) = d.values[c];
    for (std::size_t a = 0; a < s.arms.size(); ++a)
      table.metric(i, static_cast<Eigen::Index>(a)) =
          decision_metric_value(d.results, static_cast<int>(a), metric);
  }
  return table;
}

VoiReport value_of_information(const DrawTable& table, const DecisionMetric& metric, double cohort,
                               const std::vector<ParameterGroup>& groups) {
  VoiReport report;
  report.metric = metric.name;
  report.unit = decision_metric_unit(metric);
  report.cohort = cohort;
  report.draws = static_cast<int>(table.metric.rows());
  const Eigen::MatrixXd nb = higher_is_better(metric) ? table.metric : Eigen::MatrixXd(-table.metric);
  const double full = evpi(nb);
  const auto make_row = [&](std::string name, std::string kind, int count, double value, double bound) {
    VoiRow row;
    row.name = std::move(name);
    row.kind = std::move(kind);
    row.parameters = count;
    row.per_person = value;
    row.cohort = value * cohort;
    row.share_of_evpi = full > 0 ? value / full : 0.0;
    row.noise_bound = bound;
    return row;
  };
  report.rows.push_back(make_row("EVPI", "all", static_cast<int>(table.parameter_ids.size()), full, 0.0));

  std::vector<VoiRow> group_rows;
  const auto add_group = [&](const ParameterGroup& g, bool user) {
    std::vector<int> columns;
    for (std::size_t c = 0; c < table.parameter_ids.size(); ++c)
      for (const std::string& pattern : g.patterns)
        if (id_matches_pattern(table.parameter_ids[c], pattern)) {
          columns.push_back(static_cast<int>(c));
          break;
        }
    if (columns.empty()) {
      if (!user) return;
      std::string message("--group ");
      message.append(g.name).append(
          " matches no uncertain parameter of this scenario (ids with a distribution and "
          "an interval; see integrasim check)");
      throw InputError(message);
    }
    const EvppiEstimate e = evppi(nb, table.x, columns);
    group_rows.push_back(make_row(g.name, "group", static_cast<int>(columns.size()), e.value, e.noise_bound));
  };
  for (const ParameterGroup& g : builtin_parameter_groups()) add_group(g, false);
  for (const ParameterGroup& g : groups) add_group(g, true);

  std::vector<VoiRow> parameter_rows;
  for (std::size_t c = 0; c < table.parameter_ids.size(); ++c) {
    const EvppiEstimate e = evppi(nb, table.x, {static_cast<int>(c)});
    parameter_rows.push_back(make_row(table.parameter_ids[c], "parameter", 1, e.value, e.noise_bound));
  }
  const auto by_value = [](const VoiRow& a, const VoiRow& b) { return a.per_person > b.per_person; };
  std::stable_sort(group_rows.begin(), group_rows.end(), by_value);
  std::stable_sort(parameter_rows.begin(), parameter_rows.end(), by_value);
  for (VoiRow& r : group_rows) report.rows.push_back(std::move(r));
  for (VoiRow& r : parameter_rows) report.rows.push_back(std::move(r));
  return report;
}

SensitivityResult run_sensitivity(const Scenario& scenario, const Catalogue& catalogue,
                                  const SensitivityOptions& options) {
  check_decision_metric(options.metric);
  SensitivityResult out;
  const Scenario trimmed = sensitivity_scenario(scenario);
  const std::vector<UncertainParameter> uncertain =
      all_uncertain_parameters(base_parameters(trimmed, catalogue), trimmed);
  out.uncertain_parameters = static_cast<int>(uncertain.size());
  // A user group that matches nothing is a typo: say so before simulating anything.
  for (const ParameterGroup& g : options.groups) {
    const bool any = std::any_of(uncertain.begin(), uncertain.end(), [&](const UncertainParameter& u) {
      return std::any_of(g.patterns.begin(), g.patterns.end(),
                         [&](const std::string& p) { return id_matches_pattern(u.id, p); });
    });
    if (!any) {
      std::string message("--group ");
      message.append(g.name).append(
          " matches no uncertain parameter of this scenario (ids with a distribution and "
          "an interval; see integrasim check)");
      throw InputError(message);
    }
  }
  const int tornado_runs = options.tornado ? 1 + 2 * out.uncertain_parameters : 0;
  const int total = tornado_runs + std::max(options.draws, 0);
  const auto report = [&](int offset) {
    return [&options, offset, total](int done) {
      if (options.progress && total > 0) options.progress(static_cast<double>(offset + done) / total);
    };
  };
  if (options.tornado)
    out.tornado =
        tornado(scenario, catalogue, options.metric, options.threads, report(0), options.memory_limit);
  const double cohort = options.cohort > 0 ? options.cohort : static_cast<double>(scenario.persons);
  if (options.draws > 0) {
    const DrawTable table = simulate_draws(scenario, catalogue, options.metric, options.draws, options.sobol,
                                           options.threads, report(tornado_runs), options.memory_limit);
    out.voi = value_of_information(table, options.metric, cohort, options.groups);
  } else {
    out.voi.metric = options.metric.name;
    out.voi.unit = decision_metric_unit(options.metric);
    out.voi.cohort = cohort;
  }
  out.simulations = total;
  return out;
}

}  // namespace integrasim
