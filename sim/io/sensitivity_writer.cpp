#include "io/sensitivity_writer.h"

#include "io/result_writers.h"
#include "io/table_csv.h"

namespace integrasim {

// Parameter values are in their catalogue rows' units, so those columns have no one
// number format; the metric columns are in the decision metric's unit.
Table tornado_table(const std::vector<TornadoRow>& rows, const DecisionMetric& metric) {
  const std::string unit = decision_metric_unit(metric);
  const ColumnUnit metric_unit = column_unit_of(unit);
  Table w({{"parameter"},
           {"arm"},
           {"point_value"},
           {"low_value"},
           {"high_value"},
           {"metric_at_point", metric_unit},
           {"metric_at_low", metric_unit},
           {"metric_at_high", metric_unit},
           {"swing", metric_unit},
           {"rank"},
           {"metric"},
           {"unit"}});
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
  return w;
}

std::string tornado_csv(const std::vector<TornadoRow>& rows, const DecisionMetric& metric,
                        CsvDialect dialect) {
  return csv_of(tornado_table(rows, metric), dialect);
}

Table voi_table(const VoiReport& report) {
  const ColumnUnit metric_unit = column_unit_of(report.unit);
  Table w({{"parameter_or_group"},
           {"kind"},
           {"parameters"},
           {"evppi_per_person", metric_unit},
           {"evppi_cohort", metric_unit},
           {"share_of_evpi", ColumnUnit::share},
           {"noise_bound_per_person", metric_unit},
           {"metric"},
           {"unit"},
           {"cohort", ColumnUnit::count},
           {"draws"}});
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
  return w;
}

std::string voi_csv(const VoiReport& report, CsvDialect dialect) {
  return csv_of(voi_table(report), dialect);
}

}  // namespace integrasim
