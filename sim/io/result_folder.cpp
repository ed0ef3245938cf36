#include "io/result_folder.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <limits>
#include <nlohmann/json.hpp>

#include "core/diagnostics.h"
#include "io/text_file.h"

namespace integrasim {
namespace {

constexpr std::string_view k_bom = "\xEF\xBB\xBF";

struct Field {
  std::string text;
  int column = 0;  // 1-based character column where the field starts
};

struct Record {
  int line = 0;  // 1-based
  std::vector<Field> fields;
};

// RFC 4180 records with `separator`; a quote left open is an error at its position.
std::vector<Record> split_records(std::string_view text, char separator, const std::string& file) {
  std::vector<Record> records;
  int line = 1, column = 1;
  Record record{line, {}};
  Field field{"", 1};
  bool quoted = false, any = false;
  int quote_line = 0, quote_column = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        field.text += '"';
        ++i;
        column += 2;
        continue;
      }
      if (c == '"') {
        quoted = false;
      } else {
        field.text += c;
      }
      if (c == '\n') {
        ++line;
        column = 1;
      } else {
        ++column;
      }
      continue;
    }
    if (c == '"') {
      quoted = any = true;
      quote_line = line;
      quote_column = column++;
    } else if (c == separator) {
      record.fields.push_back(std::move(field));
      field = Field{"", ++column};
      any = true;
    } else if (c == '\r' || c == '\n') {
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      record.fields.push_back(std::move(field));
      records.push_back(std::move(record));
      record = Record{++line, {}};
      column = 1;
      field = Field{"", 1};
      any = false;
    } else {
      field.text += c;
      ++column;
      any = true;
    }
  }
  if (quoted)
    fail_input_message(SourcePosition{file, quote_line, quote_column}, "a quoted field is never closed");
  if (any) {
    record.fields.push_back(std::move(field));
    records.push_back(std::move(record));
  }
  return records;
}

std::size_t column_of(const Record& header, const std::string& name, const std::string& file) {
  for (std::size_t i = 0; i < header.fields.size(); ++i)
    if (header.fields[i].text == name) return i;
  fail_input_message(SourcePosition{file, 1, 1}, "summary.csv has no column '" + name +
                                                     "' (is this a summary.csv written by integrasim run?)");
}

double number_field(const Record& r, std::size_t i, const std::string& column, bool decimal_comma,
                    const std::string& file) {
  const Field& f = r.fields[i];
  if (f.text.empty()) return std::numeric_limits<double>::quiet_NaN();
  std::string text = f.text;
  // In the Danish dialect a point is no decimal mark (it may be a thousands separator).
  const bool foreign_mark = decimal_comma && text.find('.') != std::string::npos;
  if (decimal_comma) std::replace(text.begin(), text.end(), ',', '.');
  std::size_t used = 0;
  double value = 0;
  try {
    value = std::stod(text, &used);
  } catch (const std::exception&) {
    used = 0;
  }
  if (foreign_mark || used != text.size() || used == 0 || !std::isfinite(value))
    fail_input(SourcePosition{file, r.line, f.column}, "column '" + column + "'", quote_value(f.text),
               decimal_comma ? "a number with a decimal comma, or empty" : "a number, or empty");
  return value;
}

// The line and column of byte `offset` of `text`.
SourcePosition position_of(const std::string& text, std::size_t offset, const std::string& file) {
  int line = 1, column = 1;
  for (std::size_t i = 0; i < std::min(offset, text.size()); ++i) {
    if (text[i] == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
  }
  return SourcePosition{file, line, column};
}

// Where member `key` is written (its first occurrence), for messages about its value.
SourcePosition key_position(const std::string& text, const std::string& key, const std::string& file) {
  const std::size_t at = text.find("\"" + key + "\"");
  return at == std::string::npos ? SourcePosition{file, 0, 0} : position_of(text, at, file);
}

}  // namespace

ReadSummary parse_summary_csv(const std::string& text, const std::string& file) {
  ReadSummary out;
  const bool excel = std::string_view(text).starts_with(k_bom);
  out.dialect = excel ? "excel-da" : "standard";
  const std::vector<Record> records =
      split_records(std::string_view(text).substr(excel ? k_bom.size() : 0), excel ? ';' : ',', file);
  if (records.empty()) fail_input_message(SourcePosition{file, 0, 0}, "summary.csv is empty");
  const Record& header = records.front();
  const std::size_t arm = column_of(header, "arm", file);
  const std::size_t role = column_of(header, "role", file);
  const std::size_t subgroup = column_of(header, "subgroup", file);
  const std::size_t persons = column_of(header, "persons", file);
  // Metric columns: every <name> followed by <name>_se, before the diff_ columns.
  std::vector<std::pair<std::size_t, std::size_t>> metric_columns;
  for (std::size_t i = persons + 1; i + 1 < header.fields.size(); i += 2) {
    const std::string& name = header.fields[i].text;
    if (name.starts_with("diff_")) break;
    if (header.fields[i + 1].text != name + "_se")
      fail_input(SourcePosition{file, 1, header.fields[i + 1].column}, "header column",
                 quote_value(header.fields[i + 1].text),
                 "'" + name + "_se' (each metric is followed by its SE)");
    out.metrics.push_back(name);
    metric_columns.emplace_back(i, i + 1);
  }
  if (out.metrics.empty())
    fail_input_message(SourcePosition{file, 1, 1}, "summary.csv has no metric columns after 'persons'");
  for (std::size_t r = 1; r < records.size(); ++r) {
    const Record& rec = records[r];
    if (rec.fields.size() == 1 && rec.fields[0].text.empty()) continue;  // a blank last line
    if (rec.fields.size() != header.fields.size())
      fail_input_message(SourcePosition{file, rec.line, rec.fields.back().column},
                         "the row has " + std::to_string(rec.fields.size()) + " fields, but the header has " +
                             std::to_string(header.fields.size()));
    ReadSummaryRow row;
    row.arm = rec.fields[arm].text;
    row.role = rec.fields[role].text;
    row.subgroup = rec.fields[subgroup].text;
    const double n = number_field(rec, persons, "persons", excel, file);
    if (!(n >= 0) || n != std::floor(n))
      fail_input(SourcePosition{file, rec.line, rec.fields[persons].column}, "column 'persons'",
                 quote_value(rec.fields[persons].text), "a whole number >= 0");
    row.persons = static_cast<std::int64_t>(n);
    for (std::size_t m = 0; m < metric_columns.size(); ++m) {
      row.values.push_back(number_field(rec, metric_columns[m].first, out.metrics[m], excel, file));
      row.ses.push_back(number_field(rec, metric_columns[m].second, out.metrics[m] + "_se", excel, file));
    }
    out.rows.push_back(std::move(row));
  }
  return out;
}

Manifest parse_manifest_json(const std::string& text, const std::string& file) {
  nlohmann::json root;
  try {
    root = nlohmann::json::parse(text);
  } catch (const nlohmann::json::parse_error& e) {
    fail_input_message(position_of(text, e.byte > 0 ? e.byte - 1 : 0, file),
                       "manifest.json is not valid JSON (" + std::string(e.what()) + ")");
  }
  if (!root.is_object())
    fail_input_message(SourcePosition{file, 1, 1}, "manifest.json must hold a JSON object");
  const auto need = [&](const std::string& key, bool (nlohmann::json::*is)() const noexcept,
                        const std::string& kind) -> const nlohmann::json& {
    const auto it = root.find(key);
    if (it == root.end())
      fail_input_message(SourcePosition{file, 0, 0}, "manifest.json has no member \"" + key + "\"");
    if (!((*it).*is)()) fail_input(key_position(text, key, file), "member \"" + key + "\"", it->dump(), kind);
    return *it;
  };
  Manifest m;
  m.version = need("version", &nlohmann::json::is_string, "a string").get<std::string>();
  m.git_revision = need("git_revision", &nlohmann::json::is_string, "a string").get<std::string>();
  m.build_type = need("build_type", &nlohmann::json::is_string, "a string").get<std::string>();
  m.scenario_name = need("scenario", &nlohmann::json::is_string, "a string").get<std::string>();
  if (root.contains("description") && root["description"].is_string())
    m.description = root["description"].get<std::string>();
  m.seed = need("seed", &nlohmann::json::is_number_unsigned, "an integer >= 0").get<std::uint64_t>();
  m.persons = need("persons", &nlohmann::json::is_number_integer, "an integer").get<std::int64_t>();
  m.draws = need("draws", &nlohmann::json::is_number_integer, "an integer").get<int>();
  m.threads = need("threads", &nlohmann::json::is_number_integer, "an integer").get<int>();
  m.horizon_months = need("horizon_months", &nlohmann::json::is_number_integer, "an integer").get<int>();
  if (root.contains("csv_dialect") && root["csv_dialect"].is_string())
    m.csv_dialect = root["csv_dialect"].get<std::string>();
  const nlohmann::json& inputs = need("inputs", &nlohmann::json::is_array, "an array of {name, sha256}");
  for (const nlohmann::json& item : inputs) {
    if (!item.is_object() || !item.contains("name") || !item.contains("sha256") ||
        !item["name"].is_string() || !item["sha256"].is_string())
      fail_input(key_position(text, "inputs", file), "member \"inputs\" element", item.dump(),
                 "an object with string members \"name\" and \"sha256\"");
    m.inputs.push_back({item["name"].get<std::string>(), item["sha256"].get<std::string>()});
  }
  return m;
}

ResultFolder read_result_folder(const std::string& folder, const std::string& role) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (!fs::is_directory(folder, ec))
    fail_input(SourcePosition{"command line", 0, 0}, "folder " + role, quote_value(folder),
               "a result folder of integrasim run (it " +
                   std::string(fs::exists(folder, ec) ? "is not a folder" : "does not exist") + ")");
  ResultFolder out;
  out.folder = folder;
  for (const char* name : {"summary.csv", "manifest.json"}) {
    const std::string path = (fs::path(folder) / name).string();
    if (!fs::is_regular_file(path, ec))
      fail_input_message(SourcePosition{path, 0, 0},
                         std::string(name) +
                             " is missing: compare reads the summary.csv and manifest.json "
                             "that integrasim run writes");
  }
  const std::string summary_path = (fs::path(folder) / "summary.csv").string();
  const std::string manifest_path = (fs::path(folder) / "manifest.json").string();
  out.summary = parse_summary_csv(read_text_file(summary_path), summary_path);
  out.manifest = parse_manifest_json(read_text_file(manifest_path), manifest_path);
  return out;
}

}  // namespace integrasim
