// results.xlsx: a read_me sheet (what was run, what each sheet holds, units), then one
// sheet per result table, each the same Table its CSV file is rendered from.
#pragma once

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include "io/manifest.h"
#include "io/table.h"
#include "io/xlsx_workbook.h"

namespace integrasim {

struct WorkbookSheet {
  std::string name;   // sheet name, e.g. "summary"
  std::string holds;  // what it holds, one sentence for read_me
  Table table;
};

struct WorkbookContents {
  std::vector<WorkbookSheet> sheets;  // after read_me, in this order
  // More read_me rows after the sheet list, e.g. the unit of each metric: {item, value}.
  std::vector<std::pair<std::string, std::string>> notes;
};

// The workbook's bytes. The read_me sheet is built from the manifest's scenario, seed,
// persons, horizon, version and git revision (not its times, threads or command line,
// so that the bytes depend only on the results). A sheet whose table has more rows than
// a worksheet holds (`max_rows`, header included; lowered only by tests) is left out and
// read_me says so and names the CSV file that has it.
std::string results_workbook(const Manifest& manifest, WorkbookContents contents,
                             std::size_t max_rows = k_excel_max_rows);

}  // namespace integrasim
