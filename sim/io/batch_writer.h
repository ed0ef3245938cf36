// batch.csv and sweep.csv (docs/batch.md, docs/sweep.md): the rows of summary.csv of
// several runs in one long table, each row led by what tells the runs apart. The rows
// are built once as a Table (io/table.h), so that the CSV file and the workbook sheet are
// written from the same rows.
#pragma once

#include <string>
#include <vector>

#include "analysis/sweep.h"
#include "core/results.h"
#include "io/table.h"

namespace integrasim {

// One scenario of a batch, as `run` would have reported it.
struct BatchEntry {
  std::string name;  // the scenario's name ([scenario] name)
  std::string file;  // the scenario file as given on the command line
  const Results* results = nullptr;
};

// batch.csv: scenario, scenario_file, then the columns of summary.csv (arm, role,
// subgroup, dimension, persons, every metric and its SE, every difference against that
// scenario's comparator and its paired SE; empty for the comparator). The metrics are
// those of all scenarios by name; a metric a scenario does not report (an employment
// rate at another month) is empty in its rows.
Table batch_table(const std::vector<BatchEntry>& entries);

// sweep.csv: one column per swept target (its value at the point), scenario,
// scenario_file, the columns of summary.csv, then for every metric the difference
// between this point and the first point with its paired SE (vs_first_<metric>,
// vs_first_<metric>_se; empty at the first point).
Table sweep_table(const std::string& scenario_name, const std::string& scenario_file, const SweepSpec& spec,
                  const SweepResults& sweep);

}  // namespace integrasim
