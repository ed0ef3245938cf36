// The small things a user meets first (issue 11, item 6): unknown commands, the default
// thread count, Danish letters in names, subgroups nobody is in, no header-only
// effects.csv, the console's costs, SE digits and file list, and the workbook of batch
// and sweep runs.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "io/console_report.h"
#include "process_support.h"
#include "test_support.h"

namespace integrasim::testing {
namespace {

namespace fs = std::filesystem;

std::string base_text() {
  return read_file_bytes(source_path("tests/fixtures/scenarios/sweep_base.toml"));
}

std::string replaced(std::string text, const std::string& from, const std::string& to) {
  const std::size_t at = text.find(from);
  if (at == std::string::npos) throw std::runtime_error("no '" + from + "' in the text");
  return text.replace(at, from.size(), to);
}

std::string replaced_all(std::string text, const std::string& from, const std::string& to) {
  for (std::size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
    text.replace(at, from.size(), to);
  return text;
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

CommandResult ok(const std::vector<std::string>& args, const std::string& cwd) {
  CommandResult r = run_integrasim(args, cwd);
  EXPECT_EQ(r.exit_code, 0) << describe(r);
  return r;
}

// A workbook read back with Python's zipfile: the sheet names on the first line, then the
// text of every part (shared strings, sheets).
std::string workbook_sheets(const std::string& dir, const std::string& xlsx, const std::string& part = "") {
  const std::string script = dir + "/sheets.py";
  write_file_bytes(script,
                   "import re, sys, zipfile\n"
                   "z = zipfile.ZipFile(sys.argv[1])\n"
                   "w = z.read('xl/workbook.xml').decode()\n"
                   "print(','.join(re.findall(r'<sheet name=\"([^\"]+)\"', w)))\n"
                   "parts = sys.argv[2:] or z.namelist()\n"
                   "print(''.join(z.read(n).decode('utf-8', 'replace') for n in parts))\n");
  std::string command = "python3 ";
  command.append(shell_quote(script)).append(" ").append(shell_quote(xlsx));
  if (!part.empty()) command.append(" ").append(shell_quote(part));
  const CommandResult r = run_shell(command);
  EXPECT_EQ(r.exit_code, 0) << describe(r);
  return r.out;
}

TEST(CliPolish, UnknownCommandIsNamedAndBareCommandPrintsHelp) {
  const std::string dir = make_temp_dir("polish_cmd");
  const CommandResult bogus = run_integrasim({"bogus"}, dir);
  EXPECT_EQ(bogus.exit_code, 2);
  EXPECT_TRUE(contains(bogus.err, "error: unknown command 'bogus'; commands: run, check, ")) << bogus.err;
  EXPECT_TRUE(contains(bogus.err, "batch, compare")) << bogus.err;
  const CommandResult bare = run_integrasim({}, dir);
  EXPECT_EQ(bare.exit_code, 2) << describe(bare);
  EXPECT_TRUE(contains(bare.out, "Subcommands:")) << bare.out;
  EXPECT_TRUE(contains(bare.out, "run")) << bare.out;
  const CommandResult help = run_integrasim({"run", "--help"}, dir);
  EXPECT_TRUE(contains(help.out, "Worker threads (default: all cores)")) << help.out;
}

TEST(CliPolish, ThreadsDefaultToAllCoresAndTheManifestSaysSo) {
  const std::string dir = make_temp_dir("polish_threads");
  write_file_bytes(dir + "/s.toml", base_text());
  ok({"run", "s.toml", "--out", "all", "--quiet", "--no-report"}, dir);
  ok({"run", "s.toml", "--out", "one", "--threads", "1", "--quiet", "--no-report"}, dir);
  const int cores = static_cast<int>(std::max(1U, std::thread::hardware_concurrency()));
  const std::string manifest = read_file_bytes(dir + "/all/manifest.json");
  EXPECT_TRUE(contains(manifest, "\"threads\": " + std::to_string(cores))) << manifest;
  EXPECT_EQ(read_file_bytes(dir + "/all/summary.csv"), read_file_bytes(dir + "/one/summary.csv"));
}

TEST(CliPolish, DanishLettersInNamesRunIntact) {
  const std::string dir = make_temp_dir("polish_danish");
  std::string text = replaced(base_text(), "name = \"sweep_base\"", "name = \"københavn\"");
  text = replaced_all(text, "\"company\"", "\"ærø_Å\"");
  write_file_bytes(dir + "/s.toml", text);
  const CommandResult r = ok({"run", "s.toml"}, dir);
  EXPECT_TRUE(contains(r.out, "Scenario 'københavn'")) << r.out;
  EXPECT_TRUE(contains(r.out, "ærø_Å compared with usual")) << r.out;
  const std::string folder = dir + "/output/københavn";
  ASSERT_TRUE(fs::exists(folder + "/summary.csv")) << r.out;
  EXPECT_TRUE(contains(read_file_bytes(folder + "/summary.csv"), "\nærø_Å,policy,all,"));
  EXPECT_TRUE(contains(read_file_bytes(folder + "/manifest.json"), "\"scenario\": \"københavn\""));
  EXPECT_TRUE(contains(read_file_bytes(folder + "/report.html"), "københavn"));
  EXPECT_TRUE(contains(read_file_bytes(folder + "/report.html"), "ærø_Å"));
  const std::string workbook = workbook_sheets(dir, folder + "/results.xlsx");
  EXPECT_TRUE(contains(workbook, "københavn"));
  EXPECT_TRUE(contains(workbook, "ærø_Å"));
  // A sign is not a letter.
  write_file_bytes(dir + "/bad.toml", replaced(base_text(), "name = \"sweep_base\"", "name = \"a×b\""));
  const CommandResult bad = run_integrasim({"check", "bad.toml"}, dir);
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_TRUE(contains(bad.err, "[scenario] name is \"a×b\", but must be a name of 1 to 64 letters"))
      << bad.err;
}

TEST(CliPolish, SubgroupsNobodyIsInHaveNoRows) {
  const std::string dir = make_temp_dir("polish_empty");
  std::string text =
      replaced(base_text(), "represents = 300",
               "represents = 300\ngroup = { refugee = 1.0, family_reunified = 0, other_immigrant = 0 }");
  text = replaced(text, "subgroups = [\"sex\"]", "subgroups = [\"sex\", \"group\"]");
  text = replaced(text, "decomposition = false", "decomposition = true");
  write_file_bytes(dir + "/s.toml", text);
  ok({"run", "s.toml", "--out", "o", "--quiet"}, dir);
  for (const char* file : {"summary.csv", "monthly.csv", "effects.csv"}) {
    const std::string csv = read_file_bytes(dir + "/o/" + file);
    EXPECT_TRUE(contains(csv, ",refugee,")) << file;
    EXPECT_FALSE(contains(csv, "other_immigrant")) << file;
    EXPECT_FALSE(contains(csv, "family_reunified")) << file;
  }
  // Sheet 2 is summary (the parameters sheet names the groups in catalogue ids).
  const std::string summary = workbook_sheets(dir, dir + "/o/results.xlsx", "xl/worksheets/sheet2.xml");
  EXPECT_TRUE(contains(summary, "refugee"));
  EXPECT_FALSE(contains(summary, "other_immigrant"));
}

TEST(CliPolish, NoHeaderOnlyEffectsWithoutDecompositionAndStaleOneGoes) {
  const std::string dir = make_temp_dir("polish_effects");
  write_file_bytes(dir + "/on.toml", replaced(base_text(), "decomposition = false", "decomposition = true"));
  write_file_bytes(dir + "/off.toml", base_text());
  ok({"run", "on.toml", "--out", "o", "--quiet"}, dir);
  ASSERT_TRUE(fs::exists(dir + "/o/effects.csv"));
  const CommandResult r = ok({"run", "off.toml", "--out", "o"}, dir);
  EXPECT_FALSE(fs::exists(dir + "/o/effects.csv"));
  EXPECT_FALSE(contains(read_file_bytes(dir + "/o/manifest.json"), "\"name\": \"effects.csv\""));
  const std::string sheets = workbook_sheets(dir, dir + "/o/results.xlsx");
  EXPECT_EQ(sheets.substr(0, sheets.find('\n')), "read_me,summary,monthly,calendar,budget,queues,parameters");
  // The console's file list is the files written.
  EXPECT_TRUE(contains(r.out,
                       "Results: o/ (summary.csv, monthly.csv, calendar.csv, budget.csv, queues.csv, "
                       "results.xlsx, report.html, manifest.json)"))
      << r.out;
}

TEST(CliPolish, ConsoleShowsCostsPerArmAndTotals) {
  const std::string dir = make_temp_dir("polish_costs");
  write_file_bytes(dir + "/s.toml", base_text());
  const CommandResult r = ok({"run", "s.toml", "--out", "o", "--no-xlsx", "--no-report"}, dir);
  EXPECT_TRUE(contains(r.out,
                       "Costs per arm, all subgroups (DKK ± Monte Carlo standard error; totals for the "
                       "300 real persons):"))
      << r.out;
  EXPECT_TRUE(contains(r.out, "public gross ")) << r.out;
  EXPECT_TRUE(contains(r.out, " per person, total ")) << r.out;
  EXPECT_TRUE(contains(r.out, "municipal net ")) << r.out;
  EXPECT_FALSE(contains(r.out, "± 0.00 ")) << r.out;
  EXPECT_TRUE(contains(r.out,
                       "Results: o/ (summary.csv, monthly.csv, calendar.csv, budget.csv, queues.csv, "
                       "manifest.json)"))
      << r.out;
}

TEST(ConsoleDigits, SeShowsTwoSignificantDigits) {
  EXPECT_EQ(se_decimals(0.31, 2), 2);
  EXPECT_EQ(se_decimals(0.03, 2), 3);    // 0.030
  EXPECT_EQ(se_decimals(0.0079, 2), 4);  // 0.0079
  EXPECT_EQ(se_decimals(0.004, 2), 4);   // 0.0040
  EXPECT_EQ(se_decimals(1334768.0, 0), 0);
  EXPECT_EQ(se_decimals(9.1, 0), 1);
  EXPECT_EQ(se_decimals(0.0, 2), 2);     // no Monte Carlo error: the metric's decimals
  EXPECT_EQ(se_decimals(1e-30, 2), 10);  // at most 10
}

TEST(CliPolish, BatchAndSweepWriteAWorkbook) {
  const std::string dir = make_temp_dir("polish_batch");
  write_file_bytes(dir + "/a.toml", base_text());
  write_file_bytes(dir + "/b.toml", replaced(base_text(), "name = \"sweep_base\"", "name = \"other\""));
  const CommandResult batch = ok({"batch", "a.toml", "b.toml", "--out", "bat"}, dir);
  EXPECT_TRUE(contains(batch.out, "results: bat/ (batch.csv, results.xlsx, manifest.json)")) << batch.out;
  const std::string sheets = workbook_sheets(dir, dir + "/bat/results.xlsx");
  EXPECT_EQ(sheets.substr(0, sheets.find('\n')), "read_me,batch");
  EXPECT_TRUE(contains(read_file_bytes(dir + "/bat/manifest.json"), "results.xlsx"));
  ok({"batch", "a.toml", "b.toml", "--out", "bat", "--no-xlsx", "--quiet"}, dir);
  EXPECT_FALSE(fs::exists(dir + "/bat/results.xlsx"));
  EXPECT_TRUE(fs::exists(dir + "/bat/batch.csv"));

  write_file_bytes(dir + "/s.toml",
                   base_text() +
                       "[sweep]\ntarget = \"arm.company.capacity.internship_private.places\"\n"
                       "values = [10, 40]\n");
  const CommandResult sweep = ok({"run", "s.toml", "--out", "sw"}, dir);
  EXPECT_TRUE(contains(sweep.out, "results: sw/ (sweep.csv, results.xlsx, manifest.json)")) << sweep.out;
  const std::string sweep_sheets = workbook_sheets(dir, dir + "/sw/results.xlsx");
  EXPECT_EQ(sweep_sheets.substr(0, sweep_sheets.find('\n')), "read_me,sweep");
}

}  // namespace
}  // namespace integrasim::testing
