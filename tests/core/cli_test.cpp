// The command line as a user meets it: each test runs the built `integrasim` executable
// (never the library directly) in a fresh temporary working folder and checks exit code,
// stdout/stderr and the files written. Exit codes: 0 ok, 2 bad input or usage,
// 1 internal error. The whole file runs in a few seconds.
#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <filesystem>
#include <functional>
#include <optional>
#include <ostream>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "core/build_info.h"
#include "io/manifest.h"
#include "process_support.h"
#include "test_support.h"

namespace integrasim::testing {
namespace {

namespace fs = std::filesystem;

const std::vector<std::string> k_result_files = {"summary.csv",  "monthly.csv", "effects.csv",
                                                 "results.xlsx", "report.html", "manifest.json"};
const std::vector<std::string> k_csv_files = {"summary.csv", "monthly.csv", "effects.csv"};

// (No <regex> here: g++ 12 reports -Wmaybe-uninitialized inside it in sanitizer builds.)

bool starts_with(const std::string& text, const std::string& prefix) {
  return text.rfind(prefix, 0) == 0;
}

std::string trim_left(const std::string& text) {
  const std::size_t first = text.find_first_not_of(" \t");
  return first == std::string::npos ? "" : text.substr(first);
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    out.push_back(line);
  }
  return out;
}

std::optional<double> as_number(const std::string& field) {
  if (field.empty()) return std::nullopt;
  double value = 0;
  const auto [end, error] = std::from_chars(field.data(), field.data() + field.size(), value);
  if (error != std::errc() || end != field.data() + field.size()) return std::nullopt;
  return value;
}
bool is_number(const std::string& field) {
  return as_number(field).has_value();
}

// A copy of scenarios/default.toml with the first `from` replaced by `to`, written to
// `dir`; returns the path and the 1-based line the replacement is on.
struct BrokenScenario {
  std::string path;
  int line = 0;
};
BrokenScenario broken_default(const std::string& dir, const std::string& from, const std::string& to) {
  std::string text = read_file_bytes(source_path("scenarios/default.toml"));
  const std::size_t at = text.find(from);
  if (at == std::string::npos) throw std::runtime_error("'" + from + "' not found in scenarios/default.toml");
  text.replace(at, from.size(), to);
  BrokenScenario out;
  out.path = dir + "/broken.toml";
  out.line =
      1 + static_cast<int>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(at), '\n'));
  write_file_bytes(out.path, text);
  return out;
}

// The value of the first field `key` of manifest.json as written (strings without their
// quotes, escapes left as they are), or "" if absent.
std::string manifest_field(const std::string& json, const std::string& key, std::size_t from = 0) {
  const std::string quoted_key = std::string("\"").append(key).append("\"");
  std::size_t at = json.find(quoted_key, from);
  if (at == std::string::npos) return "";
  at = json.find_first_not_of(" \t\r\n", at + quoted_key.size());
  if (at == std::string::npos || json[at] != ':') return "";
  at = json.find_first_not_of(" \t\r\n", at + 1);
  if (at == std::string::npos) return "";
  if (json[at] != '"') return json.substr(at, json.find_first_of(",}] \t\r\n", at) - at);
  std::string value;
  for (std::size_t i = at + 1; i < json.size() && json[i] != '"'; ++i) {
    if (json[i] == '\\' && i + 1 < json.size()) value += json[i++];
    value += json[i];
  }
  return value;
}

// The sha256 recorded for input `name` in manifest.json, or "".
std::string manifest_input_hash(const std::string& json, const std::string& name) {
  const std::string entry = std::string("\"name\": \"").append(name).append("\"");
  const std::size_t at = json.find(entry);
  return at == std::string::npos ? "" : manifest_field(json, "sha256", at);
}

bool is_sha256(const std::string& text) {
  return text.size() == 64 && text.find_first_not_of("0123456789abcdef") == std::string::npos;
}

// What a bad-input run must print on stderr: `file:line:col: ` when `line` > 0 (column
// any positive number), or else `file` somewhere; then each of `contains`, in order.
struct ExpectedMessage {
  std::string file;
  int line = 0;
  std::vector<std::string> contains;
};

bool message_matches(const std::string& err, const ExpectedMessage& e) {
  std::size_t at = 0;
  if (e.line > 0) {
    const std::string prefix = std::string(e.file).append(":").append(std::to_string(e.line)).append(":");
    for (at = err.find(prefix); at != std::string::npos; at = err.find(prefix, at + 1)) {
      const std::size_t digits = at + prefix.size();
      const std::size_t end = err.find_first_not_of("0123456789", digits);
      if (end != std::string::npos && end > digits && err[digits] != '0' && err.compare(end, 2, ": ") == 0) {
        at = end + 2;
        break;
      }
    }
    if (at == std::string::npos) return false;
  } else if (!e.file.empty()) {
    at = err.find(e.file);
    if (at == std::string::npos) return false;
    at += e.file.size();
  }
  for (const auto& part : e.contains) {
    at = err.find(part, at);
    if (at == std::string::npos) return false;
    at += part.size();
  }
  return !err.empty();
}

std::string describe(const ExpectedMessage& e) {
  std::string out =
      e.line > 0 ? std::string(e.file).append(":").append(std::to_string(e.line)).append(":<col>: ") : e.file;
  for (const auto& part : e.contains) out.append(" ... ").append(part);
  return out;
}

// Removes a test's temporary folder at the end of the test if it passed; a failing test
// keeps it for inspection.
class RemoveIfPassed {
 public:
  explicit RemoveIfPassed(std::string dir) : dir_(std::move(dir)) {}
  RemoveIfPassed(const RemoveIfPassed&) = delete;
  RemoveIfPassed& operator=(const RemoveIfPassed&) = delete;
  ~RemoveIfPassed() {
    if (::testing::Test::HasFailure()) return;
    std::error_code ignored;
    fs::remove_all(dir_, ignored);
  }

 private:
  std::string dir_;  // the temporary folder
};

// ---------------------------------------------------------------------------------------
// run
// ---------------------------------------------------------------------------------------

TEST(CliRun, DefaultScenarioWritesFourFilesAndManifest) {
  const std::string cwd = make_temp_dir("cli-run");
  const RemoveIfPassed cleanup_cwd{cwd};
  const CommandResult r = run_integrasim({"run", "--persons", "2000"}, cwd);
  ASSERT_EQ(r.exit_code, 0) << describe(r);
  EXPECT_NE(r.out.find("output/default"), std::string::npos) << "the report names the output folder\n"
                                                             << describe(r);

  const std::string folder = cwd + "/output/default";  // default: output/<scenario name>
  for (const auto& file : k_result_files) {
    ASSERT_TRUE(fs::is_regular_file(folder + "/" + file)) << file << " missing in " << folder;
    EXPECT_GT(fs::file_size(folder + "/" + file), 0u) << file;
  }
  std::set<std::string> names;
  for (const auto& entry : fs::directory_iterator(folder)) names.insert(entry.path().filename().string());
  EXPECT_EQ(names, std::set<std::string>(k_result_files.begin(), k_result_files.end()))
      << "no temporary files are left behind";

  const std::string manifest = read_file_bytes(folder + "/manifest.json");
  EXPECT_EQ(manifest_field(manifest, "tool"), "integrasim");
  EXPECT_EQ(manifest_field(manifest, "version"), build_version());
  EXPECT_EQ(manifest_field(manifest, "git_revision"), build_git_revision());
  EXPECT_FALSE(manifest_field(manifest, "git_revision").empty());
  EXPECT_EQ(manifest_field(manifest, "seed"), "20261127");  // from the built-in scenario
  EXPECT_EQ(manifest_field(manifest, "persons"), "2000");
  // --threads defaults to all cores (docs/console.md).
  EXPECT_EQ(manifest_field(manifest, "threads"),
            std::to_string(std::max(1U, std::thread::hardware_concurrency())));
  EXPECT_EQ(manifest_field(manifest, "csv_dialect"), "standard");
  const std::string command_line = manifest_field(manifest, "command_line");
  EXPECT_NE(command_line.find("run --persons 2000"), std::string::npos) << command_line;
  EXPECT_NE(manifest.find("\"inputs\""), std::string::npos) << manifest;
  EXPECT_NE(manifest.find("<built-in default.toml>"), std::string::npos) << manifest;
  EXPECT_TRUE(is_sha256(manifest_input_hash(manifest, "<built-in default.toml>"))) << manifest;
  int hashes = 0;
  for (std::size_t at = manifest.find("\"sha256\""); at != std::string::npos;
       at = manifest.find("\"sha256\"", at + 1))
    hashes += is_sha256(manifest_field(manifest, "sha256", at)) ? 1 : 0;
  EXPECT_GE(hashes, 2) << "the scenario and at least one catalogue file are hashed\n" << manifest;

  // Every other file of the folder is listed under "outputs" with the SHA-256 of its bytes.
  const std::size_t outputs = manifest.find("\"outputs\"");
  ASSERT_NE(outputs, std::string::npos) << manifest;
  for (const auto& file : k_result_files) {
    if (file == "manifest.json") continue;
    const std::size_t at = manifest.find("\"name\": \"" + file + "\"", outputs);
    ASSERT_NE(at, std::string::npos) << file << " not in the manifest's outputs\n" << manifest;
    EXPECT_EQ(manifest_field(manifest, "sha256", at), sha256_hex(read_file_bytes(folder + "/" + file)))
        << file;
  }
  EXPECT_EQ(manifest.find("\"name\": \"manifest.json\"", outputs), std::string::npos)
      << "the manifest cannot hold its own hash";
}

TEST(CliRun, ManifestRecordsSeedOverrideAndScenarioFileChecksum) {
  const std::string dir = make_temp_dir("cli-manifest");
  const RemoveIfPassed cleanup_dir{dir};
  const std::string scenario = source_path("scenarios/default.toml");
  const CommandResult r = run_integrasim(
      {"run", scenario, "--persons", "1000", "--seed", "17", "--out", dir + "/out", "--quiet"});
  ASSERT_EQ(r.exit_code, 0) << describe(r);
  EXPECT_EQ(r.out, "") << "--quiet prints nothing on success";
  const std::string manifest = read_file_bytes(dir + "/out/manifest.json");
  EXPECT_EQ(manifest_field(manifest, "seed"), "17");
  EXPECT_EQ(manifest_field(manifest, "persons"), "1000");

  // The checksum is the one `sha256sum` computes for the file's bytes.
  const CommandResult sum = run_shell(std::string("sha256sum ").append(shell_quote(scenario)));
  if (sum.exit_code != 0 || sum.out.size() < 64) GTEST_SKIP() << "sha256sum not available";
  const std::string expected = sum.out.substr(0, 64);
  EXPECT_EQ(manifest_input_hash(manifest, scenario), expected) << manifest;
}

// Randomness belongs to the person, never to the thread (docs/developing.md principle 3).
TEST(CliRun, SameBytesForOneTwoAndFourThreads) {
  const std::string dir = make_temp_dir("cli-threads");
  const RemoveIfPassed cleanup_dir{dir};
  for (const std::string threads : {"1", "2", "4"}) {
    const CommandResult r = run_integrasim(
        {"run", "--persons", "5000", "--threads", threads, "--out", dir + "/t" + threads, "--quiet"});
    ASSERT_EQ(r.exit_code, 0) << describe(r);
    EXPECT_EQ(manifest_field(read_file_bytes(dir + "/t" + threads + "/manifest.json"), "threads"), threads);
  }
  for (const auto& file : k_csv_files) {
    const std::string one = read_file_bytes(dir + "/t1/" + file);
    EXPECT_FALSE(one.empty()) << file;
    EXPECT_TRUE(one == read_file_bytes(dir + "/t2/" + file))
        << file << " differs between 1 and 2 threads (" << dir << ")";
    EXPECT_TRUE(one == read_file_bytes(dir + "/t4/" + file))
        << file << " differs between 1 and 4 threads (" << dir << ")";
  }
}

TEST(CliRun, ExcelDanishDialectHasBomSemicolonsAndDecimalCommas) {
  const std::string dir = make_temp_dir("cli-excel");
  const RemoveIfPassed cleanup_dir{dir};
  for (const std::string dialect : {"standard", "excel-da"}) {
    const CommandResult r = run_integrasim(
        {"run", "--persons", "2000", "--csv-dialect", dialect, "--out", dir + "/" + dialect, "--quiet"});
    ASSERT_EQ(r.exit_code, 0) << describe(r);
  }
  EXPECT_EQ(manifest_field(read_file_bytes(dir + "/excel-da/manifest.json"), "csv_dialect"), "excel-da");
  const std::string bom = "\xEF\xBB\xBF";
  for (const auto& file : k_csv_files) {
    SCOPED_TRACE(file);
    const std::string standard_text = read_file_bytes(dir + "/standard/" + file);
    const std::string excel_text = read_file_bytes(dir + "/excel-da/" + file);
    EXPECT_NE(standard_text.rfind(bom, 0), 0u) << "no BOM in the standard dialect";
    ASSERT_EQ(excel_text.rfind(bom, 0), 0u) << "excel-da starts with a UTF-8 BOM";
    for (const std::string* text : {&standard_text, &excel_text}) {
      const auto lf = std::count(text->begin(), text->end(), '\n');
      std::size_t crlf = 0;
      for (std::size_t at = text->find("\r\n"); at != std::string::npos; at = text->find("\r\n", at + 2))
        ++crlf;
      EXPECT_EQ(static_cast<std::size_t>(lf), crlf) << "every line ends with CRLF";
    }
    const std::string excel_header = excel_text.substr(bom.size(), excel_text.find("\r\n") - bom.size());
    EXPECT_NE(excel_header.find(';'), std::string::npos) << excel_header;
    EXPECT_EQ(excel_header.find(','), std::string::npos) << excel_header;

    const auto standard = parse_csv(standard_text, ',');
    const auto excel = parse_csv(excel_text, ';');
    ASSERT_EQ(standard.size(), excel.size()) << "same number of rows in both dialects";
    std::size_t decimal_commas = 0;
    std::size_t mismatches = 0;
    for (std::size_t r = 0; r < standard.size(); ++r) {
      ASSERT_EQ(standard[r].size(), excel[r].size()) << "row " << r + 1;
      for (std::size_t c = 0; c < standard[r].size(); ++c) {
        std::string expected = standard[r][c];
        if (is_number(expected)) std::replace(expected.begin(), expected.end(), '.', ',');
        if (expected.find(',') != std::string::npos && is_number(standard[r][c])) ++decimal_commas;
        if (excel[r][c] != expected && ++mismatches <= 5)
          ADD_FAILURE() << "row " << r + 1 << " column " << c + 1 << ": standard '" << standard[r][c]
                        << "' should be '" << expected << "' in excel-da, got '" << excel[r][c] << "'";
      }
    }
    EXPECT_EQ(mismatches, 0u);
    EXPECT_GT(decimal_commas, 0u) << "numbers with a fraction are written with a decimal comma";
  }
}

// ---------------------------------------------------------------------------------------
// bad input: exit 2, a compiler-style message, and no output written or touched
// ---------------------------------------------------------------------------------------

struct BadInputCase {
  std::string name;
  // Builds the arguments (without --out) in `dir` and says what stderr must show.
  std::function<std::vector<std::string>(const std::string& dir, ExpectedMessage& expect)> arguments;
};

ExpectedMessage position_of(const BrokenScenario& s, std::vector<std::string> contains = {}) {
  return ExpectedMessage{s.path, s.line, std::move(contains)};
}

const std::vector<BadInputCase>& bad_input_cases() {
  using Args = std::vector<std::string>;
  static const std::vector<BadInputCase> cases = {
      {"ScenarioWithBadValue",
       [](const std::string& dir, ExpectedMessage& expect) {
         const BrokenScenario s = broken_default(dir, "duration_months = 4", "duration_months = -3");
         expect = position_of(s, {"duration_months", "-3"});
         return Args{"run", s.path};
       }},
      {"ScenarioWithTomlSyntaxError",
       [](const std::string& dir, ExpectedMessage& expect) {
         const BrokenScenario s = broken_default(dir, "horizon_months = 60", "horizon_months = = 60");
         expect = position_of(s);
         return Args{"run", s.path};
       }},
      {"ScenarioWithUnknownPathway",
       [](const std::string& dir, ExpectedMessage& expect) {
         const BrokenScenario s =
             broken_default(dir, "pathway = \"company_first\"", "pathway = \"company_frist\"");
         expect = position_of(s, {"company_frist"});
         return Args{"run", s.path};
       }},
      {"MissingScenarioFile",
       [](const std::string& dir, ExpectedMessage& expect) {
         expect = ExpectedMessage{dir + "/does_not_exist.toml", 0, {": "}};
         return Args{"run", dir + "/does_not_exist.toml"};
       }},
      {"ZeroThreads",
       [](const std::string&, ExpectedMessage& expect) {
         expect = ExpectedMessage{"", 0, {"--threads", "0"}};
         return Args{"run", "--threads", "0"};
       }},
      {"ZeroPersons",
       [](const std::string&, ExpectedMessage& expect) {
         expect = ExpectedMessage{"", 0, {"--persons", "0"}};
         return Args{"run", "--persons", "0"};
       }},
      {"UnknownCsvDialect",
       [](const std::string&, ExpectedMessage& expect) {
         expect = ExpectedMessage{"", 0, {"--csv-dialect", "xyz"}};
         return Args{"run", "--csv-dialect", "xyz"};
       }},
      {"UnknownReportLanguage",
       [](const std::string&, ExpectedMessage& expect) {
         expect = ExpectedMessage{"", 0, {"--language", "fr", "da (Danish) or en (English)"}};
         return Args{"run", "--language", "fr"};
       }},
      {"UnknownOption",
       [](const std::string&, ExpectedMessage& expect) {
         expect = ExpectedMessage{"", 0, {"--frobnicate"}};
         return Args{"run", "--frobnicate"};
       }},
      {"UnknownSubcommand",
       [](const std::string&, ExpectedMessage& expect) {
         expect = ExpectedMessage{};  // CLI11's usage message; its wording is not ours to pin down
         return Args{"simulate"};
       }},
  };
  return cases;
}

// gtest prints a failing parameter; the name is all that is worth printing.
void PrintTo(const BadInputCase& c, std::ostream* os) {
  *os << c.name;
}

class CliBadInput : public ::testing::TestWithParam<BadInputCase> {};

TEST_P(CliBadInput, ExitsTwoWithMessageAndWritesNothing) {
  const std::string dir = make_temp_dir("cli-bad");
  const RemoveIfPassed cleanup_dir{dir};
  ExpectedMessage expect;
  const std::vector<std::string> args = GetParam().arguments(dir, expect);

  // 1. No --out: nothing at all appears in the working folder (no output/<scenario>/).
  {
    const std::string cwd = make_temp_dir("cli-bad-cwd");
    const RemoveIfPassed cleanup_cwd{cwd};
    const CommandResult r = run_integrasim(args, cwd);
    EXPECT_EQ(r.exit_code, 2) << describe(r);
    EXPECT_TRUE(message_matches(r.err, expect)) << "stderr should show " << describe(expect) << "\n"
                                                << describe(r);
    EXPECT_EQ(r.err.find("internal error"), std::string::npos) << describe(r);
    EXPECT_TRUE(fs::is_empty(cwd)) << "bad input must not create an output folder (in " << cwd << ")";
  }
  // 2. --out to a folder that does not exist yet: it is not created.
  {
    std::vector<std::string> with_out = args;
    with_out.insert(with_out.end(), {"--out", dir + "/new_out"});
    const CommandResult r = run_integrasim(with_out);
    EXPECT_EQ(r.exit_code, 2) << describe(r);
    EXPECT_FALSE(fs::exists(dir + "/new_out")) << "bad input must not create --out";
  }
  // 3. --out to a folder holding an earlier run and a file of the user's: all left
  //    byte-identical, and no temporary files left beside them.
  {
    const std::string old = dir + "/old_out";
    fs::create_directories(old);
    write_file_bytes(old + "/summary.csv", "arm,persons\r\nold_run,1\r\n");
    write_file_bytes(old + "/monthly.csv", "arm,month\r\nold_run,1\r\n");
    write_file_bytes(old + "/effects.csv", "arm,effect\r\nold_run,0.5\r\n");
    write_file_bytes(old + "/manifest.json", "{\"tool\": \"integrasim\", \"seed\": 1}\n");
    write_file_bytes(old + "/my_notes.txt", "keep me\n");
    const auto before = folder_snapshot(old);
    std::vector<std::string> with_out = args;
    with_out.insert(with_out.end(), {"--out", old});
    const CommandResult r = run_integrasim(with_out);
    EXPECT_EQ(r.exit_code, 2) << describe(r);
    EXPECT_EQ(folder_snapshot(old), before) << "an existing output folder must be left untouched";
  }
}

INSTANTIATE_TEST_SUITE_P(CliCases, CliBadInput, ::testing::ValuesIn(bad_input_cases()),
                         [](const ::testing::TestParamInfo<BadInputCase>& param) {
                           return param.param.name;
                         });

TEST(CliUsage, NoSubcommandExitsTwo) {
  const CommandResult r = run_integrasim({});
  EXPECT_EQ(r.exit_code, 2) << describe(r);
  EXPECT_FALSE(r.err.empty() && r.out.empty()) << "a usage hint is printed";
}

TEST(CliUsage, VersionPrintsVersionAndExitsZero) {
  const CommandResult r = run_integrasim({"--version"});
  ASSERT_EQ(r.exit_code, 0) << describe(r);
  EXPECT_NE((r.out + r.err).find(build_version()), std::string::npos) << describe(r);
}

// ---------------------------------------------------------------------------------------
// check
// ---------------------------------------------------------------------------------------

TEST(CliCheck, DefaultScenarioPrintsStepsAndParametersWithSources) {
  const std::string scenario = source_path("scenarios/default.toml");
  const CommandResult r = run_integrasim({"check", scenario});
  ASSERT_EQ(r.exit_code, 0) << describe(r);

  // Every step of every pathway, numbered within its pathway, in file order.
  std::vector<std::string> expected_steps;
  int step_number = 0;
  for (const std::string& raw : lines_of(read_file_bytes(scenario))) {
    const std::string line = trim_left(raw);
    if (starts_with(line, "[[pathway]]")) step_number = 0;
    if (!starts_with(line, "intervention")) continue;
    const std::size_t open = line.find('"');
    const std::size_t close = line.find('"', open + 1);
    ASSERT_NE(close, std::string::npos) << line;
    expected_steps.push_back(std::string("step ")
                                 .append(std::to_string(++step_number))
                                 .append(": ")
                                 .append(line.substr(open + 1, close - open - 1)));
  }
  ASSERT_GE(expected_steps.size(), 2u);
  std::size_t from = 0;
  for (const auto& step : expected_steps) {
    const std::size_t at = r.out.find(step, from);
    EXPECT_NE(at, std::string::npos) << "'" << step << "' (in order) missing from\n" << r.out.substr(0, 3000);
    if (at != std::string::npos) from = at + step.size();
  }

  // Every baseline hazard, and every effect of an intervention the scenario uses, is
  // printed with its id, value and source.
  const std::string text = read_file_bytes(scenario);
  const std::vector<std::string> printed = lines_of(r.out);
  const auto expect_rows = [&](const std::string& file,
                               const std::function<bool(const std::vector<std::string>&)>& keep) {
    const auto rows = parse_csv(read_file_bytes(source_path("scenarios/evidence/" + file)));
    ASSERT_FALSE(rows.empty()) << file;
    const auto& header = rows.front();
    const auto column = [&](const std::string& name) {
      return static_cast<std::size_t>(std::find(header.begin(), header.end(), name) - header.begin());
    };
    const std::size_t id = column("id");
    const std::size_t source = column("source");
    ASSERT_LT(source, header.size()) << file;
    int checked = 0;
    for (std::size_t i = 1; i < rows.size(); ++i) {
      if (rows[i].size() != header.size() || !keep(rows[i])) continue;
      ++checked;
      const std::string start = std::string(rows[i][id]).append(" = ");
      const std::string source_text = std::string("source ").append(rows[i][source]);
      const auto& out_lines = printed;
      const bool found = std::any_of(out_lines.begin(), out_lines.end(), [&](const std::string& l) {
        const std::string t = trim_left(l);
        return starts_with(t, start) && t.find(source_text, start.size()) != std::string::npos;
      });
      EXPECT_TRUE(found) << rows[i][id] << " with " << source_text;
    }
    EXPECT_GT(checked, 0) << file;
  };
  expect_rows("baseline_hazards.csv", [](const std::vector<std::string>&) { return true; });
  expect_rows("effects.csv", [&](const std::vector<std::string>& row) {
    return text.find("intervention = \"" + row[1] + "\"") != std::string::npos;
  });
}

TEST(CliCheck, BrokenScenarioExitsTwoWithPosition) {
  const std::string dir = make_temp_dir("cli-check");
  const RemoveIfPassed cleanup_dir{dir};
  const BrokenScenario s = broken_default(dir, "coverage = 0.8", "coverage = 1.8");
  const CommandResult r = run_integrasim({"check", s.path});
  EXPECT_EQ(r.exit_code, 2) << describe(r);
  EXPECT_TRUE(message_matches(r.err, position_of(s, {"coverage"}))) << describe(r);
}

// issue 12 item 11: a NUL byte and a terminal escape sequence in a scenario reach stderr
// escaped, so the message is whole and the terminal is left alone.
TEST(CliCheck, ControlCharactersInTheInputAreShownEscaped) {
  const std::string dir = make_temp_dir("cli-escape");
  const RemoveIfPassed cleanup_dir{dir};
  const BrokenScenario s = broken_default(dir, "name = \"default\"", "name = \"de\\u0000fault\\u001b[2J\"");
  const CommandResult r = run_integrasim({"check", s.path});
  EXPECT_EQ(r.exit_code, 2) << describe(r);
  EXPECT_EQ(r.err.find('\x1b'), std::string::npos) << describe(r);
  EXPECT_NE(r.err.find("name is \"de\\x00fault\\x1b[2J\", but must be a name"), std::string::npos)
      << describe(r);
}

TEST(CliCheck, EveryExampleScenarioPasses) {
  std::vector<std::string> scenarios;
  for (const auto& entry : fs::directory_iterator(source_path("scenarios")))
    if (entry.path().extension() == ".toml") scenarios.push_back(entry.path().string());
  std::sort(scenarios.begin(), scenarios.end());
  ASSERT_FALSE(scenarios.empty());
  for (const auto& scenario : scenarios) {
    const CommandResult r = run_integrasim({"check", scenario});
    EXPECT_EQ(r.exit_code, 0) << describe(r);
    EXPECT_NE(r.out.find("scenario is valid"), std::string::npos) << describe(r);
  }
}

// ---------------------------------------------------------------------------------------
// bench (functional only: no timing assertions)
// ---------------------------------------------------------------------------------------

TEST(CliBench, PrintsPersonMonthsPerSecond) {
  const CommandResult r = run_integrasim({"bench", "--persons", "2000", "--repeats", "1"});
  ASSERT_EQ(r.exit_code, 0) << describe(r);
  const std::string label = "person-months/s: ";
  bool found = false;
  for (const std::string& line : lines_of(r.out)) {
    if (!starts_with(line, label)) continue;
    const auto rate = as_number(line.substr(label.size()));
    if (!rate) continue;
    found = true;
    EXPECT_GT(*rate, 0.0) << line;
  }
  EXPECT_TRUE(found) << "no line 'person-months/s: <number>'\n" << describe(r);
}

TEST(CliBench, RejectsTooFewPersons) {
  const CommandResult r = run_integrasim({"bench", "--persons", "10", "--repeats", "1"});
  EXPECT_EQ(r.exit_code, 2) << describe(r);
  EXPECT_NE(r.err.find("--persons"), std::string::npos) << describe(r);
}

}  // namespace
}  // namespace integrasim::testing
