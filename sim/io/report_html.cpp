#include "io/report_html.h"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "core/diagnostics.h"
#include "io/report_layout.h"

namespace integrasim {

namespace {

// How a metric is shown: a share in per cent, DKK in whole kroner, months with two decimals.
struct Shown {
  double scale = 1.0;
  int decimals = 2;
  std::string suffix;
};

Shown shown_as(const MetricInfo& m) {
  if (m.unit == "share") return {100.0, 1, " %"};
  if (m.unit == "DKK per person") return {1.0, 0, ""};
  return {1.0, 2, ""};
}

// A difference of shares is in percentage points, not per cent.
Shown difference_shown_as(const MetricInfo& m, ReportLanguage language) {
  Shown shown = shown_as(m);
  if (m.unit == "share") shown.suffix = language == ReportLanguage::da ? " pct.-point" : " pp";
  return shown;
}

// Enough decimals that the standard error shows two significant digits (never "± 0,00").
int decimals_for(const Estimate& e, const Shown& shown) {
  int decimals = shown.decimals;
  const double se = std::fabs(e.se * shown.scale);
  if (se > 0.0 && std::isfinite(se)) {
    const int needed = static_cast<int>(std::ceil(-std::log10(se))) + 1;
    if (needed > decimals) decimals = needed;
  }
  return decimals > 6 ? 6 : decimals;
}

std::string plus_minus(const Estimate& e, const Shown& shown, ReportLanguage language, bool signed_value) {
  const int d = decimals_for(e, shown);
  std::string out;
  if (signed_value && e.value * shown.scale > 0.0 && format_number(e.value * shown.scale, d, language) != "0")
    out += '+';
  out += format_number(e.value * shown.scale, d, language);
  out += shown.suffix;
  out += " <span class=\"se\">± ";
  out += format_number(e.se * shown.scale, d, language);
  out += "</span>";
  return out;
}

std::string interval_text(double low, double high, const Shown& shown, int decimals,
                          ReportLanguage language) {
  std::string out = "[";
  out += format_number(low * shown.scale, decimals, language);
  out += language == ReportLanguage::da ? "; " : ", ";
  out += format_number(high * shown.scale, decimals, language);
  out += "]";
  out += shown.suffix;
  return out;
}

// A table cell holding a number the browser test compares with summary.csv.
std::string number_cell(const std::string& arm, const std::string& metric, const std::string& kind,
                        const std::string& subgroup, const Estimate& e, const std::string& shown_text) {
  std::string out = "<td class=\"num\" data-arm=\"";
  out += html_escape(arm);
  out += "\" data-subgroup=\"";
  out += html_escape(subgroup);
  out += "\" data-metric=\"";
  out += metric;
  out += "\" data-kind=\"";
  out += kind;
  out += "\" data-value=\"";
  out += exact_number(e.value);
  out += "\" data-se=\"";
  out += exact_number(e.se);
  out += "\">";
  out += shown_text;
  out += "</td>";
  return out;
}

void facts_section(std::string& page, const ReportInputs& in) {
  const ReportText& t = report_text(in.language);
  const Manifest& m = *in.manifest;
  const Results& r = *in.results;
  heading(page, "simulated", t.what_simulated);
  page += "<table class=\"facts\">\n";
  fact(page, t.scenario, html_escape(m.scenario_name));
  if (!m.description.empty()) fact(page, t.description, html_escape(m.description));
  fact(page, t.persons, format_number(static_cast<double>(r.persons), 0, in.language));
  std::string horizon = std::to_string(r.horizon_months);
  horizon += ' ';
  horizon += t.months;
  fact(page, t.horizon, horizon);
  std::string arms;
  for (const int a : scenario_arms(r)) {
    const ArmInfo& arm = r.arms[static_cast<std::size_t>(a)];
    if (!arms.empty()) arms += ", ";
    arms += "<b>";
    arms += html_escape(arm.name);
    arms += "</b> (";
    arms += html_escape(role_label(in.language, arm.role));
    arms += ")";
  }
  fact(page, t.arms, arms);
  fact(page, t.seed, std::to_string(m.seed));
  std::string version = html_escape(m.version);
  if (!m.git_revision.empty()) {
    version += " (";
    version += html_escape(m.git_revision);
    version += ")";
  }
  fact(page, t.version, version);
  page += "</table>\n</section>\n";
}

void headline_section(std::string& page, const ReportInputs& in) {
  const ReportText& t = report_text(in.language);
  const Results& r = *in.results;
  const std::vector<int> columns = headline_columns(r);
  heading(page, "headline", t.headline);
  std::vector<std::string> labels = {std::string(t.arm)};
  for (const int c : columns)
    labels.push_back(html_escape(metric_label(in.language, r.metrics[static_cast<std::size_t>(c)].name)));
  numbers_table(page, labels);
  for (const int a : scenario_arms(r)) {
    const std::string& arm = r.arms[static_cast<std::size_t>(a)].name;
    const SummaryRow& row = summary_row(r, a, 0);
    page += "<tr><td>";
    page += html_escape(arm);
    page += "</td>";
    for (const int c : columns) {
      const MetricInfo& m = r.metrics[static_cast<std::size_t>(c)];
      const Estimate& e = row.metrics[static_cast<std::size_t>(c)];
      page += number_cell(arm, m.name, "value", "all", e, plus_minus(e, shown_as(m), in.language, false));
    }
    page += "</tr>\n";
  }
  page += "</table>\n";
  note(page, t.se_note);
  page += "</section>\n";
}

void effects_section(std::string& page, const ReportInputs& in) {
  const ReportText& t = report_text(in.language);
  const Results& r = *in.results;
  const std::vector<int> columns = headline_columns(r);
  const bool draws = in.uncertainty != nullptr;
  heading(page, "effects", t.effects);
  // The second column names the metric.
  std::vector<std::string> labels = {std::string(t.arm), "", std::string(t.difference),
                                     std::string(t.mc_interval)};
  if (draws) {
    labels.emplace_back(t.draws_interval);
    labels.emplace_back(t.prob_better);
  }
  numbers_table(page, labels, 2);
  for (const int a : compared_arms(r)) {
    const std::string& arm = r.arms[static_cast<std::size_t>(a)].name;
    const SummaryRow& row = summary_row(r, a, 0);
    for (const int c : columns) {
      const MetricInfo& m = r.metrics[static_cast<std::size_t>(c)];
      const Estimate& e = row.vs_comparator[static_cast<std::size_t>(c)];
      const Shown shown = difference_shown_as(m, in.language);
      page += "<tr>";
      if (c == columns.front()) {
        page += "<td rowspan=\"";
        page += std::to_string(columns.size());
        page += "\">";
        page += html_escape(arm);
        page += " − ";
        page += html_escape(r.arms[static_cast<std::size_t>(r.comparator_arm)].name);
        page += "</td>";
      }
      page += "<td>";
      page += html_escape(metric_label(in.language, m.name));
      page += "</td>";
      page += number_cell(arm, m.name, "diff", "all", e, plus_minus(e, shown, in.language, true));
      page += "<td class=\"num\">";
      page += interval_text(e.value - 1.96 * e.se, e.value + 1.96 * e.se, shown, decimals_for(e, shown),
                            in.language);
      page += "</td>";
      if (draws) {
        const UncertaintyRow& u = uncertainty_row(*in.uncertainty, a, 0, c);
        page += "<td class=\"num\" data-arm=\"";
        page += html_escape(arm);
        page += "\" data-metric=\"";
        page += m.name;
        page += "\" data-kind=\"diff_draws\" data-low=\"";
        page += exact_number(u.diff_p2_5);
        page += "\" data-high=\"";
        page += exact_number(u.diff_p97_5);
        page += "\">";
        page += interval_text(u.diff_p2_5, u.diff_p97_5, shown, decimals_for(e, shown), in.language);
        page += "</td><td class=\"num\" data-arm=\"";
        page += html_escape(arm);
        page += "\" data-metric=\"";
        page += m.name;
        page += "\" data-kind=\"prob_better\" data-value=\"";
        page += exact_number(u.prob_better);
        page += "\">";
        page += std::isnan(u.prob_better) ? "–" : format_number(100.0 * u.prob_better, 0, in.language) + " %";
        page += "</td>";
      }
      page += "</tr>\n";
    }
  }
  page += "</table>\n";
  note(page, t.effects_note);
  page += "</section>\n";
}

void subgroup_table(std::string& page, const ReportInputs& in) {
  const ReportText& t = report_text(in.language);
  const Results& r = *in.results;
  const int column = metric_column(r, k_report_outcome);
  const Shown shown = difference_shown_as(r.metrics[static_cast<std::size_t>(column)], in.language);
  std::vector<std::string> labels = {std::string(t.subgroup)};
  for (const int a : compared_arms(r))
    labels.push_back(html_escape(r.arms[static_cast<std::size_t>(a)].name));
  numbers_table(page, labels);
  for (const int g : populated_subgroups(r)) {
    const std::string& name = r.subgroups[static_cast<std::size_t>(g)].name;
    page += "<tr><td>";
    page += html_escape(subgroup_label(in.language, name));
    page += "</td>";
    for (const int a : compared_arms(r)) {
      const Estimate& e = summary_row(r, a, g).vs_comparator[static_cast<std::size_t>(column)];
      page += number_cell(r.arms[static_cast<std::size_t>(a)].name, k_report_outcome, "diff", name, e,
                          plus_minus(e, shown, in.language, true));
    }
    page += "</tr>\n";
  }
  page += "</table>\n";
}

void chart_sections(std::string& page, const ReportInputs& in) {
  const ReportText& t = report_text(in.language);
  const Results& r = *in.results;
  const std::vector<int> arms = scenario_arms(r);

  heading(page, "employment", t.employment_curves);
  canvas(page, "chart-employment");
  note(page, t.curves_note);
  page += "</section>\n";

  heading(page, "states", t.state_shares);
  page += "<div class=\"pair\">\n";
  for (std::size_t i = 0; i < arms.size(); ++i)
    canvas(page, "chart-states-" + std::to_string(i), r.arms[static_cast<std::size_t>(arms[i])].name);
  page += "</div>\n";
  note(page, t.shares_note);
  page += "</section>\n";

  if (!r.effects.empty()) {
    heading(page, "decomposition", t.decomposition);
    page += "<div class=\"pair\">\n";
    std::size_t i = 0;
    for (const int a : arms) {
      bool decomposed = false;
      for (const EffectRowOut& row : r.effects)
        if (row.arm == a && row.subgroup == 0 && row.outcome == k_report_outcome) decomposed = true;
      if (!decomposed) continue;
      canvas(page, "chart-decomposition-" + std::to_string(i++), r.arms[static_cast<std::size_t>(a)].name);
    }
    page += "</div>\n";
    note(page, t.decomposition_note);
    page += "</section>\n";
  }

  heading(page, "costs", t.costs);
  canvas(page, "chart-costs");
  note(page, t.costs_note);
  page += "</section>\n";

  if (!compared_arms(r).empty()) {
    heading(page, "subgroups", t.subgroups);
    canvas(page, "chart-subgroups");
    subgroup_table(page, in);
    note(page, t.subgroups_note);
    page += "</section>\n";
  }

  if (r.planner && !r.calendar.empty()) {
    heading(page, "calendar", t.calendar);
    canvas(page, "chart-calendar");
    note(page, t.calendar_note);
    page += "</section>\n";
  }
  if (r.planner && !r.budget.empty()) {
    heading(page, "budget", t.budget);
    canvas(page, "chart-budget");
    note(page, t.budget_note);
    page += "</section>\n";
  }
  if (in.draws != nullptr && in.uncertainty != nullptr && !in.draws->draws.empty() &&
      !compared_arms(r).empty()) {
    heading(page, "draws", t.draws);
    canvas(page, "chart-draws");
    note(page, t.draws_note);
    page += "</section>\n";
  }
}

}  // namespace

std::string report_html(const ReportInputs& in) {
  if (in.results == nullptr || in.manifest == nullptr) fail_internal("report_html without results");
  std::string body;
  facts_section(body, in);
  headline_section(body, in);
  if (!compared_arms(*in.results).empty()) effects_section(body, in);
  chart_sections(body, in);
  return report_page(in.language, *in.manifest, body, report_data_json(in));
}

}  // namespace integrasim
