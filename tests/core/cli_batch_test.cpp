// batch, run with [sweep], and compare as a user meets them (docs/batch.md, docs/sweep.md,
// docs/compare.md): the built executable in a temporary folder. batch.csv and sweep.csv
// hold exactly the rows that separate runs of the same inputs write, byte for byte in
// every metric field and for any thread count; compare reads a planted pair.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <string>
#include <vector>

#include "process_support.h"
#include "test_support.h"

namespace integrasim::testing {
namespace {

namespace fs = std::filesystem;
using Rows = std::vector<std::vector<std::string>>;

std::string base_text() {
  return read_file_bytes(source_path("tests/fixtures/scenarios/sweep_base.toml"));
}

std::string replaced(std::string text, const std::string& from, const std::string& to) {
  const std::size_t at = text.find(from);
  if (at == std::string::npos) throw std::runtime_error("no '" + from + "' in the text");
  return text.replace(at, from.size(), to);
}

CommandResult ok(const std::vector<std::string>& args, const std::string& cwd) {
  CommandResult r = run_integrasim(args, cwd);
  EXPECT_EQ(r.exit_code, 0) << describe(r);
  return r;
}

Rows csv_of(const std::string& path) {
  return parse_csv(read_file_bytes(path));
}

std::size_t column(const Rows& rows, const std::string& name) {
  for (std::size_t i = 0; i < rows.at(0).size(); ++i)
    if (rows[0][i] == name) return i;
  throw std::runtime_error("no column " + name);
}

// The fields [from, from + count) of a row.
std::vector<std::string> slice(const std::vector<std::string>& row, std::size_t from, std::size_t count) {
  return {row.begin() + static_cast<std::ptrdiff_t>(from),
          row.begin() + static_cast<std::ptrdiff_t>(from + count)};
}

TEST(CliBatch, RowsAreThoseOfSeparateRunsForAnyThreadCount) {
  const std::string dir = make_temp_dir("batch");
  write_file_bytes(dir + "/a.toml", base_text());
  write_file_bytes(dir + "/b.toml",
                   replaced(replaced(base_text(), "name = \"sweep_base\"", "name = \"other\""),
                            "coverage = 0.8", "coverage = 0.3"));
  ok({"batch", "a.toml", "b.toml", "--out", "one", "--quiet"}, dir);
  ok({"batch", "a.toml", "b.toml", "--out", "two", "--threads", "2", "--quiet"}, dir);
  ok({"run", "a.toml", "--out", "ra", "--quiet"}, dir);
  ok({"run", "b.toml", "--out", "rb", "--quiet"}, dir);
  EXPECT_EQ(read_file_bytes(dir + "/one/batch.csv"), read_file_bytes(dir + "/two/batch.csv"));
  const Rows batch = csv_of(dir + "/one/batch.csv");
  const Rows a = csv_of(dir + "/ra/summary.csv");
  const Rows b = csv_of(dir + "/rb/summary.csv");
  ASSERT_EQ(batch.size(), a.size() + b.size() - 1);
  EXPECT_EQ(slice(batch[0], 0, 2), (std::vector<std::string>{"scenario", "scenario_file"}));
  EXPECT_EQ(slice(batch[0], 2, a[0].size()), a[0]);
  for (std::size_t r = 1; r < a.size(); ++r) {
    EXPECT_EQ(slice(batch[r], 0, 2), (std::vector<std::string>{"sweep_base", "a.toml"}));
    EXPECT_EQ(slice(batch[r], 2, a[0].size()), a[r]);
  }
  for (std::size_t r = 1; r < b.size(); ++r) {
    EXPECT_EQ(slice(batch[a.size() - 1 + r], 0, 2), (std::vector<std::string>{"other", "b.toml"}));
    EXPECT_EQ(slice(batch[a.size() - 1 + r], 2, b[0].size()), b[r]);
  }
  const std::string manifest = read_file_bytes(dir + "/one/manifest.json");
  EXPECT_NE(manifest.find("\"name\": \"a.toml\""), std::string::npos);
  EXPECT_NE(manifest.find("\"name\": \"b.toml\""), std::string::npos);
  EXPECT_NE(manifest.find("\"scenario_file\": \"b.toml\""), std::string::npos);
}

TEST(CliBatch, ScenariosReportingOtherMetricsShareOneHeader) {
  const std::string dir = make_temp_dir("batch-columns");
  write_file_bytes(dir + "/a.toml", base_text());
  write_file_bytes(dir + "/b.toml",
                   replaced(replaced(base_text(), "name = \"sweep_base\"", "name = \"other\""),
                            "employment_rate_months = [12, 24]", "employment_rate_months = [12, 18, 24]"));
  ok({"batch", "a.toml", "b.toml", "--out", "bat", "--quiet"}, dir);
  ok({"run", "a.toml", "--out", "ra", "--quiet"}, dir);
  ok({"run", "b.toml", "--out", "rb", "--quiet"}, dir);
  const Rows batch = csv_of(dir + "/bat/batch.csv");
  const Rows a = csv_of(dir + "/ra/summary.csv");
  const Rows b = csv_of(dir + "/rb/summary.csv");
  ASSERT_EQ(batch[0].size(), 2 + b[0].size());
  // Each run's fields under the column of the same name; the others empty.
  for (std::size_t r = 1; r < batch.size(); ++r) {
    const bool first = r < a.size();
    const Rows& run = first ? a : b;
    const std::size_t run_row = first ? r : r - a.size() + 1;
    for (std::size_t c = 2; c < batch[0].size(); ++c) {
      const auto in_run = std::find(run[0].begin(), run[0].end(), batch[0][c]);
      const std::string expected =
          in_run == run[0].end() ? "" : run[run_row][static_cast<std::size_t>(in_run - run[0].begin())];
      EXPECT_EQ(batch[r][c], expected) << batch[0][c] << " row " << r;
    }
  }
}

TEST(CliBatch, RefusesTwoScenariosOfOneNameASweepAndPersonsForAPlan) {
  const std::string dir = make_temp_dir("batch-errors");
  write_file_bytes(dir + "/a.toml", base_text());
  write_file_bytes(dir + "/c.toml", base_text());
  const CommandResult twice = run_integrasim({"batch", "a.toml", "c.toml"}, dir);
  EXPECT_EQ(twice.exit_code, 2);
  EXPECT_EQ(twice.err,
            "error: c.toml: [scenario] name is 'sweep_base', but must be different from the name of a.toml, "
            "because the scenarios of a batch are told apart by name\n");
  write_file_bytes(dir + "/s.toml",
                   base_text() + "[sweep]\ntarget = \"pathway.company.step.1.coverage\"\nvalues = [1]\n");
  const CommandResult sweep = run_integrasim({"batch", "s.toml"}, dir);
  EXPECT_EQ(sweep.exit_code, 2);
  EXPECT_NE(sweep.err.find("s.toml:55:10: [sweep] is run by 'integrasim run s.toml', not in a batch"),
            std::string::npos)
      << sweep.err;
  const CommandResult persons =
      run_integrasim({"batch", source_path("scenarios/municipality_plan.toml"), "--persons", "100"}, dir);
  EXPECT_EQ(persons.exit_code, 2);
  EXPECT_NE(
      persons.err.find("command line: --persons is 100, but must be left out when a scenario has [inflow] "
                       "or [caseload]"),
      std::string::npos)
      << persons.err;
  EXPECT_FALSE(fs::exists(dir + "/output"));
}

const std::string k_places = "arm.company.capacity.internship_private.places";
const std::string k_override = "override.effect.internship_private.post.employed.male";

TEST(CliSweep, EveryPointIsTheRunWithItsValuesForAnyThreadCount) {
  const std::string dir = make_temp_dir("sweep");
  write_file_bytes(dir + "/s.toml", base_text() + "[sweep]\ntarget = \"" + k_places +
                                        "\"\nvalues = [10, 40]\n[sweep.second]\ntarget = \"" + k_override +
                                        "\"\nfrom = 1.2\nto = 1.6\nstep = 0.4\n");
  ok({"run", "s.toml", "--out", "one", "--quiet"}, dir);
  ok({"run", "s.toml", "--out", "two", "--threads", "2", "--quiet"}, dir);
  EXPECT_EQ(read_file_bytes(dir + "/one/sweep.csv"), read_file_bytes(dir + "/two/sweep.csv"));
  EXPECT_FALSE(fs::exists(dir + "/one/summary.csv"));
  const Rows sweep = csv_of(dir + "/one/sweep.csv");
  EXPECT_EQ(slice(sweep[0], 0, 4),
            (std::vector<std::string>{k_places, k_override, "scenario", "scenario_file"}));
  std::size_t next = 1;
  for (const std::string places : {"10", "40"})
    for (const std::string hr : {"1.2", "1.6"}) {
      const std::string name = "p" + places + "_" + hr;
      write_file_bytes(dir + "/" + name + ".toml",
                       replaced(base_text(), "places = 40", "places = " + places) +
                           "[overrides]\n\"effect.internship_private.post.employed.male\" = " + hr + "\n");
      ok({"run", name + ".toml", "--out", name, "--quiet"}, dir);
      const Rows alone = csv_of(dir + "/" + name + "/summary.csv");
      EXPECT_EQ(slice(sweep[0], 4, alone[0].size()), alone[0]);
      for (std::size_t r = 1; r < alone.size(); ++r, ++next) {
        EXPECT_EQ(slice(sweep[next], 0, 2), (std::vector<std::string>{places, hr}));
        EXPECT_EQ(slice(sweep[next], 4, alone[0].size()), alone[r]) << name << " row " << r;
        const std::string vs = sweep[next][column(sweep, "vs_first_months_employed_se")];
        EXPECT_EQ(vs.empty(), next < alone.size()) << "only the first point has no difference to itself";
      }
    }
  EXPECT_EQ(next, sweep.size());
}

TEST(CliSweep, CheckPrintsTheSweep) {
  const std::string dir = make_temp_dir("sweep-check");
  write_file_bytes(dir + "/s.toml",
                   base_text() + "[sweep]\ntarget = \"" + k_places + "\"\nfrom = 10\nto = 30\nstep = 10\n");
  const CommandResult r = ok({"check", "s.toml"}, dir);
  EXPECT_NE(r.out.find("[sweep]  # integrasim run writes sweep.csv: 3 points on one seed\ntarget = \"" +
                       k_places + "\"  values = [10, 20, 30]  # s.toml:55:10\n"),
            std::string::npos)
      << r.out;
}

TEST(CliSweep, RefusesDraws) {
  const std::string dir = make_temp_dir("sweep-draws");
  write_file_bytes(dir + "/s.toml", base_text() + "[sweep]\ntarget = \"" + k_places + "\"\nvalues = [10]\n");
  const CommandResult r = run_integrasim({"run", "s.toml", "--draws", "5"}, dir);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(
      r.err,
      "error: command line: --draws is 5, but must be left out for a scenario with [sweep] (s.toml:55:10): "
      "a sweep runs every point at the catalogue's point values\n");
  const CommandResult one = run_integrasim({"run", "s.toml", "--draw", "3"}, dir);
  EXPECT_EQ(one.exit_code, 2);
  EXPECT_NE(
      one.err.find("error: command line: --draw is 3, but must be left out for a scenario with [sweep]"),
      std::string::npos)
      << one.err;
}

TEST(CliCompare, APlantedPairBySeedAndByOverride) {
  const std::string dir = make_temp_dir("compare");
  write_file_bytes(dir + "/a.toml", base_text());
  write_file_bytes(dir + "/o.toml",
                   base_text() + "[overrides]\n\"effect.internship_private.post.employed.male\" = 1.9\n");
  ok({"run", "a.toml", "--out", "A", "--seed", "1", "--threads", "1", "--quiet"}, dir);
  ok({"run", "a.toml", "--out", "B", "--seed", "2", "--threads", "1", "--quiet"}, dir);
  ok({"run", "o.toml", "--out", "C", "--seed", "1", "--threads", "2", "--quiet"}, dir);

  const CommandResult by_seed = ok({"compare", "A", "B", "--out", "AB"}, dir);
  EXPECT_NE(by_seed.out.find("  seed: 1 | 2\n"), std::string::npos) << by_seed.out;
  EXPECT_NE(by_seed.out.find("coupled: no"), std::string::npos);
  EXPECT_NE(by_seed.out.find("independent and this is the SE of the difference"), std::string::npos);
  EXPECT_EQ(by_seed.out.find("input a.toml"), std::string::npos) << "the same scenario file";
  const Rows a = csv_of(dir + "/A/summary.csv");
  const Rows b = csv_of(dir + "/B/summary.csv");
  const Rows ab = csv_of(dir + "/AB/compare.csv");
  EXPECT_EQ(ab[0], (std::vector<std::string>{"arm", "subgroup", "metric", "a", "a_se", "b", "b_se",
                                             "b_minus_a", "b_minus_a_se_unpaired", "coupled"}));
  const std::size_t value = column(a, "months_employed");
  const std::size_t se = column(a, "months_employed_se");
  std::size_t checked = 0;
  for (const auto& row : ab) {
    if (row[2] != "months_employed") continue;
    for (std::size_t r = 1; r < a.size(); ++r) {
      if (a[r][0] != row[0] || a[r][2] != row[1]) continue;
      EXPECT_EQ(row[3], a[r][value]);
      EXPECT_EQ(row[5], b[r][value]);
      EXPECT_DOUBLE_EQ(std::stod(row[7]), std::stod(b[r][value]) - std::stod(a[r][value]));
      EXPECT_DOUBLE_EQ(std::stod(row[8]), std::hypot(std::stod(a[r][se]), std::stod(b[r][se])));
      EXPECT_EQ(row[9], "no");
      ++checked;
    }
  }
  EXPECT_EQ(checked, a.size() - 1);

  const CommandResult by_override = ok({"compare", "A", "C"}, dir);
  EXPECT_NE(by_override.out.find("coupled: yes"), std::string::npos) << by_override.out;
  EXPECT_NE(by_override.out.find("is NOT the SE of the difference"), std::string::npos);
  EXPECT_NE(by_override.out.find("  input a.toml: "), std::string::npos);
  EXPECT_NE(by_override.out.find("  input o.toml: (absent) | "), std::string::npos);
  EXPECT_NE(by_override.out.find("threads: 1 | 2 (irrelevant: results are identical for any thread count)"),
            std::string::npos);
  EXPECT_EQ(by_override.out.find("  seed:"), std::string::npos);

  const CommandResult missing = run_integrasim({"compare", "A", "nowhere"}, dir);
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_EQ(
      missing.err,
      "error: command line: folder B is 'nowhere', but must be a result folder of integrasim run (it does "
      "not exist)\n");
}

}  // namespace
}  // namespace integrasim::testing
