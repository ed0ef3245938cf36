#include "io/sensitivity_writer.h"

namespace integrasim {

std::string tornado_csv(const std::vector<TornadoRow>& rows, const DecisionMetric& metric,
                        CsvDialect dialect) {
  CsvWriter w(dialect);
  w.header({"parameter", "arm", "point_value", "low_value", "high_value", "metric_at_point", "metric_at_low",
            "metric_at_high", "swing", "rank", "metric", "unit"});
  const std::string unit = decision_metric_unit(metric);
  for (const TornadoRow& r : rows) {
    w.add_text(r.parameter);
    w.add_text(r.arm);
    w.add_number(r.point_value);
    w.add_number(r.low_value);
    w.add_number(r.high_value);
    w.add_number(r.metric_at_point);
    w.add_number(r.metric_at_low);
    w.add_number(r.metric_at_high);
    w.add_number(r.swing);
    w.add_integer(r.rank);
    w.add_text(metric.name);
    w.add_text(unit);
    w.end_row();
  }
  return w.text();
}

std::string voi_csv(const VoiReport& report, CsvDialect dialect) {
  CsvWriter w(dialect);
  w.header({"parameter_or_group", "kind", "parameters", "evppi_per_person", "evppi_cohort", "share_of_evpi",
            "noise_bound_per_person", "metric", "unit", "cohort", "draws"});
  for (const VoiRow& r : report.rows) {
    w.add_text(r.name);
    w.add_text(r.kind);
    w.add_integer(r.parameters);
    w.add_number(r.per_person);
    w.add_number(r.cohort);
    w.add_number(r.share_of_evpi);
    w.add_number(r.noise_bound);
    w.add_text(report.metric);
    w.add_text(report.unit);
    w.add_number(report.cohort);
    w.add_integer(report.draws);
    w.end_row();
  }
  return w.text();
}

}  // namespace integrasim
