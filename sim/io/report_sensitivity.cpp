#include "io/report_sensitivity.h"

#include <nlohmann/json.hpp>
#include <vector>

#include "core/diagnostics.h"
#include "io/report_page.h"

namespace integrasim {

namespace {

using nlohmann::ordered_json;

// The arms of the tornado, in the order they first appear.
std::vector<std::string> tornado_arms(const std::vector<TornadoRow>& rows) {
  std::vector<std::string> arms;
  for (const TornadoRow& row : rows) {
    bool seen = false;
    for (const std::string& a : arms) seen = seen || a == row.arm;
    if (!seen) arms.push_back(row.arm);
  }
  return arms;
}

// The rows of `arm` with rank 1..k_report_tornado_rows, by rank.
std::vector<const TornadoRow*> top_rows(const std::vector<TornadoRow>& rows, const std::string& arm) {
  std::vector<const TornadoRow*> out;
  for (int rank = 1; rank <= k_report_tornado_rows; ++rank)
    for (const TornadoRow& row : rows)
      if (row.arm == arm && row.rank == rank) out.push_back(&row);
  return out;
}

// EVPI, the groups, and the parameters with the most value.
std::vector<const VoiRow*> shown_voi_rows(const VoiReport& voi) {
  std::vector<const VoiRow*> out;
  int parameters = 0;
  for (const VoiRow& row : voi.rows) {
    if (row.kind == "parameter" && parameters++ >= k_report_voi_parameters) continue;
    out.push_back(&row);
  }
  return out;
}

bool any_value(const std::vector<const VoiRow*>& rows) {
  for (const VoiRow* row : rows)
    if (row->per_person > 0.0) return true;
  return false;
}

std::string metric_text(const SensitivityReportInputs& in) {
  std::string text = in.metric->name == k_net_monetary_value ? std::string(in.metric->name)
                                                             : metric_label(in.language, in.metric->name);
  text += " (";
  text += unit_label(in.language, decision_metric_unit(*in.metric));
  text += ")";
  return text;
}

std::string data_json(const SensitivityReportInputs& in) {
  const ReportText& t = report_text(in.language);
  const SensitivityResult& r = *in.result;
  ordered_json arms = ordered_json::array(), tornado = ordered_json::array();
  for (const std::string& arm : tornado_arms(r.tornado)) {
    arms.push_back({{"name", arm}, {"role", "policy"}});
    ordered_json rows = ordered_json::array();
    double point = 0.0;
    for (const TornadoRow* row : top_rows(r.tornado, arm)) {
      point = row->metric_at_point;
      rows.push_back(
          {{"parameter", row->parameter}, {"at_low", row->metric_at_low}, {"at_high", row->metric_at_high}});
    }
    tornado.push_back({{"arm", arm}, {"point", point}, {"rows", rows}});
  }
  ordered_json voi = nullptr;
  const std::vector<const VoiRow*> voi_rows = shown_voi_rows(r.voi);
  if (any_value(voi_rows)) {
    ordered_json rows = ordered_json::array();
    for (const VoiRow* row : voi_rows)
      rows.push_back({{"name", row->name}, {"kind", row->kind}, {"per_person", row->per_person}});
    voi = ordered_json{{"rows", rows}};
  }
  ordered_json data = {{"language", language_code(in.language)},
                       {"labels",
                        {{"at_low", t.at_low},
                         {"at_high", t.at_high},
                         {"metric", metric_text(in)},
                         {"no_intervention", role_label(in.language, "no_intervention")}}},
                       {"arms", arms},
                       {"tornado", tornado},
                       {"voi", voi}};
  return script_safe_json(data.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

std::string cell(const std::string& attributes, const std::string& text) {
  std::string out = "<td class=\"num\"";
  out += attributes;
  out += ">";
  out += text;
  out += "</td>";
  return out;
}

std::string value_attribute(double value) {
  std::string out = " data-value=\"";
  out += exact_number(value);
  out += "\"";
  return out;
}

void tornado_section(std::string& page, const SensitivityReportInputs& in) {
  const ReportText& t = report_text(in.language);
  const std::vector<TornadoRow>& rows = in.result->tornado;
  heading(page, "tornado", t.tornado);
  const std::vector<std::string> arms = tornado_arms(rows);
  for (std::size_t i = 0; i < arms.size(); ++i) {
    canvas(page, "chart-tornado-" + std::to_string(i), arms[i]);
    numbers_table(page, {std::string(t.parameter), std::string(t.low_value), std::string(t.high_value),
                         std::string(t.at_low), std::string(t.at_high), std::string(t.swing)});
    for (const TornadoRow* row : top_rows(rows, arms[i])) {
      page += "<tr><td>";
      page += html_escape(row->parameter);
      page += "</td>";
      page += cell("", format_number(row->low_value, 3, in.language));
      page += cell("", format_number(row->high_value, 3, in.language));
      page += cell("", format_number(row->metric_at_low, 3, in.language));
      page += cell("", format_number(row->metric_at_high, 3, in.language));
      std::string attributes = " data-arm=\"";
      attributes += html_escape(row->arm);
      attributes += "\" data-parameter=\"";
      attributes += html_escape(row->parameter);
      attributes += "\" data-kind=\"swing\"";
      attributes += value_attribute(row->swing);
      page += cell(attributes, format_number(row->swing, 3, in.language));
      page += "</tr>\n";
    }
    page += "</table>\n";
  }
  note(page, t.tornado_note);
  page += "</section>\n";
}

void voi_section(std::string& page, const SensitivityReportInputs& in) {
  const ReportText& t = report_text(in.language);
  const std::vector<const VoiRow*> rows = shown_voi_rows(in.result->voi);
  heading(page, "voi", t.voi);
  if (any_value(rows)) canvas(page, "chart-voi");
  numbers_table(page, {std::string(t.parameter), std::string(t.per_person), std::string(t.per_cohort),
                       std::string(t.share_of_evpi)});
  for (const VoiRow* row : rows) {
    page += "<tr><td>";
    page += row->kind == "parameter" ? "" : "<b>";
    page += html_escape(row->name);
    page += row->kind == "parameter" ? "" : "</b>";
    page += "</td>";
    std::string attributes = " data-name=\"";
    attributes += html_escape(row->name);
    attributes += "\" data-kind=\"evppi\"";
    attributes += value_attribute(row->per_person);
    page += cell(attributes, format_number(row->per_person, 4, in.language));
    page += cell("", format_number(row->cohort, 1, in.language));
    page += cell("", format_number(100.0 * row->share_of_evpi, 1, in.language) + " %");
    page += "</tr>\n";
  }
  page += "</table>\n";
  note(page, t.voi_note);
  page += "</section>\n";
}

}  // namespace

std::string sensitivity_report_html(const SensitivityReportInputs& in) {
  if (in.result == nullptr || in.metric == nullptr || in.manifest == nullptr)
    fail_internal("sensitivity_report_html without results");
  const ReportText& t = report_text(in.language);
  const Manifest& m = *in.manifest;
  std::string body;
  heading(body, "simulated", t.what_simulated);
  body += "<table class=\"facts\">\n";
  fact(body, t.scenario, html_escape(m.scenario_name));
  if (!m.description.empty()) fact(body, t.description, html_escape(m.description));
  fact(body, t.persons, format_number(static_cast<double>(m.persons), 0, in.language));
  std::string horizon = std::to_string(m.horizon_months);
  horizon += ' ';
  horizon += t.months;
  fact(body, t.horizon, horizon);
  fact(body, t.decision_metric, html_escape(metric_text(in)));
  fact(body, t.parameter_draws, std::to_string(m.draws));
  fact(body, t.simulations, std::to_string(in.result->simulations));
  fact(body, t.seed, std::to_string(m.seed));
  fact(body, t.version, html_escape(m.version));
  body += "</table>\n</section>\n";
  if (!in.result->tornado.empty()) tornado_section(body, in);
  if (m.draws > 0) voi_section(body, in);
  Manifest titled = m;
  titled.scenario_name = std::string(t.sensitivity_title).append(" – ").append(m.scenario_name);
  return report_page(in.language, titled, body, data_json(in));
}

}  // namespace integrasim
