#include "io/validation_registry.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <system_error>

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

}  // namespace

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
    const std::string path = (fs::path(dir) / target.scenario).string();
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
    w.add_text(t.comparison == TargetComparison::level ? "level" : "difference");
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
