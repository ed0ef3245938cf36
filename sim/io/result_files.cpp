#include "io/result_files.h"

#include <utility>

#include "io/draws_writer.h"
#include "io/explore_writer.h"
#include "io/parameter_sources_table.h"
#include "io/result_writers.h"
#include "io/results_workbook.h"
#include "io/sensitivity_writer.h"
#include "io/table_csv.h"

namespace integrasim {

namespace {

constexpr const char* k_workbook_name = "results.xlsx";
constexpr const char* k_parameters_holds =
    "every catalogue value in force: id, value, unit, 95% interval, distribution, status ('override' "
    "where the scenario replaced it), source id (scenarios/evidence/sources.csv) and the catalogue row";

// Renders `table` as `file` and keeps it for the workbook as sheet `sheet`.
void add_table(std::vector<OutputFile>& files, WorkbookContents& contents, const ResultFileOptions& options,
               const std::string& file, const std::string& sheet, std::string holds, Table table) {
  files.push_back({file, csv_of(table, options.dialect)});
  if (options.workbook) contents.sheets.push_back({sheet, std::move(holds), std::move(table)});
}

void add_workbook(std::vector<OutputFile>& files, const Manifest& manifest, WorkbookContents contents,
                  const ResultFileOptions& options) {
  if (!options.workbook) return;
  files.push_back({k_workbook_name, results_workbook(manifest, std::move(contents), options.max_rows)});
}

bool monthly_too_long(std::size_t rows, const ResultFileOptions& options) {
  return rows + 1 > options.max_rows;
}

}  // namespace

std::vector<OutputFile> run_result_files(const RunFileInputs& in, const Manifest& manifest,
                                         const ResultFileOptions& options) {
  const Results& results = *in.results;
  std::vector<OutputFile> files;
  WorkbookContents contents;
  add_table(files, contents, options, "summary.csv", "summary",
            "one row per arm and subgroup: persons, every metric with its Monte Carlo SE, and the "
            "difference from the comparator with its paired SE (summary.csv)",
            summary_table(results));
  // The monthly table stays out of `contents` until we know which form fits; the sheet
  // order is summary, effects, monthly.
  Table monthly = monthly_table(results);
  files.push_back({"monthly.csv", csv_of(monthly, options.dialect)});
  // No decomposition ([output] decomposition = false, or no arm besides the comparator):
  // no effects.csv rather than a header-only file that reads as "no effects found". A
  // stale one from an earlier run goes with the rest of the old folder (output_folder.h).
  if (!results.effects.empty())
    add_table(files, contents, options, "effects.csv", "effects",
              "the effect against the comparator split into anticipation, lock-in and post-programme parts, "
              "with paired SEs (effects.csv)",
              effects_table(results));
  if (options.workbook) {
    if (monthly_too_long(monthly.rows(), options)) {
      std::string holds = "monthly.csv has ";
      holds.append(std::to_string(monthly.rows()))
          .append(
              " rows, more than a worksheet holds, so this sheet is wide: one row per arm, subgroup, "
              "kind, name and measure (share, se), one column per month since entry (m1, m2, ...); "
              "the same numbers as monthly.csv");
      contents.sheets.push_back({"monthly", std::move(holds), monthly_wide_table(results)});
    } else {
      contents.sheets.push_back({"monthly",
                                 "the share of persons in each state and programme by month since entry, per "
                                 "arm and subgroup, with its SE (monthly.csv)",
                                 std::move(monthly)});
    }
  }
  if (results.planner) {
    add_table(files, contents, options, "calendar.csv", "calendar",
              "the plan by calendar month: real persons in each state and programme, and DKK, per arm "
              "(calendar.csv)",
              calendar_table(results));
    add_table(files, contents, options, "budget.csv", "budget",
              "the municipal budget by calendar year and for the whole plan (year 'total'): DKK and "
              "self-supported person-months per arm, and the difference from the comparator (budget.csv)",
              budget_table(results));
    if (!results.queues.empty())
      add_table(files, contents, options, "queues.csv", "queues",
                "programmes with limited places: places, persons due, started, waits and queues per arm "
                "(queues.csv)",
                queues_table(results));
  }
  if (in.draws != nullptr && in.uncertainty != nullptr) {
    // The CSV order of earlier versions (draws, parameters, uncertainty) is kept; the
    // workbook shows the summary across draws first.
    Table draws = draws_table(*in.draws);
    Table sampled = parameters_table(*in.draws);
    files.push_back({"draws.csv", csv_of(draws, options.dialect)});
    files.push_back({"parameters.csv", csv_of(sampled, options.dialect)});
    add_table(files, contents, options, "uncertainty.csv", "uncertainty",
              "the summary across parameter draws: mean, 2.5/50/97.5 % percentiles, the probability of "
              "beating the comparator and the share of variance from the parameters (uncertainty.csv)",
              uncertainty_table(*in.uncertainty));
    if (options.workbook) {
      contents.sheets.push_back({"draws",
                                 "every metric of every arm and subgroup in each parameter draw (draws.csv)",
                                 std::move(draws)});
      contents.sheets.push_back({"parameter_draws",
                                 "the sampled value of every uncertain parameter in each draw; draw 0 = the "
                                 "point values (parameters.csv)",
                                 std::move(sampled)});
    }
  }
  if (options.workbook) {
    contents.sheets.push_back({"parameters", k_parameters_holds, parameter_sources_table(*in.parameters)});
    for (const MetricInfo& m : results.metrics) contents.notes.emplace_back("unit of " + m.name, m.unit);
  }
  add_workbook(files, manifest, std::move(contents), options);
  return files;
}

std::vector<OutputFile> sensitivity_result_files(const SensitivityResult& result,
                                                 const DecisionMetric& metric, bool with_voi,
                                                 const Parameters& parameters, const Manifest& manifest,
                                                 const ResultFileOptions& options) {
  std::vector<OutputFile> files;
  WorkbookContents contents;
  add_table(files, contents, options, "tornado.csv", "tornado",
            "one-way sensitivity: the decision metric (policy minus comparator) at each uncertain value's "
            "95% interval ends, largest swing first (tornado.csv)",
            tornado_table(result.tornado, metric));
  if (with_voi)
    add_table(files, contents, options, "voi.csv", "voi",
              "value of information: EVPI, then EVPPI of groups and single parameters, per person and for "
              "the cohort (voi.csv)",
              voi_table(result.voi));
  if (options.workbook)
    contents.sheets.push_back({"parameters", k_parameters_holds, parameter_sources_table(parameters)});
  add_workbook(files, manifest, std::move(contents), options);
  return files;
}

std::vector<OutputFile> explore_result_files(const ExploreResult& result, const Parameters& parameters,
                                             const Manifest& manifest, const ResultFileOptions& options) {
  std::vector<OutputFile> files;
  WorkbookContents contents;
  add_table(files, contents, options, "explore.csv", "explore",
            "one row per pathway and subgroup: the comparator first, then the candidates from best to worst "
            "by the ranked metric, with SEs, decomposition, ranks and every summary metric (explore.csv)",
            explore_table(result));
  if (options.workbook)
    contents.sheets.push_back({"parameters", k_parameters_holds, parameter_sources_table(parameters)});
  add_workbook(files, manifest, std::move(contents), options);
  return files;
}

std::vector<OutputFile> batch_result_files(Table table, const Manifest& manifest,
                                           const ResultFileOptions& options) {
  std::vector<OutputFile> files;
  WorkbookContents contents;
  add_table(
      files, contents, options, "batch.csv", "batch",
      "the summary rows of every scenario of the batch, led by scenario and scenario file: persons, every "
      "metric with its SE and the difference against that scenario's comparator with its paired SE "
      "(batch.csv)",
      std::move(table));
  add_workbook(files, manifest, std::move(contents), options);
  return files;
}

std::vector<OutputFile> sweep_result_files(Table table, const Manifest& manifest,
                                           const ResultFileOptions& options) {
  std::vector<OutputFile> files;
  WorkbookContents contents;
  add_table(
      files, contents, options, "sweep.csv", "sweep",
      "the summary rows at every point of the sweep, led by the swept values: every metric with its SE, the "
      "difference against the comparator and against the first point, with paired SEs (sweep.csv)",
      std::move(table));
  add_workbook(files, manifest, std::move(contents), options);
  return files;
}

std::string excel_row_warning(const Results& results, const ResultFileOptions& options) {
  if (!monthly_too_long(results.monthly.size(), options)) return "";
  std::string out = "warning: monthly.csv has ";
  out.append(std::to_string(results.monthly.size() + 1))
      .append(" lines, more than Excel's limit of ")
      .append(std::to_string(options.max_rows))
      .append(" rows: Excel would cut it off. ");
  if (options.workbook) {
    out.append(
        "The monthly sheet of results.xlsx holds the same numbers in wide form (one column per month).\n");
  } else {
    out.append("Run without --no-xlsx for results.xlsx, whose monthly sheet holds them in wide form.\n");
  }
  return out;
}

}  // namespace integrasim
