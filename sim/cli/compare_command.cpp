#include <iostream>

#include "cli/cli_support.h"
#include "cli/commands.h"
#include "io/compare_report.h"
#include "io/result_folder.h"
#include "io/table_csv.h"
#include "io/text_file.h"

namespace integrasim::cli {

int compare_command(const CompareOptions& o) {
  check_csv_dialect(o.csv_dialect);
  const ResultFolder a = read_result_folder(o.folder_a, "A");
  const ResultFolder b = read_result_folder(o.folder_b, "B");
  const Comparison comparison = compare_folders(a, b);
  std::cout << comparison_text(comparison, a, b);
  if (!o.out_dir.empty()) {
    Manifest manifest = new_manifest(o.command_line);
    manifest.scenario_name = "compare";
    manifest.csv_dialect = o.csv_dialect;
    manifest.started_utc = utc_now();
    for (const ResultFolder* f : {&a, &b})
      for (const char* name : {"summary.csv", "manifest.json"}) {
        const std::string path = f->folder + "/" + name;
        manifest.inputs.push_back({path, sha256_hex(read_text_file(path))});
      }
    write_results(o.out_dir, {{"compare.csv", csv_of(comparison.table, csv_dialect_of(o.csv_dialect))}},
                  std::move(manifest));
    std::cout << "written: " << o.out_dir << "/compare.csv\n";
  }
  return 0;
}

}  // namespace integrasim::cli
