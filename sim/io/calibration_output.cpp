#include "io/calibration_output.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "core/diagnostics.h"
#include "io/json_text.h"
#include "io/scenario_reader.h"

namespace integrasim {
namespace {

void number_or_empty(CsvWriter& w, double x) {
  if (std::isfinite(x))
    w.add_number(x);
  else
    w.add_text("");
}

std::string join_ids(const std::vector<std::string>& ids) {
  std::string out;
  for (const std::string& id : ids) {
    if (!out.empty()) out.append(";");
    out.append(id);
  }
  return out;
}

const CatalogueValue* find_value(const Catalogue& c, const std::string& id) {
  for (const CatalogueValue* v : c.all_values())
    if (v->id == id) return v;
  return nullptr;
}

// "baseline_hazards.csv" from "scenarios/evidence/baseline_hazards.csv" or from the
// built-in copy's "<built-in evidence/baseline_hazards.csv>".
std::string base_name(const std::string& path) {
  std::string name = std::filesystem::path(path).filename().string();
  while (!name.empty() && name.back() == '>') name.pop_back();
  return name;
}

// A CSV record as found in a file: where it is and its unquoted fields.
struct Record {
  std::size_t begin = 0;
  std::size_t end = 0;  // before the line ending
  std::vector<std::string> fields;
};

std::vector<Record> split_records(const std::string& text) {
  std::vector<Record> out;
  std::size_t i = 0;
  while (i < text.size()) {
    Record r;
    r.begin = i;
    std::string field;
    bool quoted = false;
    while (i < text.size()) {
      const char c = text[i];
      if (quoted) {
        if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
          field.push_back('"');
          i += 2;
          continue;
        }
        if (c == '"') {
          quoted = false;
        } else {
          field.push_back(c);
        }
        ++i;
        continue;
      }
      if (c == '"') {
        quoted = true;
        ++i;
      } else if (c == ',') {
        r.fields.push_back(std::move(field));
        field.clear();
        ++i;
      } else if (c == '\n' || c == '\r') {
        break;
      } else {
        field.push_back(c);
        ++i;
      }
    }
    r.fields.push_back(std::move(field));
    r.end = i;
    if (i < text.size() && text[i] == '\r') ++i;
    if (i < text.size() && text[i] == '\n') ++i;
    if (r.end > r.begin) out.push_back(std::move(r));
  }
  return out;
}

std::string csv_field(const std::string& s) {
  if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
  std::string out = "\"";
  for (const char c : s) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  out.push_back('"');
  return out;
}

// The row a calibrated value becomes (rounded as written).
struct RowOut {
  std::string file;
  const FittedValue* fitted = nullptr;
  CatalogueValue value;
};

std::vector<RowOut> rows_out(const CalibrationResult& result) {
  std::vector<RowOut> out;
  for (const FittedValue& f : result.values) {
    const CatalogueValue* v = find_value(result.calibrated, f.id);
    if (v == nullptr) fail_internal("calibrated catalogue lacks " + f.id);
    RowOut r;
    r.file = base_name(v->file);
    r.fitted = &f;
    r.value = *v;
    r.value.value = round_significant(v->value, k_calibrated_digits);
    r.value.ci_low = std::min(round_significant(v->ci_low, k_calibrated_digits), r.value.value);
    r.value.ci_high = std::max(round_significant(v->ci_high, k_calibrated_digits), r.value.value);
    out.push_back(std::move(r));
  }
  return out;
}

}  // namespace

double round_significant(double value, int digits) {
  if (!std::isfinite(value) || value == 0.0) return value;
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.*g", digits, value);
  return std::strtod(buffer, nullptr);
}

std::string fit_report_csv(const CalibrationResult& result, CsvDialect dialect) {
  CsvWriter w(dialect);
  w.header({"target", "source", "scenario", "arm", "subgroup", "metric", "comparison", "published",
            "tolerance", "simulated_at_start", "simulated", "se", "residual", "weighted_residual",
            "within_tolerance"});
  for (std::size_t i = 0; i < result.fit.size(); ++i) {
    const FitRow& r = result.fit[i];
    w.add_text(r.target);
    w.add_text(r.source);
    w.add_text(r.scenario);
    w.add_text(r.arm);
    w.add_text(r.subgroup);
    w.add_text(r.metric);
    w.add_text(comparison_name(r.comparison));
    w.add_number(r.published);
    w.add_number(r.tolerance);
    number_or_empty(w, i < result.start_fit.size() ? result.start_fit[i].simulated.value : std::nan(""));
    w.add_number(r.simulated.value);
    w.add_number(r.simulated.se);
    w.add_number(r.residual);
    w.add_number(r.weighted_residual);
    w.add_text(r.within_tolerance ? "yes" : "no");
    w.end_row();
  }
  return w.text();
}

std::string fitted_parameters_csv(const CalibrationResult& result, CsvDialect dialect) {
  CsvWriter w(dialect);
  w.header({"parameter", "kind", "ids", "lower", "upper", "start", "estimate", "se", "se_monte_carlo",
            "at_bound"});
  for (const FittedParameter& p : result.parameters) {
    w.add_text(p.name);
    w.add_text(p.kind == CalibrationParameter::Kind::factor ? "factor" : "value");
    w.add_text(join_ids(p.ids));
    w.add_number(p.lower);
    w.add_number(p.upper);
    w.add_number(p.start);
    w.add_number(p.estimate);
    number_or_empty(w, p.se);
    number_or_empty(w, p.se_monte_carlo);
    w.add_text(p.at_bound ? "yes" : "no");
    w.end_row();
  }
  return w.text();
}

std::string calibrated_rows_csv(const CalibrationResult& result, CsvDialect dialect) {
  CsvWriter w(dialect);
  w.header({"file", "id", "previous_value", "value", "se", "ci_low", "ci_high", "distribution", "source",
            "status", "parameter", "note"});
  for (const RowOut& r : rows_out(result)) {
    w.add_text(r.file);
    w.add_text(r.value.id);
    w.add_number(r.fitted->previous);
    w.add_number(r.value.value);
    number_or_empty(w, r.fitted->se);
    if (r.value.has_interval) {
      w.add_number(r.value.ci_low);
      w.add_number(r.value.ci_high);
    } else {
      w.add_text("");
      w.add_text("");
    }
    w.add_text(name_of(r.value.distribution));
    w.add_text(r.value.source);
    w.add_text(name_of(r.value.status));
    w.add_text(r.fitted->parameter);
    w.add_text(r.value.note);
    w.end_row();
  }
  return w.text();
}

std::string calibration_summary_json(const CalibrationResult& result) {
  nlohmann::ordered_json history = nlohmann::ordered_json::array();
  for (const CalibrationIteration& h : result.history)
    history.push_back({{"iteration", h.iteration},
                       {"objective", h.objective},
                       {"damping", h.damping},
                       {"evaluations", h.evaluations}});
  nlohmann::ordered_json root;
  root["iterations"] = result.iterations;
  root["evaluations"] = result.evaluations;
  root["start_objective"] = result.start_objective;
  root["objective"] = result.objective;
  root["converged"] = result.converged;
  root["stop_reason"] = result.stop_reason;
  root["condition_number"] = result.condition_number;
  root["standard_errors"] = result.standard_errors;
  root["history"] = std::move(history);
  return json_document(root);
}

std::string calibration_console_report(const std::string& name, const CalibrationResult& result,
                                       const std::string& folder) {
  std::string out;
  char line[512];
  std::snprintf(line, sizeof line,
                "Calibration '%s': %d iterations, %d evaluations; objective %.4g -> %.4g (%s: %s).\n\n",
                name.c_str(), result.iterations, result.evaluations, result.start_objective, result.objective,
                result.converged ? "converged" : "not converged", result.stop_reason.c_str());
  out.append(line);
  std::snprintf(line, sizeof line, "  %-44s %12s %12s %12s %12s\n", "parameter", "start", "estimate", "se",
                "bounds");
  out.append(line);
  for (const FittedParameter& p : result.parameters) {
    std::string bounds = format_value(round_significant(p.lower, 3));
    bounds.append("-").append(format_value(round_significant(p.upper, 3)));
    std::snprintf(line, sizeof line, "  %-44s %12.4g %12.4g %12.3g %12s%s\n", p.name.c_str(), p.start,
                  p.estimate, p.se, bounds.c_str(), p.at_bound ? "  AT BOUND" : "");
    out.append(line);
  }
  out.append("\n");
  std::snprintf(line, sizeof line, "  %-34s %10s %10s %10s %9s %10s %s\n", "target", "published", "tolerance",
                "simulated", "se", "residual", "within");
  out.append(line);
  for (const FitRow& r : result.fit) {
    std::snprintf(line, sizeof line, "  %-34s %10.4g %10.4g %10.4g %9.2g %10.3g %s\n", r.target.c_str(),
                  r.published, r.tolerance, r.simulated.value, r.simulated.se, r.residual,
                  r.within_tolerance ? "yes" : "no");
    out.append(line);
  }
  if (!result.standard_errors)
    out.append(
        "\n  No standard errors: J'J is singular or ill-conditioned (some parameters are not identified by "
        "the "
        "targets).\n");
  out.append("\nResults: ")
      .append(folder)
      .append(" (fit_report.csv, parameters.csv, calibrated_rows.csv, calibration.json, manifest.json)\n");
  return out;
}

std::vector<OutputFile> apply_calibration_files(const CalibrationResult& result,
                                                const std::string& catalogue_dir) {
  std::map<std::string, std::vector<RowOut>> by_file;
  for (RowOut& r : rows_out(result)) by_file[r.file].push_back(std::move(r));
  std::vector<OutputFile> files;
  for (auto& [file, rows] : by_file) {
    const std::string path = (std::filesystem::path(catalogue_dir) / file).string();
    const std::string text = read_text_file(path);
    const std::vector<Record> records = split_records(text);
    if (records.empty()) fail_input_message({path, 0, 0}, "the file is empty");
    const std::vector<std::string>& header = records[0].fields;
    const auto column = [&](std::string_view name) {
      const auto found = std::find(header.begin(), header.end(), name);
      return found == header.end() ? -1 : static_cast<int>(found - header.begin());
    };
    const int id_col = column("id");
    const int value_col = column("value");
    if (id_col < 0 || value_col < 0) {
      std::string message =
          "cannot apply calibrated values to this file: it has no 'id' and 'value' columns (";
      message.append(rows.front().value.id).append(" is fitted); edit it by hand from calibrated_rows.csv");
      fail_input_message({path, 1, 0}, message);
    }
    const int low_col = column("ci_low");
    const int high_col = column("ci_high");
    const int dist_col = column("distribution");
    const int source_col = column("source");
    const int status_col = column("status");
    const int note_col = column("note");

    std::string rewritten;
    std::size_t copied = 0;
    std::set<std::string> done;
    for (std::size_t i = 1; i < records.size(); ++i) {
      const Record& rec = records[i];
      if (static_cast<std::size_t>(id_col) >= rec.fields.size()) continue;
      const auto row = std::find_if(rows.begin(), rows.end(), [&](const RowOut& r) {
        return r.value.id == rec.fields[static_cast<std::size_t>(id_col)];
      });
      if (row == rows.end()) continue;
      std::vector<std::string> fields = rec.fields;
      const auto set = [&](int col, const std::string& s) {
        if (col >= 0 && static_cast<std::size_t>(col) < fields.size())
          fields[static_cast<std::size_t>(col)] = s;
      };
      const CatalogueValue& v = row->value;
      set(value_col, format_value(v.value));
      set(low_col, v.has_interval ? format_value(v.ci_low) : "");
      set(high_col, v.has_interval ? format_value(v.ci_high) : "");
      set(dist_col, std::string(name_of(v.distribution)));
      set(source_col, v.source);
      set(status_col, std::string(name_of(v.status)));
      set(note_col, v.note);
      std::string line;
      for (std::size_t f = 0; f < fields.size(); ++f) {
        if (f > 0) line.push_back(',');
        line.append(csv_field(fields[f]));
      }
      rewritten.append(text, copied, rec.begin - copied);
      rewritten.append(line);
      copied = rec.end;
      done.insert(v.id);
    }
    rewritten.append(text, copied, std::string::npos);
    for (const RowOut& r : rows)
      if (done.count(r.value.id) == 0) {
        std::string message = "cannot apply the calibrated value of '";
        message.append(r.value.id).append("': no row with this id");
        fail_input_message({path, 0, 0}, message);
      }
    files.push_back({file, std::move(rewritten)});
  }
  return files;
}

}  // namespace integrasim
