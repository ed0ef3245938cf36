// Golden tests: each tiny scenario in tests/golden/scenarios/*.toml is run through the
// built `integrasim` executable, and its summary.csv, monthly.csv and effects.csv are
// compared field by field with tests/golden/expected/<scenario>/: numbers at 10
// significant digits (relative difference <= 1e-10, or both |x| < 1e-12), text exactly.
// The runs use a frozen copy of the evidence catalogue (tests/golden/catalogue/, via
// --catalogue) and scenarios that spell out every population share, so that the golden
// numbers move when the engine or the writers change, not when the evidence is updated.
//
// Refreshing the expected files is an explicit, deliberate act:
//
//   INTEGRASIM_UPDATE_GOLDEN=1 ./build/golden_tests
//
// writes the current outputs over tests/golden/expected/ (only files whose bytes changed),
// prints a notice for each, and passes. Review the diff (`git diff tests/golden/expected`)
// before committing it: a changed golden file means the model's numbers changed.
// See tests/golden/README.md.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <optional>
#include <sstream>
#include <string>
#include <system_error>
#include <vector>

#include "process_support.h"
#include "test_support.h"

namespace integrasim::testing {
namespace {

namespace fs = std::filesystem;

const char* const k_compared_files[] = {"summary.csv", "monthly.csv", "effects.csv"};
constexpr double k_relative_tolerance = 1e-10;  // 10 significant digits
constexpr double k_zero = 1e-12;                // below this, two numbers count as equal
constexpr int k_max_reported = 20;              // mismatches listed per file

fs::path golden_dir() {
  return fs::path(source_path("tests/golden"));
}

bool update_requested() {
  const char* value = std::getenv("INTEGRASIM_UPDATE_GOLDEN");
  return value != nullptr && std::string(value) == "1";
}

// Scenario names (file stems), sorted, found when the test binary starts.
std::vector<std::string> golden_scenarios() {
  std::vector<std::string> names;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(golden_dir() / "scenarios", ec))
    if (entry.path().extension() == ".toml") names.push_back(entry.path().stem().string());
  std::sort(names.begin(), names.end());
  return names;
}

// The whole field as a finite double, or nothing.
std::optional<double> as_number(const std::string& field) {
  if (field.empty()) return std::nullopt;
  double value = 0;
  const char* first = field.data();
  const char* last = field.data() + field.size();
  const auto [end, error] = std::from_chars(first, last, value);
  if (error != std::errc() || end != last || !std::isfinite(value)) return std::nullopt;
  return value;
}

bool numbers_agree(double expected, double actual) {
  if (std::fabs(expected) < k_zero && std::fabs(actual) < k_zero) return true;
  return std::fabs(expected - actual) <=
         k_relative_tolerance * std::max(std::fabs(expected), std::fabs(actual));
}

bool fields_agree(const std::string& expected, const std::string& actual) {
  const auto e = as_number(expected);
  const auto a = as_number(actual);
  if (e && a) return numbers_agree(*e, *a);
  return expected == actual;
}

std::string row_context(const std::vector<std::string>& row) {
  std::string out;
  for (std::size_t i = 0; i < row.size() && i < 5; ++i) out.append(i ? "," : "").append(row[i]);
  return out;
}

// The arguments streamed into one string. (Messages are built this way rather than with
// `"literal" + std::string`, which g++ 12 misreports under -Wrestrict, GCC bug 105329.)
template <typename... Parts>
std::string cat(const Parts&... parts) {
  std::ostringstream out;
  (out << ... << parts);
  return out.str();
}

// Every difference between two CSV texts, as readable lines (empty: they agree).
std::vector<std::string> compare_csv(const std::string& expected_text, const std::string& actual_text) {
  const auto expected = parse_csv(expected_text);
  const auto actual = parse_csv(actual_text);
  std::vector<std::string> problems;
  if (expected.empty() || actual.empty()) {
    problems.push_back(cat("empty file (expected ", expected.size(), " rows, got ", actual.size(), ")"));
    return problems;
  }
  if (expected.front() != actual.front()) {
    problems.push_back(cat("header differs:\n    expected: ", row_context(expected.front()),
                           ",...\n    actual:   ", row_context(actual.front()), ",..."));
    return problems;
  }
  const auto& header = expected.front();
  if (expected.size() != actual.size())
    problems.push_back(cat("expected ", expected.size(), " rows (with header), got ", actual.size()));
  const std::size_t rows = std::min(expected.size(), actual.size());
  for (std::size_t r = 1; r < rows; ++r) {
    const auto& e = expected[r];
    const auto& a = actual[r];
    if (e.size() != a.size()) {
      problems.push_back(cat("row ", r + 1, ": expected ", e.size(), " fields, got ", a.size()));
      continue;
    }
    for (std::size_t c = 0; c < e.size(); ++c) {
      if (fields_agree(e[c], a[c])) continue;
      const std::string column = c < header.size() ? header[c] : cat("#", c + 1);
      problems.push_back(cat("row ", r + 1, " (", row_context(e), ") column '", column, "': expected '", e[c],
                             "', got '", a[c], "'"));
    }
  }
  return problems;
}

class GoldenTest : public ::testing::TestWithParam<std::string> {};

TEST_P(GoldenTest, OutputsMatchExpectedFiles) {
  const std::string name = GetParam();
  const fs::path scenario = golden_dir() / "scenarios" / (name + ".toml");
  const fs::path expected_dir = golden_dir() / "expected" / name;
  const std::string run_dir = make_temp_dir("golden-" + name);
  const std::string out_dir = run_dir + "/out";

  const CommandResult run =
      run_integrasim({"run", scenario.string(), "--catalogue", (golden_dir() / "catalogue").string(), "--out",
                      out_dir, "--quiet"});
  ASSERT_EQ(run.exit_code, 0) << describe(run);

  if (update_requested()) {
    fs::create_directories(expected_dir);
    for (const char* file : k_compared_files) {
      const std::string actual = read_file_bytes(out_dir + "/" + file);
      const fs::path target = expected_dir / file;
      if (fs::exists(target) && read_file_bytes(target.string()) == actual) continue;
      write_file_bytes(target.string(), actual);
      std::cout << "[golden] INTEGRASIM_UPDATE_GOLDEN=1: rewrote " << target.string() << "\n";
    }
    fs::remove_all(run_dir);
    return;
  }

  for (const char* file : k_compared_files) {
    SCOPED_TRACE(std::string(file));
    const fs::path expected_file = expected_dir / file;
    ASSERT_TRUE(fs::exists(expected_file))
        << expected_file.string()
        << " is missing; create it with INTEGRASIM_UPDATE_GOLDEN=1 ./build/golden_tests";
    const auto problems =
        compare_csv(read_file_bytes(expected_file.string()), read_file_bytes(out_dir + "/" + file));
    if (problems.empty()) continue;
    std::ostringstream message;
    message << name << "/" << file << ": " << problems.size() << " difference(s) from "
            << expected_file.string() << "\n";
    for (std::size_t i = 0; i < problems.size() && i < static_cast<std::size_t>(k_max_reported); ++i)
      message << "  " << problems[i] << "\n";
    if (problems.size() > static_cast<std::size_t>(k_max_reported)) message << "  ...\n";
    message << "actual output kept in " << out_dir
            << "\nif the change is intended, refresh with INTEGRASIM_UPDATE_GOLDEN=1 ./build/golden_tests";
    ADD_FAILURE() << message.str();
  }
  if (!HasFailure()) fs::remove_all(run_dir);  // a failure keeps the output for diffing
}

std::string test_name(const ::testing::TestParamInfo<std::string>& info) {
  std::string out = info.param;
  for (char& c : out)
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  return out;
}

INSTANTIATE_TEST_SUITE_P(Scenarios, GoldenTest, ::testing::ValuesIn(golden_scenarios()), test_name);

// A scenario without expected files, or expected files without a scenario, is a mistake
// that would otherwise go unnoticed.
TEST(GoldenLayout, EveryScenarioHasExpectedFilesAndViceVersa) {
  const auto scenarios = golden_scenarios();
  ASSERT_GE(scenarios.size(), 3u) << "expected at least three scenarios in "
                                  << (golden_dir() / "scenarios").string();
  if (update_requested()) GTEST_SKIP() << "INTEGRASIM_UPDATE_GOLDEN=1: expected files are being rewritten";
  std::vector<std::string> expected;
  for (const auto& entry : fs::directory_iterator(golden_dir() / "expected"))
    if (entry.is_directory()) expected.push_back(entry.path().filename().string());
  std::sort(expected.begin(), expected.end());
  EXPECT_EQ(expected, scenarios) << "tests/golden/expected/ must hold one folder per scenario";
}

// The comparison itself: tolerant of the 11th significant digit, strict on the 10th
// digit and on text.
TEST(GoldenCompare, NumbersAtTenSignificantDigitsAndTextExactly) {
  const std::string base = "arm,share\r\npolicy,0.123456789012\r\npolicy,0\r\n";
  EXPECT_TRUE(compare_csv(base, "arm,share\r\npolicy,0.123456789013\r\npolicy,1e-13\r\n").empty());
  EXPECT_EQ(compare_csv(base, "arm,share\r\npolicy,0.12345678\r\npolicy,0\r\n").size(), 1u);
  EXPECT_EQ(compare_csv(base, "arm,share\r\nPolicy,0.123456789012\r\npolicy,0\r\n").size(), 1u);
  EXPECT_EQ(compare_csv(base, "arm,share\r\npolicy,\r\npolicy,0\r\n").size(), 1u);
  EXPECT_EQ(compare_csv(base, "arm,share\r\npolicy,0.123456789012\r\n").size(), 1u);
  EXPECT_EQ(compare_csv(base, "arm,value\r\npolicy,0.123456789012\r\npolicy,0\r\n").size(), 1u);
}

}  // namespace
}  // namespace integrasim::testing
