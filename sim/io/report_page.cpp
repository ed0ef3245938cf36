#include "io/report_page.h"

#include <charconv>
#include <cmath>
#include <cstdio>

#include "core/diagnostics.h"
#include "io/report_assets.h"
#include "io/report_chartjs.h"

namespace integrasim {

std::string html_escape(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string format_number(double value, int decimals, ReportLanguage language) {
  if (!std::isfinite(value)) return "–";
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.*f", decimals, std::fabs(value));
  const std::string digits = buffer;
  const std::size_t point = digits.find('.');
  const std::string whole = digits.substr(0, point);
  const bool da = language == ReportLanguage::da;
  std::string out;
  // A value that rounds to zero is shown without a sign: "−0,00" would read as an effect.
  if (value < 0.0 && digits.find_first_not_of("0.") != std::string::npos) out += "\u2212";
  for (std::size_t i = 0; i < whole.size(); ++i) {
    if (i > 0 && (whole.size() - i) % 3 == 0) out += da ? '.' : ',';
    out += whole[i];
  }
  if (point != std::string::npos) {
    out += da ? ',' : '.';
    out += digits.substr(point + 1);
  }
  return out;
}

std::string exact_number(double value) {
  if (std::isnan(value)) return "";
  if (value == 0.0) return "0";  // as the CSV writer: no "-0"
  char buffer[64];
  const auto [end, error] = std::to_chars(buffer, buffer + sizeof buffer, value);
  if (error != std::errc{}) fail_internal("to_chars failed for a double");
  return std::string(buffer, end);
}

void heading(std::string& page, const std::string& id, std::string_view title) {
  page += "<section id=\"";
  page += id;
  page += "\">\n<h2>";
  page += title;
  page += "</h2>\n";
}

void note(std::string& page, std::string_view text) {
  page += "<p class=\"note\">";
  page += text;
  page += "</p>\n";
}

void numbers_table(std::string& page, const std::vector<std::string>& labels, std::size_t text_columns) {
  page += "<table class=\"numbers\">\n<tr>";
  for (std::size_t i = 0; i < labels.size(); ++i) {
    page += i < text_columns ? "<th>" : "<th class=\"num\">";
    page += labels[i];
    page += "</th>";
  }
  page += "</tr>\n";
}

void canvas(std::string& page, const std::string& id, const std::string& title) {
  page += "<div>";
  if (!title.empty()) {
    page += "<p class=\"chart-title\">";
    page += html_escape(title);
    page += "</p>";
  }
  page += "<div class=\"chart\"><canvas id=\"";
  page += id;
  page += "\"></canvas></div></div>\n";
}

void fact(std::string& page, std::string_view label, const std::string& escaped_value) {
  page += "<tr><th>";
  page += label;
  page += "</th><td>";
  page += escaped_value;
  page += "</td></tr>\n";
}

std::string script_safe_json(const std::string& json) {
  std::string safe;
  safe.reserve(json.size());
  for (const char c : json) {
    if (c == '<')
      safe += "\\u003c";
    else if (c == '>')
      safe += "\\u003e";
    else if (c == '&')
      safe += "\\u0026";
    else
      safe += c;
  }
  return safe;
}

std::string report_page(ReportLanguage language, const Manifest& manifest, const std::string& body,
                        const std::string& data_json) {
  const ReportText& t = report_text(language);
  const std::string name = html_escape(manifest.scenario_name);
  std::string page = "<!DOCTYPE html>\n<html lang=\"";
  page += language_code(language);
  page += "\" data-report-state=\"loading\">\n<head>\n<meta charset=\"utf-8\">\n<title>";
  page += t.title;
  page += ": ";
  page += name;
  page += "</title>\n<style>";
  page += report_css();
  page += "</style>\n<script>";
  page += report_error_catcher_js();
  page += "</script>\n</head>\n<body>\n<header>\n<h1>";
  page += t.title;
  page += ": ";
  page += name;
  page += "</h1>\n";
  if (!manifest.description.empty()) {
    page += "<p class=\"description\">";
    page += html_escape(manifest.description);
    page += "</p>\n";
  }
  page += "</header>\n";
  page += body;
  page += "<footer>";
  page += t.generated_by;
  page += ' ';
  page += html_escape(manifest.version);
  page += ". Chart.js (MIT).</footer>\n<script>";
  // A "</script" inside would end the element early; Debian's build has none.
  if (chartjs_source().find("</script") != std::string_view::npos)
    fail_internal("the embedded Chart.js contains </script");
  page += chartjs_source();
  page += "</script>\n<script type=\"application/json\" id=\"report-data\">";
  page += data_json;
  page += "</script>\n<script>";
  page += report_charts_js();
  page += "</script>\n</body>\n</html>\n";
  return page;
}

}  // namespace integrasim
