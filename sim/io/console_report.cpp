#include "io/console_report.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>
#include <utility>
#include <vector>

namespace integrasim {
namespace {

std::string fixed(double value, int decimals, bool sign = false) {
  if (!std::isfinite(value)) return "n/a";
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, sign ? "%+.*f" : "%.*f", decimals, value);
  return buffer;
}

}  // namespace

int se_decimals(double se, int decimals) {
  // At least two significant digits of the SE, so that no SE reads "± 0.00"; an SE of
  // exactly 0 (a quantity without Monte Carlo error) keeps the metric's decimals.
  constexpr int k_most = 10;
  if (!std::isfinite(se) || se <= 0.0) return decimals;
  const int needed = 1 - static_cast<int>(std::floor(std::log10(se)));
  return std::clamp(needed, decimals, std::max(decimals, k_most));
}

namespace {

std::string with_se(const Estimate& e, int decimals, double scale = 1.0, bool sign = false) {
  const int shown = se_decimals(e.se * scale, decimals);
  std::string out = fixed(e.value * scale, shown, sign);
  out.append(" ± ").append(fixed(e.se * scale, shown));
  return out;
}

std::string pad(std::string text, std::size_t width) {
  // Pads by displayed characters (UTF-8 continuation bytes take no width).
  std::size_t shown = 0;
  for (const char c : text)
    if ((static_cast<unsigned char>(c) & 0xC0U) != 0x80U) ++shown;
  if (shown < width) text.append(width - shown, ' ');
  return text;
}

const SummaryRow* row_for(const Results& r, int arm, int subgroup) {
  for (const auto& row : r.summary)
    if (row.arm == arm && row.subgroup == subgroup) return &row;
  return nullptr;
}

struct Column {
  std::string title;
  int metric;  // index into Results::metrics
  double scale;
  int decimals;
  std::string difference_unit;
};

// The metrics with a console label (core/metrics.h); of the employment-rate months the last.
std::vector<Column> console_columns(const Results& r) {
  std::vector<Column> out;
  for (std::size_t i = 0; i < r.metrics.size(); ++i) {
    const MetricSpec& spec = metric_spec(r.metrics[i].metric);
    if (spec.console_label.empty()) continue;
    std::string title(spec.console_label);
    if (spec.columns == MetricColumns::per_rate_month) {
      const bool last_of_row = i + 1 == r.metrics.size() || r.metrics[i + 1].metric != r.metrics[i].metric;
      if (!last_of_row) continue;
      title.append(" ").append(std::to_string(r.metrics[i].month));
    }
    out.push_back(
        {title, static_cast<int>(i), spec.shown_scale, spec.console_decimals, std::string(spec.shown_unit)});
  }
  return out;
}

// The index in r.metrics of `metric`, or -1 when the run does not report it.
int metric_index(const Results& r, Metric metric) {
  for (std::size_t i = 0; i < r.metrics.size(); ++i)
    if (r.metrics[i].metric == metric) return static_cast<int>(i);
  return -1;
}

// Public cost per arm: per person and, where the run stands for real persons (planner
// runs, [population] represents), in total for them.
std::string cost_lines(const Results& r) {
  const int gross = metric_index(r, Metric::cost_public_gross_dkk);
  const int net = metric_index(r, Metric::cost_municipal_net_dkk);
  if (gross < 0 && net < 0) return "";
  const bool totals = r.planner && r.real_persons > 0.0;
  std::string out = "\nCosts per arm, all subgroups (DKK ± Monte Carlo standard error";
  if (totals) out.append("; totals for the ").append(fixed(r.real_persons, 0)).append(" real persons");
  out += "):\n";
  for (std::size_t a = 0; a < r.arms.size(); ++a) {
    const SummaryRow* row = row_for(r, static_cast<int>(a), 0);
    if (row == nullptr) continue;
    std::string line = "  " + pad(r.arms[a].name, 32);
    bool first = true;
    for (const auto& [index, label] : {std::pair{gross, "public gross"}, std::pair{net, "municipal net"}}) {
      if (index < 0) continue;
      const Estimate& e = row->metrics[static_cast<std::size_t>(index)];
      line.append(first ? "" : "; ").append(label).append(" ").append(with_se(e, 0)).append(" per person");
      if (totals) line.append(", total ").append(with_se(e, 0, r.real_persons));
      first = false;
    }
    out += line + "\n";
  }
  return out;
}

// The budget line per arm and the queues (planner runs).
std::string budget_lines(const Results& r) {
  std::string out =
      "\nMunicipal budget over the plan, for the real persons (DKK after the state's reimbursement "
      "and grants; ± standard error):\n";
  constexpr auto k_net = static_cast<std::size_t>(BudgetMeasure::municipal_net_cost);
  constexpr auto k_self = static_cast<std::size_t>(BudgetMeasure::self_supported_months);
  for (const BudgetRow& row : r.budget) {
    if (row.year >= 0 || r.arms[static_cast<std::size_t>(row.arm)].role == "no_intervention") continue;
    std::string line = "  " + pad(r.arms[static_cast<std::size_t>(row.arm)].name, 32) + "net cost " +
                       with_se(row.totals[k_net], 0, 1.0) + " DKK";
    if (!row.vs_comparator.empty()) {
      const Estimate& net = row.vs_comparator[k_net];
      const Estimate& self = row.vs_comparator[k_self];
      line += ", difference " + with_se(net, 0, 1.0, true) + " DKK and " + with_se(self, 0, 1.0, true) +
              " self-supported person-months";
      if (self.value != 0.0)
        line += " (" + fixed(net.value / self.value, 0, true) + " DKK per extra self-supported month)";
    }
    out += line + "\n";
  }
  for (const QueueRow& q : r.queues)
    out += "  " + pad(r.arms[static_cast<std::size_t>(q.arm)].name, 32) + q.intervention + ": " +
           fixed(q.places, 0) + " places; " + fixed(q.due > 0.0 ? 100.0 * q.started / q.due : 0.0, 0) +
           " % of those due started, after " + fixed(q.mean_wait_months, 1) + " months on average\n";
  return out;
}

}  // namespace

std::string planner_report(const Scenario& scenario, const Results& r, const std::string& output_folder,
                           const std::vector<std::string>& files) {
  std::string out;
  const int horizon = r.horizon_months;
  const std::vector<Column> columns = console_columns(r);

  if (r.planner && (scenario.inflow.active() || scenario.caseload.active())) {
    out += "Scenario '" + scenario.name + "': " + std::to_string(r.persons) + " simulated persons for " +
           fixed(r.real_persons, 0) + " real persons on a calendar of " + std::to_string(horizon) +
           " months (seed " + std::to_string(scenario.seed) + ").\n";
  } else {
    out += "Scenario '" + scenario.name + "': " + std::to_string(r.persons) + " persons followed for " +
           std::to_string(horizon) + " months (seed " + std::to_string(scenario.seed) + ").\n";
  }
  out += "Per person, all subgroups (± Monte Carlo standard error):\n\n";
  std::string header = "  " + pad("arm", 34);
  for (const auto& c : columns) header += pad(c.title, 22);
  out += header + "\n";
  for (std::size_t a = 0; a < r.arms.size(); ++a) {
    const SummaryRow* row = row_for(r, static_cast<int>(a), 0);
    if (row == nullptr) continue;
    std::string line = "  " + pad(r.arms[a].name + " (" + r.arms[a].role + ")", 34);
    if (r.arms[a].role == "no_intervention") line = "  " + pad(r.arms[a].name, 34);
    for (const auto& c : columns)
      line += pad(with_se(row->metrics[static_cast<std::size_t>(c.metric)], c.decimals, c.scale), 22);
    out += line + "\n";
  }

  const std::string comparator = r.arms[static_cast<std::size_t>(r.comparator_arm)].name;
  for (std::size_t a = 0; a < r.arms.size(); ++a) {
    if (static_cast<int>(a) == r.comparator_arm || r.arms[a].role == "no_intervention") continue;
    const SummaryRow* row = row_for(r, static_cast<int>(a), 0);
    if (row == nullptr || row->vs_comparator.empty()) continue;
    out += "\n" + r.arms[a].name + " compared with " + comparator +
           " (same persons, same random numbers; paired standard errors):\n";
    for (const auto& c : columns) {
      const Estimate& d = row->vs_comparator[static_cast<std::size_t>(c.metric)];
      out += "  " + pad(c.title, 24) + with_se(d, c.decimals, c.scale, true) + " " + c.difference_unit + "\n";
    }
    // The effect on those who took part, as the evaluation studies report it.
    const Estimate& share = row->metrics[static_cast<std::size_t>(column(Metric::participants))];
    if (!row->per_participant.empty() && share.value > 0.0) {
      const Estimate& benefit = row->per_participant[0];  // months_on_benefit: the first column
      out += "  per participant (" + fixed(100.0 * share.value, 1, false) +
             " % began a programme): " + with_se(benefit, 2, 1.0, true) + " months on benefit\n";
    }
  }

  // Decomposition for months employed, per policy arm, against no programmes at all.
  for (std::size_t a = 0; a < r.arms.size(); ++a) {
    std::vector<const EffectRowOut*> parts;
    for (const auto& e : r.effects)
      if (e.arm == static_cast<int>(a) && e.subgroup == 0 && e.outcome == "months_employed")
        parts.push_back(&e);
    if (parts.size() != 6 || r.arms[a].role == "comparator") continue;
    out += "\nWhere the effect of " + r.arms[a].name +
           " on months employed comes from (against no programmes at all):\n";
    const char* words[6] = {"benefit rules (benefit cut, sanction threat)",
                            "anticipation (motivationseffekt), before programmes start",
                            "lock-in (fastholdelseseffekt), while in programmes",
                            "post-programme (programeffekt), after programmes",
                            "net effect (nettoeffekt) = lock-in + post-programme",
                            "total = benefit rules + anticipation + net effect"};
    for (std::size_t i = 0; i < 6; ++i) {
      if (i == 0 && parts[0]->effect.value == 0.0 && parts[0]->effect.se == 0.0) continue;  // no rules

      out += "  " + pad(words[i], 58) + with_se(parts[i]->effect, 2, 1.0, true) + " months\n";
    }
  }
  out += cost_lines(r);
  if (r.planner) out += budget_lines(r);
  if (!output_folder.empty()) {
    out.append("\nResults: ").append(output_folder).append("/ (");
    for (const std::string& name : files) out.append(name).append(", ");
    out.append("manifest.json)\n");
  }
  return out;
}

std::string uncertainty_report(const UncertaintySummary& s) {
  std::string out;
  if (s.rows.empty()) return out;
  const std::string& comparator = s.arms[static_cast<std::size_t>(s.comparator_arm)].name;
  out.append("\nParameter uncertainty over ").append(std::to_string(s.draws)).append(" draws");
  out.append(s.sobol ? " (Sobol sequence)" : "")
      .append(", months employed against ")
      .append(comparator)
      .append(":\n");
  for (std::size_t a = 0; a < s.arms.size(); ++a) {
    if (s.arms[a].role != "policy") continue;
    const UncertaintyRow* row = find_row(s, static_cast<int>(a), 0, "months_employed");
    if (row == nullptr) continue;
    out.append("  ").append(pad(s.arms[a].name, 32));
    out.append("P(better) ").append(fixed(row->prob_better, 2));
    out.append(", difference ").append(fixed(row->diff_p50, 2, true)).append(" months (95 % interval ");
    out.append(fixed(row->diff_p2_5, 2, true))
        .append(" to ")
        .append(fixed(row->diff_p97_5, 2, true))
        .append(")\n");
  }
  out.append("Per draw: draws.csv and parameters.csv; across draws: uncertainty.csv\n");
  return out;
}

}  // namespace integrasim
