// The JSON payload of report.html: the series its charts draw, read from Results (and
// the draws) and nothing else, so the page shows exactly what the CSV files hold.
#include <cmath>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/diagnostics.h"
#include "io/report_html.h"
#include "io/report_layout.h"
#include "io/report_page.h"

namespace integrasim {

namespace {

using nlohmann::ordered_json;

ordered_json estimate_json(const Estimate& e) {
  return ordered_json{{"value", e.value}, {"se", e.se}};
}

ordered_json labels_json(ReportLanguage language) {
  const ReportText& t = report_text(language);
  return ordered_json{{"month_axis", t.month_axis},
                      {"year_axis", t.year_axis},
                      {"year", t.year},
                      {"million", t.million},
                      {"share_axis", t.share_axis},
                      {"dkk_axis", t.dkk_axis},
                      {"real_persons_axis", t.real_persons_axis},
                      {"months_axis", t.months_axis},
                      {"draws_axis", t.draws_axis},
                      {"on_benefit", t.on_benefit},
                      {"queued", t.queued},
                      {"municipal_net_cost", t.municipal_net_cost_year},
                      {"difference", t.difference},
                      {"no_intervention", role_label(language, "no_intervention")}};
}

// Employment share of every arm (subgroup "all"), month by month.
ordered_json employment_json(const Results& r) {
  ordered_json out = ordered_json::array();
  for (int arm = 0; arm < static_cast<int>(r.arms.size()); ++arm) {
    ordered_json share = ordered_json::array(), se = ordered_json::array();
    for (const MonthlyRow& row : r.monthly) {
      if (row.arm != arm || row.subgroup != 0 || row.kind != "state" || row.name != "employed") continue;
      share.push_back(row.share.value);
      se.push_back(row.share.se);
    }
    out.push_back({{"arm", r.arms[static_cast<std::size_t>(arm)].name}, {"share", share}, {"se", se}});
  }
  return out;
}

// The state shares (they add up to one) of each scenario arm, subgroup "all".
ordered_json states_json(const Results& r, ReportLanguage language) {
  ordered_json out = ordered_json::array();
  for (const int arm : scenario_arms(r)) {
    std::vector<std::string> names;
    std::vector<ordered_json> shares;
    for (const MonthlyRow& row : r.monthly) {
      if (row.arm != arm || row.subgroup != 0 || row.kind != "state") continue;
      std::size_t k = 0;
      while (k < names.size() && names[k] != row.name) ++k;
      if (k == names.size()) {
        names.push_back(row.name);
        shares.push_back(ordered_json::array());
      }
      shares[k].push_back(row.share.value);
    }
    ordered_json series = ordered_json::array();
    for (std::size_t k = 0; k < names.size(); ++k)
      series.push_back(
          {{"state", names[k]}, {"label", state_label(language, names[k])}, {"share", shares[k]}});
    out.push_back({{"arm", r.arms[static_cast<std::size_t>(arm)].name}, {"series", series}});
  }
  return out;
}

// The decomposition of months employed (subgroup "all") of each scenario arm; null when
// the run has no decomposition.
ordered_json decomposition_json(const Results& r, ReportLanguage language) {
  if (r.effects.empty()) return nullptr;
  ordered_json out = ordered_json::array();
  for (const int arm : scenario_arms(r)) {
    ordered_json components = ordered_json::array();
    for (const EffectRowOut& row : r.effects) {
      if (row.arm != arm || row.subgroup != 0 || row.outcome != k_report_outcome) continue;
      components.push_back({{"component", row.component},
                            {"label", component_label(language, row.component)},
                            {"effect", row.effect.value},
                            {"se", row.effect.se}});
    }
    if (!components.empty())
      out.push_back({{"arm", r.arms[static_cast<std::size_t>(arm)].name},
                     {"outcome", k_report_outcome},
                     {"components", components}});
  }
  return out.empty() ? ordered_json(nullptr) : out;
}

ordered_json costs_json(const Results& r, ReportLanguage language) {
  ordered_json metrics = ordered_json::array(), arms = ordered_json::array();
  const std::vector<int> columns = cost_columns(r);
  for (const int c : columns) {
    const std::string& name = r.metrics[static_cast<std::size_t>(c)].name;
    metrics.push_back({{"metric", name}, {"label", metric_label(language, name)}});
  }
  for (const int arm : scenario_arms(r)) {
    ordered_json values = ordered_json::array();
    const SummaryRow& row = summary_row(r, arm, 0);
    for (const int c : columns) values.push_back(estimate_json(row.metrics[static_cast<std::size_t>(c)]));
    arms.push_back({{"arm", r.arms[static_cast<std::size_t>(arm)].name}, {"values", values}});
  }
  return ordered_json{{"metrics", metrics}, {"arms", arms}};
}

// Months employed, arm minus comparator, in every subgroup with persons.
ordered_json subgroups_json(const Results& r, ReportLanguage language) {
  const int column = metric_column(r, k_report_outcome);
  ordered_json groups = ordered_json::array(), arms = ordered_json::array();
  const std::vector<int> shown = populated_subgroups(r);
  for (const int g : shown) {
    const std::string& name = r.subgroups[static_cast<std::size_t>(g)].name;
    groups.push_back({{"subgroup", name}, {"label", subgroup_label(language, name)}});
  }
  for (const int arm : compared_arms(r)) {
    ordered_json diff = ordered_json::array();
    for (const int g : shown)
      diff.push_back(estimate_json(summary_row(r, arm, g).vs_comparator[static_cast<std::size_t>(column)]));
    arms.push_back({{"arm", r.arms[static_cast<std::size_t>(arm)].name}, {"diff", diff}});
  }
  return ordered_json{{"metric", k_report_outcome}, {"groups", groups}, {"arms", arms}};
}

// Real persons on benefit and queued, by calendar month; null outside planner runs.
ordered_json calendar_json(const Results& r) {
  if (!r.planner || r.calendar.empty()) return nullptr;
  ordered_json arms = ordered_json::array();
  const std::string queued = "queued_";
  for (const int arm : scenario_arms(r)) {
    ordered_json on_benefit = ordered_json::array();
    std::vector<std::string> queues;
    std::vector<ordered_json> queue_values;
    for (const CalendarRow& row : r.calendar) {
      if (row.arm != arm) continue;
      if (row.measure == "on_benefit") on_benefit.push_back(row.value.value);
      if (row.measure.compare(0, queued.size(), queued) == 0) {
        const std::string programme = row.measure.substr(queued.size());
        std::size_t k = 0;
        while (k < queues.size() && queues[k] != programme) ++k;
        if (k == queues.size()) {
          queues.push_back(programme);
          queue_values.push_back(ordered_json::array());
        }
        queue_values[k].push_back(row.value.value);
      }
    }
    ordered_json queue_json = ordered_json::array();
    for (std::size_t k = 0; k < queues.size(); ++k)
      queue_json.push_back({{"intervention", queues[k]}, {"values", queue_values[k]}});
    arms.push_back({{"arm", r.arms[static_cast<std::size_t>(arm)].name},
                    {"on_benefit", on_benefit},
                    {"queued", queue_json}});
  }
  return ordered_json{{"arms", arms}};
}

// The municipal net cost per calendar year of the plan; null outside planner runs.
ordered_json budget_json(const Results& r) {
  if (!r.planner || r.budget.empty()) return nullptr;
  const auto net = static_cast<std::size_t>(BudgetMeasure::municipal_net_cost);
  ordered_json years = ordered_json::array(), arms = ordered_json::array();
  for (const BudgetRow& row : r.budget)
    if (row.arm == r.comparator_arm && row.year >= 0) years.push_back(row.year);
  for (const int arm : scenario_arms(r)) {
    ordered_json values = ordered_json::array();
    for (const BudgetRow& row : r.budget)
      if (row.arm == arm && row.year >= 0) values.push_back(estimate_json(row.totals[net]));
    arms.push_back({{"arm", r.arms[static_cast<std::size_t>(arm)].name}, {"values", values}});
  }
  return ordered_json{{"years", years}, {"arms", arms}};
}

// Months employed, arm minus comparator (subgroup "all"), in every draw; null without draws.
ordered_json draws_json(const ReportInputs& in) {
  if (in.draws == nullptr || in.uncertainty == nullptr || in.draws->draws.empty()) return nullptr;
  const Results& r = *in.results;
  const int column = metric_column(r, k_report_outcome);
  ordered_json arms = ordered_json::array();
  for (const int arm : compared_arms(r)) {
    ordered_json diffs = ordered_json::array();
    for (const DrawResult& draw : in.draws->draws)
      diffs.push_back(
          summary_row(draw.results, arm, 0).vs_comparator[static_cast<std::size_t>(column)].value);
    const UncertaintyRow& u = uncertainty_row(*in.uncertainty, arm, 0, column);
    arms.push_back({{"arm", r.arms[static_cast<std::size_t>(arm)].name},
                    {"diffs", diffs},
                    {"prob_better", u.prob_better},
                    {"diff_p2_5", u.diff_p2_5},
                    {"diff_p97_5", u.diff_p97_5}});
  }
  return ordered_json{{"metric", k_report_outcome}, {"arms", arms}};
}

}  // namespace

std::string report_data_json(const ReportInputs& in) {
  const Results& r = *in.results;
  ordered_json arms = ordered_json::array();
  for (const ArmInfo& arm : r.arms) arms.push_back({{"name", arm.name}, {"role", arm.role}});
  ordered_json data = {{"language", language_code(in.language)},
                       {"labels", labels_json(in.language)},
                       {"horizon_months", r.horizon_months},
                       {"comparator", r.arms.at(static_cast<std::size_t>(r.comparator_arm)).name},
                       {"arms", arms},
                       {"employment", employment_json(r)},
                       {"states", states_json(r, in.language)},
                       {"decomposition", decomposition_json(r, in.language)},
                       {"costs", costs_json(r, in.language)},
                       {"subgroups", subgroups_json(r, in.language)},
                       {"calendar", calendar_json(r)},
                       {"budget", budget_json(r)},
                       {"draws", draws_json(in)}};
  // NaN has no JSON form and is written as null: a gap in a chart.
  return script_safe_json(data.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

}  // namespace integrasim
