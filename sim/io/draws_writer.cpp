#include "io/draws_writer.h"

#include <cstddef>

namespace integrasim {
namespace {

// NaN is written as an empty field (CsvWriter::add_number), e.g. the comparator's
// difference with itself.
void add_estimate(CsvWriter& csv, const Estimate& e) {
  csv.add_number(e.value);
  csv.add_number(e.se);
}

}  // namespace

std::string draws_csv(const DrawSet& set, CsvDialect dialect) {
  CsvWriter csv(dialect);
  csv.header({"draw", "arm", "subgroup", "metric", "value", "se", "diff_vs_comparator", "diff_se"});
  for (const DrawResult& d : set.draws) {
    const Results& r = d.results;
    for (const SummaryRow& row : r.summary) {
      for (std::size_t k = 0; k < r.metrics.size() && k < row.metrics.size(); ++k) {
        csv.add_integer(d.draw);
        csv.add_text(r.arms[static_cast<std::size_t>(row.arm)].name);
        csv.add_text(r.subgroups[static_cast<std::size_t>(row.subgroup)].name);
        csv.add_text(r.metrics[k].name);
        add_estimate(csv, row.metrics[k]);
        if (row.arm != r.comparator_arm && k < row.vs_comparator.size()) {
          add_estimate(csv, row.vs_comparator[k]);
        } else {
          csv.add_text("");
          csv.add_text("");
        }
        csv.end_row();
      }
    }
  }
  return csv.text();
}

std::string parameters_csv(const DrawSet& set, CsvDialect dialect) {
  CsvWriter csv(dialect);
  csv.header({"draw", "parameter", "value", "distribution", "ci_low", "ci_high"});
  const auto add = [&](long long draw, const std::vector<double>& values) {
    for (std::size_t i = 0; i < set.parameters.size() && i < values.size(); ++i) {
      const UncertainParameter& p = set.parameters[i];
      csv.add_integer(draw);
      csv.add_text(p.id);
      csv.add_number(values[i]);
      csv.add_text(name_of(p.distribution));
      csv.add_number(p.ci_low);
      csv.add_number(p.ci_high);
      csv.end_row();
    }
  };
  add(0, set.point_values);
  for (const DrawResult& d : set.draws) add(d.draw, d.values);
  return csv.text();
}

std::string uncertainty_csv(const UncertaintySummary& s, CsvDialect dialect) {
  CsvWriter csv(dialect);
  csv.header({"arm", "subgroup", "metric", "mean", "p2_5", "p50", "p97_5", "prob_better_than_comparator",
              "share_parameter_variance", "diff_mean", "diff_p2_5", "diff_p50", "diff_p97_5",
              "diff_share_parameter_variance", "draws"});
  for (const UncertaintyRow& r : s.rows) {
    csv.add_text(s.arms[static_cast<std::size_t>(r.arm)].name);
    csv.add_text(s.subgroups[static_cast<std::size_t>(r.subgroup)].name);
    csv.add_text(s.metrics[static_cast<std::size_t>(r.metric)].name);
    for (const double v :
         {r.mean, r.p2_5, r.p50, r.p97_5, r.prob_better, r.share_parameter_variance, r.diff_mean, r.diff_p2_5,
          r.diff_p50, r.diff_p97_5, r.diff_share_parameter_variance})
      csv.add_number(v);
    csv.add_integer(s.draws);
    csv.end_row();
  }
  return csv.text();
}

}  // namespace integrasim
