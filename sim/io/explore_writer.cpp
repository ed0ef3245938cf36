#include "io/explore_writer.h"

#include <cmath>
#include <cstdio>

#include "io/result_writers.h"
#include "io/table_csv.h"

namespace integrasim {
namespace {

void add_estimate(Table& w, double value) {
  w.add_number(value);  // NaN is an empty cell
}

void add_rank(Table& w, int rank) {
  if (rank > 0) {
    w.add_integer(rank);
  } else {
    w.add_empty();
  }
}

std::string fixed(double value, int decimals) {
  if (std::isnan(value)) return "n/a";
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value);
  return buffer;
}

}  // namespace

Table explore_table(const ExploreResult& r) {
  const ColumnUnit unit = column_unit_of(r.unit);
  std::vector<TableColumn> header = {{"pathway"},      {"sequence"},
                                     {"length"},       {"subgroup"},
                                     {"dimension"},    {"persons", ColumnUnit::count},
                                     {"metric"},       {"value", unit},
                                     {"se", unit},     {"diff_vs_comparator", unit},
                                     {"diff_se", unit}};
  // The decomposition is of the ranked metric's difference (months or percentage points).
  for (const char* c : k_explore_component_names) {
    header.push_back({c, ColumnUnit::months});
    header.push_back({std::string(c).append("_se"), ColumnUnit::months});
  }
  for (const char* c : {"rank", "rank_multiplicative", "rank_strongest", "rank_diminishing"})
    header.push_back({c});
  header.push_back({"prob_best", ColumnUnit::share});
  // Every metric of summary.csv, as there: value and SE, then the paired difference.
  for (const MetricInfo& m : r.metrics) {
    header.push_back({m.name, column_unit_of(m.unit)});
    header.push_back({std::string(m.name).append("_se"), column_unit_of(m.unit)});
  }
  for (const MetricInfo& m : r.metrics) {
    header.push_back({std::string("diff_").append(m.name), column_unit_of(m.unit)});
    header.push_back({std::string("diff_").append(m.name).append("_se"), column_unit_of(m.unit)});
  }
  Table w(std::move(header));
  for (const ExploreRow& row : r.rows) {
    const bool comparator = row.candidate < 0;
    const ExploreCandidate* c = comparator ? nullptr : &r.candidates[static_cast<std::size_t>(row.candidate)];
    w.add_text(comparator ? r.comparator : c->id);
    w.add_text(comparator ? "comparator" : c->sequence);
    w.add_integer(comparator ? 0 : static_cast<long long>(c->blocks.size()));
    const SubgroupInfo& g = r.subgroups[static_cast<std::size_t>(row.subgroup)];
    w.add_text(g.name);
    w.add_text(g.dimension);
    w.add_integer(row.persons);
    w.add_text(r.metric);
    add_estimate(w, row.value.value);
    add_estimate(w, row.value.se);
    add_estimate(w, comparator ? std::nan("") : row.diff.value);
    add_estimate(w, comparator ? std::nan("") : row.diff.se);
    for (const Estimate& e : row.decomposition) {
      add_estimate(w, row.has_decomposition ? e.value : std::nan(""));
      add_estimate(w, row.has_decomposition ? e.se : std::nan(""));
    }
    add_rank(w, row.rank);
    for (const int rank : row.rank_by_rule) add_rank(w, rank);
    add_estimate(w, row.prob_best < 0 ? std::nan("") : row.prob_best);
    for (std::size_t i = 0; i < r.metrics.size(); ++i) {
      const Estimate e = i < row.metrics.size() ? row.metrics[i] : Estimate{std::nan(""), std::nan("")};
      add_estimate(w, e.value);
      add_estimate(w, e.se);
    }
    for (std::size_t i = 0; i < r.metrics.size(); ++i) {
      const Estimate e =
          i < row.metric_diffs.size() ? row.metric_diffs[i] : Estimate{std::nan(""), std::nan("")};
      add_estimate(w, e.value);
      add_estimate(w, e.se);
    }
    w.end_row();
  }
  return w;
}

std::string explore_csv(const ExploreResult& r, CsvDialect dialect) {
  return csv_of(explore_table(r), dialect);
}

std::string explore_console_report(const ExploreSpec& spec, const ExploreResult& r,
                                   const std::string& folder) {
  std::string out = "Explorer '";
  out.append(spec.name).append("': ").append(std::to_string(r.candidates.size())).append(" pathways");
  if (r.fractional) {
    out.append(" (fractional design: a keyed random subset of the ").append(std::to_string(r.enumerated));
    out.append(" enumerated)");
  }
  out.append(" against '").append(r.comparator).append("', ").append(std::to_string(spec.base.persons));
  out.append(" persons x ").append(std::to_string(spec.base.horizon_months)).append(" months.\n");
  out.append("Simulated ").append(std::to_string(r.pathway_simulations)).append(" pathway arms in ");
  out.append(std::to_string(r.batches)).append(" batches of up to ").append(std::to_string(r.batch_size));
  out.append(" in ").append(fixed(r.wall_seconds, 1)).append(" s: ");
  out.append(fixed(r.wall_seconds > 0 ? static_cast<double>(r.candidates.size()) / r.wall_seconds : 0.0, 1));
  out.append(" pathways ranked per second (");
  out.append(
      fixed(r.wall_seconds > 0 ? static_cast<double>(r.pathway_simulations) / r.wall_seconds : 0.0, 1));
  out.append(" pathway simulations per second).\n");
  if (r.prefix_reuse) {
    out.append("Shared prefixes were simulated once and continued");
    if (r.helper_simulations > 0)
      out.append(" (")
          .append(std::to_string(r.helper_simulations))
          .append(" helper arms for prefixes that are not candidates)");
    out.append("; --no-prefix-reuse simulates every candidate from entry, with the same results.\n");
  }
  out.append("Best by ")
      .append(r.metric)
      .append(spec.direction == RankDirection::higher ? " (higher is better)" : " (lower is better)");
  out.append(", per subgroup (value ± SE; difference from the comparator ± paired SE):\n");
  for (std::size_t i = 0; i < r.rows.size(); ++i) {
    const ExploreRow& row = r.rows[i];
    if (row.rank != 1) continue;
    const ExploreCandidate& c = r.candidates[static_cast<std::size_t>(row.candidate)];
    const int decimals = r.unit == "share" ? 4 : 2;
    out.append("  ").append(r.subgroups[static_cast<std::size_t>(row.subgroup)].name).append(": ");
    out.append(c.id).append("  ").append(c.sequence).append("  ");
    out.append(fixed(row.value.value, decimals)).append(" ± ").append(fixed(row.value.se, decimals));
    out.append("; ").append(row.diff.value >= 0 ? "+" : "").append(fixed(row.diff.value, decimals));
    out.append(" ± ").append(fixed(row.diff.se, decimals));
    if (row.rank_by_rule[0] > 0) {
      out.append("; rank under multiplicative/strongest/diminishing ")
          .append(std::to_string(row.rank_by_rule[0]));
      out.append("/")
          .append(std::to_string(row.rank_by_rule[1]))
          .append("/")
          .append(std::to_string(row.rank_by_rule[2]));
    }
    if (row.prob_best >= 0) out.append("; P(best) ").append(fixed(row.prob_best, 2));
    out.append("\n");
  }
  out.append("Results: ").append(folder).append("/ (explore.csv, manifest.json)\n");
  return out;
}

}  // namespace integrasim
