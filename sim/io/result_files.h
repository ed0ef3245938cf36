// The files of a result folder for `run`, `sensitivity`, `explore`, `batch` and a sweep: each table is built
// once and rendered as its CSV file and, unless left out, as a sheet of results.xlsx,
// so the workbook and the CSV files hold the same numbers by construction.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "analysis/explorer.h"
#include "analysis/sensitivity.h"
#include "analysis/uncertainty.h"
#include "core/compiled_model.h"
#include "core/results.h"
#include "io/csv_writer.h"
#include "io/manifest.h"
#include "io/output_folder.h"
#include "io/table.h"
#include "io/xlsx_workbook.h"

namespace integrasim {

struct ResultFileOptions {
  CsvDialect dialect = CsvDialect::standard;
  bool workbook = true;                     // write results.xlsx (--no-xlsx turns it off)
  std::size_t max_rows = k_excel_max_rows;  // rows of a worksheet, header included; lowered only by tests
};

// What a run's files are made from; draws and uncertainty only with --draws.
struct RunFileInputs {
  const Results* results = nullptr;
  const Parameters* parameters = nullptr;  // the values in force (the parameters sheet)
  const DrawSet* draws = nullptr;
  const UncertaintySummary* uncertainty = nullptr;
};

// summary, monthly, effects (, calendar, budget, queues)(, draws, parameters,
// uncertainty).csv and results.xlsx. The manifest gives the read_me sheet.
std::vector<OutputFile> run_result_files(const RunFileInputs& in, const Manifest& manifest,
                                         const ResultFileOptions& options);

// tornado.csv (, voi.csv when `with_voi`) and results.xlsx.
std::vector<OutputFile> sensitivity_result_files(const SensitivityResult& result,
                                                 const DecisionMetric& metric, bool with_voi,
                                                 const Parameters& parameters, const Manifest& manifest,
                                                 const ResultFileOptions& options);

// explore.csv and results.xlsx.
std::vector<OutputFile> explore_result_files(const ExploreResult& result, const Parameters& parameters,
                                             const Manifest& manifest, const ResultFileOptions& options);

// batch.csv and results.xlsx (read_me and a batch sheet).
std::vector<OutputFile> batch_result_files(Table table, const Manifest& manifest,
                                           const ResultFileOptions& options);

// sweep.csv and results.xlsx (read_me and a sweep sheet).
std::vector<OutputFile> sweep_result_files(Table table, const Manifest& manifest,
                                           const ResultFileOptions& options);

// A console warning (ending in a newline) when monthly.csv has more rows than Excel opens,
// saying where the wide form is; "" otherwise.
std::string excel_row_warning(const Results& results, const ResultFileOptions& options);

}  // namespace integrasim
