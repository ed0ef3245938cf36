#include "io/draws_writer.h"

#include <cstddef>

#include "io/table_csv.h"

namespace integrasim {
namespace {

// NaN is stored as an empty cell (Table::add_number), e.g. the comparator's difference
// with itself.
void add_estimate(Table& table, const Estimate& e) {
  table.add_number(e.value);
  table.add_number(e.se);
}

}  // namespace

// Values of different metrics share one column, so it has no one number format.
Table draws_table(const DrawSet& set) {
  Table table(
      {{"draw"}, {"arm"}, {"subgroup"}, {"metric"}, {"value"}, {"se"}, {"diff_vs_comparator"}, {"diff_se"}});
  for (const DrawResult& d : set.draws) {
    const Results& r = d.results;
    for (const SummaryRow& row : r.summary) {
      for (std::size_t k = 0; k < r.metrics.size() && k < row.metrics.size(); ++k) {
        table.add_integer(d.draw);
        table.add_text(r.arms[static_cast<std::size_t>(row.arm)].name);
        table.add_text(r.subgroups[static_cast<std::size_t>(row.subgroup)].name);
        table.add_text(r.metrics[k].name);
        add_estimate(table, row.metrics[k]);
        if (row.arm != r.comparator_arm && k < row.vs_comparator.size()) {
          add_estimate(table, row.vs_comparator[k]);
        } else {
          table.add_empty();
          table.add_empty();
        }
        table.end_row();
      }
    }
  }
  return table;
}

Table parameters_table(const DrawSet& set) {
  Table table({{"draw"}, {"parameter"}, {"value"}, {"distribution"}, {"ci_low"}, {"ci_high"}});
  const auto add = [&](long long draw, const std::vector<double>& values) {
    for (std::size_t i = 0; i < set.parameters.size() && i < values.size(); ++i) {
      const UncertainParameter& p = set.parameters[i];
      table.add_integer(draw);
      table.add_text(p.id);
      table.add_number(values[i]);
      table.add_text(name_of(p.distribution));
      table.add_number(p.ci_low);
      table.add_number(p.ci_high);
      table.end_row();
    }
  };
  add(0, set.point_values);
  for (const DrawResult& d : set.draws) add(d.draw, d.values);
  return table;
}

Table uncertainty_table(const UncertaintySummary& s) {
  Table table({{"arm"},
               {"subgroup"},
               {"metric"},
               {"mean"},
               {"p2_5"},
               {"p50"},
               {"p97_5"},
               {"prob_better_than_comparator", ColumnUnit::share},
               {"share_parameter_variance", ColumnUnit::share},
               {"diff_mean"},
               {"diff_p2_5"},
               {"diff_p50"},
               {"diff_p97_5"},
               {"diff_share_parameter_variance", ColumnUnit::share},
               {"draws"}});
  for (const UncertaintyRow& r : s.rows) {
    table.add_text(s.arms[static_cast<std::size_t>(r.arm)].name);
    table.add_text(s.subgroups[static_cast<std::size_t>(r.subgroup)].name);
    table.add_text(s.metrics[static_cast<std::size_t>(r.metric)].name);
    for (const double v :
         {r.mean, r.p2_5, r.p50, r.p97_5, r.prob_better, r.share_parameter_variance, r.diff_mean, r.diff_p2_5,
          r.diff_p50, r.diff_p97_5, r.diff_share_parameter_variance})
      table.add_number(v);
    table.add_integer(s.draws);
    table.end_row();
  }
  return table;
}

std::string draws_csv(const DrawSet& set, CsvDialect dialect) {
  return csv_of(draws_table(set), dialect);
}

std::string parameters_csv(const DrawSet& set, CsvDialect dialect) {
  return csv_of(parameters_table(set), dialect);
}

std::string uncertainty_csv(const UncertaintySummary& s, CsvDialect dialect) {
  return csv_of(uncertainty_table(s), dialect);
}

}  // namespace integrasim
