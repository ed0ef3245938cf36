#include "io/validation_registry.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <string_view>
#include <system_error>
#include <vector>

#include "core/diagnostics.h"
#include "io/scenario_reader.h"
#include "io/targets_reader.h"

namespace integrasim {
namespace {

namespace fs = std::filesystem;

std::string fixed(double x, int decimals = 2) {
  if (!std::isfinite(x)) return "n/a";
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.*f", decimals, x);
  // "-0.00" reads as a sign error; show it as 0.
  if (std::string_view(buffer).find_first_not_of("-0.") == std::string_view::npos && buffer[0] == '-')
    return std::string(buffer + 1);
  return buffer;
}

std::string pad(const std::string& text, std::size_t width) {
  std::string out = text;
  if (out.size() < width) out.append(width - out.size(), ' ');
  return out;
}

// The 1-based character column where field `column` of CSV line `line` starts, found by
// the name in the header line; 0 if the text does not have it. Quoted fields may hold
// commas.
int csv_field_column(const std::string& text, int line, std::string_view column) {
  const auto line_text = [&](int wanted) -> std::string_view {
    std::size_t begin = 0;
    for (int l = 1; l < wanted && begin != std::string::npos; ++l) {
      begin = text.find('\n', begin);
      if (begin != std::string::npos) ++begin;
    }
    if (begin == std::string::npos || begin >= text.size()) return {};
    const std::size_t end = text.find('\n', begin);
    return std::string_view(text).substr(begin, end == std::string::npos ? std::string::npos : end - begin);
  };
  // Start offsets of the fields of one line.
  const auto field_starts = [](std::string_view l) {
    std::vector<std::size_t> starts{0};
    bool quoted = false;
    for (std::size_t i = 0; i < l.size(); ++i) {
      if (l[i] == '"') quoted = !quoted;
      if (l[i] == ',' && !quoted) starts.push_back(i + 1);
    }
    return starts;
  };
  std::string_view header = line_text(1);
  if (header.starts_with("\xEF\xBB\xBF")) header.remove_prefix(3);
  const std::vector<std::size_t> header_starts = field_starts(header);
  const std::string_view row = line_text(line);
  const std::vector<std::size_t> row_starts = field_starts(row);
  for (std::size_t f = 0; f < header_starts.size() && f < row_starts.size(); ++f) {
    const std::size_t end = f + 1 < header_starts.size() ? header_starts[f + 1] - 1 : header.size();
    std::string_view name = header.substr(header_starts[f], end - header_starts[f]);
    while (!name.empty() && (name.back() == ' ' || name.back() == '\r')) name.remove_suffix(1);
    while (!name.empty() && name.front() == ' ') name.remove_prefix(1);
    if (name == column) return static_cast<int>(row_starts[f]) + 1;
  }
  return 0;
}

// Whether `path` is `root` or below it (both already resolved).
bool is_within(const fs::path& path, const fs::path& root) {
  auto p = path.begin();
  for (auto r = root.begin(); r != root.end(); ++r, ++p) {
    if (r->empty()) continue;  // the empty last part of a root written with a trailing '/'
    if (p == path.end() || *p != *r) return false;
  }
  return true;
}

}  // namespace

std::string registry_scenario_path(const std::string& dir, const Target& target) {
  const fs::path base = dir.empty() ? fs::path(".") : fs::path(dir);
  const fs::path path = base / target.scenario;
  std::error_code error;
  const fs::path root = fs::weakly_canonical(fs::absolute(base, error), error);
  const fs::path resolved = error ? fs::path() : fs::weakly_canonical(fs::absolute(path, error), error);
  if (!error && is_within(resolved, root)) return path.string();
  std::string text;
  try {
    text = read_text_file(target.file);
  } catch (const InputError&) {
    text.clear();  // the message then names the line without a column
  }
  const SourcePosition where{target.file, target.line, csv_field_column(text, target.line, "scenario")};
  std::string rule = "a scenario file inside the registry folder ";
  rule.append(root.string());
  if (!error) rule.append(" (it resolves to ").append(resolved.string()).append(")");
  fail_input(where, "column 'scenario'", "\"" + target.scenario + "\"", rule);
}

std::vector<Target> read_registry(const std::string& dir) {
  std::error_code error;
  const SourcePosition where{dir, 0, 0};
  if (!fs::is_directory(dir, error))
    fail_input_message(where,
                       "the validation registry folder does not exist (run from the "
                       "repository folder, or give the folder with --registry DIR)");
  const std::string path = (fs::path(dir) / "targets.csv").string();
  if (!fs::is_regular_file(path, error))
    fail_input_message(SourcePosition{path, 0, 0},
                       "the registry has no targets.csv (give the registry folder with --registry DIR)");
  return read_targets(path);
}

ScenarioLoader registry_scenario_loader(const std::string& dir, const Catalogue& catalogue) {
  return [dir, &catalogue](const Target& target) {
    const std::string path = registry_scenario_path(dir, target);
    std::error_code error;
    if (!fs::is_regular_file(path, error))
      fail_input(
          SourcePosition{target.file, target.line, 0}, "column 'scenario'", target.scenario,
          std::string("a scenario file in the registry folder (").append(path).append(" does not exist)"));
    return read_scenario_file(path, catalogue);
  };
}

std::string validation_table(const ValidationReport& report) {
  const std::vector<std::string> header = {"target",         "source",   "published",        "tolerance",
                                           "simulated ± SE", "residual", "within tolerance", "sample"};
  std::vector<std::vector<std::string>> rows;
  int within = 0, within_in = 0, count_in = 0;
  for (std::size_t i = 0; i < report.targets.size(); ++i) {
    const Target& t = report.targets[i];
    const TargetResult& r = report.results[i];
    rows.push_back({t.id, t.source, fixed(t.published), fixed(t.tolerance),
                    fixed(r.simulated.value).append(" ± ").append(fixed(r.simulated.se)), fixed(r.residual),
                    r.within_tolerance ? "yes" : "no", t.in_sample ? "in-sample" : "out-of-sample"});
    within += r.within_tolerance ? 1 : 0;
    if (t.in_sample) {
      ++count_in;
      within_in += r.within_tolerance ? 1 : 0;
    }
  }
  // Widths in characters: "±" is two bytes but one character.
  auto length = [](const std::string& s) {
    return static_cast<std::size_t>(std::count_if(
        s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0U) != 0x80U; }));
  };
  std::vector<std::size_t> width(header.size());
  for (std::size_t c = 0; c < header.size(); ++c) {
    width[c] = length(header[c]);
    for (const auto& row : rows) width[c] = std::max(width[c], length(row[c]));
  }
  auto line = [&](const std::vector<std::string>& cells) {
    std::string out = " ";
    for (std::size_t c = 0; c < cells.size(); ++c) {
      const std::size_t extra = cells[c].size() - length(cells[c]);
      // Numbers are right-aligned, text left-aligned.
      const bool numeric = c >= 2 && c <= 5;
      std::string cell = cells[c];
      if (numeric && length(cell) < width[c]) cell.insert(0, width[c] - length(cell), ' ');
      out.append(" ").append(c + 1 < cells.size() ? pad(cell, width[c] + extra) : cell);
      if (c + 1 < cells.size()) out.append(" ");
    }
    return out.append("\n");
  };

  std::string out =
      "Published targets and their simulated counterparts (units as in each target's "
      "note; residual = simulated - published):\n\n";
  out.append(line(header));
  for (const auto& row : rows) out.append(line(row));
  const int total = static_cast<int>(report.targets.size());
  out.append("\n")
      .append(std::to_string(within))
      .append(" of ")
      .append(std::to_string(total))
      .append(" targets within tolerance (in-sample ")
      .append(std::to_string(within_in))
      .append(" of ")
      .append(std::to_string(count_in))
      .append(", out-of-sample ")
      .append(std::to_string(within - within_in))
      .append(" of ")
      .append(std::to_string(total - count_in))
      .append(").\n");
  out.append("Reference scenarios run:\n");
  for (const auto& run : report.runs) {
    char buffer[256];
    std::snprintf(buffer, sizeof buffer, "  %s: %lld persons, %d months, seed %llu, %.2f s\n",
                  run.scenario_file.c_str(), static_cast<long long>(run.persons), run.horizon_months,
                  static_cast<unsigned long long>(run.seed), run.wall_seconds);
    out.append(buffer);
  }
  return out;
}

std::string validation_csv(const ValidationReport& report, CsvDialect dialect) {
  CsvWriter w(dialect);
  w.header({"id", "scenario", "arm", "metric", "subgroup", "comparison", "scale", "source", "in_sample",
            "published", "tolerance", "simulated", "simulated_se", "residual", "within_tolerance", "persons",
            "note"});
  for (std::size_t i = 0; i < report.targets.size(); ++i) {
    const Target& t = report.targets[i];
    const TargetResult& r = report.results[i];
    std::int64_t persons = 0;
    for (const auto& run : report.runs)
      if (run.scenario_file == t.scenario) persons = run.persons;
    w.add_text(t.id);
    w.add_text(t.scenario);
    w.add_text(t.arm);
    w.add_text(t.metric);
    w.add_text(t.subgroup);
    w.add_text(comparison_name(t.comparison));
    w.add_number(t.scale);
    w.add_text(t.source);
    w.add_text(t.in_sample ? "yes" : "no");
    w.add_number(t.published);
    w.add_number(t.tolerance);
    w.add_number(r.simulated.value);
    w.add_number(r.simulated.se);
    w.add_number(r.residual);
    w.add_text(r.within_tolerance ? "yes" : "no");
    w.add_integer(static_cast<long long>(persons));
    w.add_text(t.note);
    w.end_row();
  }
  return w.text();
}

}  // namespace integrasim
