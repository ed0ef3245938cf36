#include "io/compare_report.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <set>

#include "core/diagnostics.h"

namespace integrasim {
namespace {

std::string number_text(double v, const char* format) {
  if (std::isnan(v)) return "-";
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, format, v);
  return buffer;
}

void differ(std::vector<ManifestDifference>& out, const std::string& what, const std::string& a,
            const std::string& b, bool relevant = true) {
  if (a != b) out.push_back({what, a, b, relevant});
}

std::vector<ManifestDifference> manifest_differences(const Manifest& a, const Manifest& b) {
  std::vector<ManifestDifference> out;
  differ(out, "scenario", a.scenario_name, b.scenario_name);
  differ(out, "description", a.description, b.description, false);
  differ(out, "seed", std::to_string(a.seed), std::to_string(b.seed));
  differ(out, "persons", std::to_string(a.persons), std::to_string(b.persons));
  differ(out, "draws", std::to_string(a.draws), std::to_string(b.draws));
  differ(out, "horizon_months", std::to_string(a.horizon_months), std::to_string(b.horizon_months));
  differ(out, "version", a.version, b.version);
  differ(out, "git_revision", a.git_revision, b.git_revision);
  differ(out, "build_type", a.build_type, b.build_type, false);
  differ(out, "threads", std::to_string(a.threads), std::to_string(b.threads), false);
  differ(out, "csv_dialect", a.csv_dialect, b.csv_dialect, false);
  std::map<std::string, std::pair<std::string, std::string>> inputs;  // name -> (sha A, sha B)
  for (const FileHash& h : a.inputs) inputs[h.name].first = h.sha256;
  for (const FileHash& h : b.inputs) inputs[h.name].second = h.sha256;
  for (const auto& [name, shas] : inputs) differ(out, "input " + name, shas.first, shas.second);
  return out;
}

template <typename Row>
std::vector<std::string> arm_names(const std::vector<Row>& rows) {
  std::vector<std::string> names;
  for (const Row& r : rows)
    if (std::find(names.begin(), names.end(), r.arm) == names.end()) names.push_back(r.arm);
  return names;
}

// compare.csv's columns. Its rows mix metrics of every unit, so its numbers have none.
std::vector<TableColumn> compare_columns() {
  std::vector<TableColumn> columns;
  for (const char* name : {"arm", "subgroup", "metric", "a", "a_se", "b", "b_se", "b_minus_a",
                           "b_minus_a_se_unpaired", "coupled"})
    columns.push_back({name});
  return columns;
}

// A number cell of compare.csv (empty = not estimated) as console text.
std::string cell_text(const Table& t, std::size_t row, std::size_t column, const char* format) {
  const auto* v = std::get_if<double>(&t.cell(row, column));
  return number_text(v ? *v : std::nan(""), format);
}

const std::string& text_at(const Table& t, std::size_t row, std::size_t column) {
  return t.text(std::get<TextCell>(t.cell(row, column)));
}

std::string joined(const std::vector<std::string>& names) {
  std::string out;
  for (const std::string& n : names) {
    if (!out.empty()) out += ", ";
    out += n;
  }
  return out.empty() ? "none" : out;
}

}  // namespace

Comparison compare_folders(const ResultFolder& a, const ResultFolder& b) {
  Comparison c{false, {}, {}, Table(compare_columns())};
  c.differences = manifest_differences(a.manifest, b.manifest);
  c.coupled = a.manifest.seed == b.manifest.seed && a.manifest.persons == b.manifest.persons &&
              a.manifest.version == b.manifest.version && a.manifest.git_revision == b.manifest.git_revision;
  const std::vector<std::string> arms_a = arm_names(a.summary.rows);
  const std::vector<std::string> arms_b = arm_names(b.summary.rows);
  for (const std::string& arm : arms_a)
    if (std::find(arms_b.begin(), arms_b.end(), arm) != arms_b.end()) c.common_arms.push_back(arm);
  if (c.common_arms.empty()) {
    std::string message = "the folders have no arm in common: A (";
    message.append(a.folder).append(") has ").append(joined(arms_a)).append("; B (").append(b.folder);
    message.append(") has ").append(joined(arms_b));
    fail_input_message(SourcePosition{"command line", 0, 0}, message);
  }
  for (const ReadSummaryRow& ra : a.summary.rows) {
    if (std::find(c.common_arms.begin(), c.common_arms.end(), ra.arm) == c.common_arms.end()) continue;
    const auto rb = std::find_if(b.summary.rows.begin(), b.summary.rows.end(), [&](const ReadSummaryRow& r) {
      return r.arm == ra.arm && r.subgroup == ra.subgroup;
    });
    if (rb == b.summary.rows.end()) continue;
    for (std::size_t ma = 0; ma < a.summary.metrics.size(); ++ma) {
      const auto found = std::find(b.summary.metrics.begin(), b.summary.metrics.end(), a.summary.metrics[ma]);
      if (found == b.summary.metrics.end()) continue;
      const auto mb = static_cast<std::size_t>(found - b.summary.metrics.begin());
      const double va = ra.values[ma], sa = ra.ses[ma], vb = rb->values[mb], sb = rb->ses[mb];
      c.table.add_text(ra.arm);
      c.table.add_text(ra.subgroup);
      c.table.add_text(a.summary.metrics[ma]);
      for (const double v : {va, sa, vb, sb, vb - va, std::hypot(sa, sb)}) c.table.add_number(v);
      c.table.add_text(c.coupled ? "yes" : "no");
      c.table.end_row();
    }
  }
  return c;
}

std::string comparison_text(const Comparison& c, const ResultFolder& a, const ResultFolder& b) {
  std::string out;
  const auto describe = [](const ResultFolder& f) {
    std::string s = f.folder;
    s.append(" (scenario ")
        .append(f.manifest.scenario_name)
        .append(", seed ")
        .append(std::to_string(f.manifest.seed));
    s.append(", ").append(std::to_string(f.manifest.persons)).append(" persons, integrasim ");
    s.append(f.manifest.version).append(" ").append(f.manifest.git_revision).append(")");
    return s;
  };
  out.append("A = ").append(describe(a)).append("\nB = ").append(describe(b)).append("\n\n");
  if (c.differences.empty()) out.append("the manifests agree in every input, setting and version\n");
  bool any_relevant = false;
  for (const ManifestDifference& d : c.differences) {
    if (!d.relevant) continue;
    if (!any_relevant) out.append("what differs between the manifests (A | B):\n");
    any_relevant = true;
    out.append("  ").append(d.what).append(": ").append(d.a.empty() ? "(absent)" : d.a).append(" | ");
    out.append(d.b.empty() ? "(absent)" : d.b).append("\n");
  }
  for (const ManifestDifference& d : c.differences) {
    if (d.relevant) continue;
    out.append("  ").append(d.what).append(": ").append(d.a).append(" | ").append(d.b);
    out.append(d.what == "threads" ? " (irrelevant: results are identical for any thread count)\n"
                                   : " (does not change the results)\n");
  }
  out.append(c.coupled ? "coupled: yes, same seed, persons and version: common random numbers\n"
                       : "coupled: no, the runs differ in seed, persons or version: independent\n");
  std::string block;
  for (std::size_t r = 0; r < c.table.rows(); ++r) {
    std::string key = text_at(c.table, r, 0);
    key.append(" / ").append(text_at(c.table, r, 1));
    if (key != block) {
      block = key;
      char head[160];
      std::snprintf(head, sizeof head, "\narm %s\n  %-44s %14s %14s %14s %12s\n", key.c_str(), "metric", "A",
                    "B", "B-A", "SE(B-A)*");
      out.append(head);
    }
    char line[256];
    std::snprintf(line, sizeof line, "  %-44s %14s %14s %14s %12s\n", text_at(c.table, r, 2).c_str(),
                  cell_text(c.table, r, 3, "%.6g").c_str(), cell_text(c.table, r, 5, "%.6g").c_str(),
                  cell_text(c.table, r, 7, "%.6g").c_str(), cell_text(c.table, r, 8, "%.3g").c_str());
    out.append(line);
  }
  out.append("\n* SE(B-A) = sqrt(se_A^2 + se_B^2). ");
  out.append(
      c.coupled ? "The runs are coupled by common random numbers (same seed, persons and version), so this "
                  "is NOT the SE of the difference: the runs are positively correlated and it is usually an "
                  "overestimate. For paired SEs run both variants as arms of one scenario, or as a [sweep].\n"
                : "The runs are not coupled (they differ in seed, persons or version), so they are "
                  "independent and this is the SE of the difference.\n");
  return out;
}

}  // namespace integrasim
