// results.xlsx at the library level: the renderer's cells, formats, panes and filters
// (read back by tests/io/xlsx_dump.py), its determinism and its limits, and the run's
// workbook assembled from the same tables as the CSV files.
#include "io/xlsx_workbook.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <limits>
#include <string>

#include "core/diagnostics.h"
#include "io/result_files.h"
#include "io/result_writers.h"
#include "io/results_workbook.h"
#include "io/table_csv.h"
#include "io/xlsx_check.h"
#include "xlsx_support.h"

namespace integrasim {
namespace {

using testing::cell_at;
using testing::dump_xlsx_bytes;
using testing::sheet_of;
using testing::sheet_texts;
using testing::sixteen_digit_unit;

constexpr double nan = std::numeric_limits<double>::quiet_NaN();

// One column of each unit, a text that Excel would read as a date, a NaN and an infinity.
Table mixed_table() {
  Table t({{"arm"},
           {"persons", ColumnUnit::count},
           {"cost_dkk", ColumnUnit::dkk},
           {"share", ColumnUnit::share},
           {"months", ColumnUnit::months},
           {"other"}});
  t.add_text("3-6");
  t.add_integer(1200);
  t.add_number(152345.25);
  t.add_number(0.4375);
  t.add_number(12.25);
  t.add_number(nan);
  t.end_row();
  t.add_text("company_first");
  t.add_integer(-3);
  t.add_number(-1.5);
  t.add_empty();
  t.add_number(std::numeric_limits<double>::infinity());
  t.add_number(7.0);
  t.end_row();
  return t;
}

TEST(XlsxWorkbook, NumbersAreNumericCellsWithTheirFormatsAndTextStaysText) {
  const Table table = mixed_table();
  const auto book = dump_xlsx_bytes(xlsx_bytes({{"data", &table}}));
  const auto& sheet = sheet_of(book, "data");
  // Header: bold strings.
  for (std::size_t c = 0; c < 6; ++c) EXPECT_NE(cell_at(sheet, 0, c).at("t"), "n") << c;
  const auto arm = cell_at(sheet, 1, 0);
  EXPECT_NE(arm.at("t"), "n");  // a string (shared or inline), never a date serial number
  EXPECT_EQ(arm.at("value"), "3-6");
  const auto expect_number = [&](std::size_t r, std::size_t c, const std::string& value,
                                 const std::string& fmt) {
    const auto cell = cell_at(sheet, r, c);
    ASSERT_FALSE(cell.is_null()) << testing::cell_ref(r, c);
    EXPECT_EQ(cell.at("t"), "n") << testing::cell_ref(r, c);
    EXPECT_DOUBLE_EQ(std::stod(cell.at("value").get<std::string>()), std::stod(value))
        << testing::cell_ref(r, c);
    EXPECT_EQ(cell.at("format"), fmt) << testing::cell_ref(r, c);
  };
  expect_number(1, 1, "1200", "#,##0");
  expect_number(1, 2, "152345.25", "#,##0");
  expect_number(1, 3, "0.4375", "0.0%");
  expect_number(1, 4, "12.25", "0.0");
  expect_number(2, 1, "-3", "#,##0");
  expect_number(2, 5, "7", "General");
  // NaN and an empty cell stay blank; an infinity is the CSV's text.
  EXPECT_TRUE(cell_at(sheet, 1, 5).is_null());
  EXPECT_TRUE(cell_at(sheet, 2, 3).is_null());
  EXPECT_EQ(cell_at(sheet, 2, 4).at("value"), "inf");
  EXPECT_NE(cell_at(sheet, 2, 4).at("t"), "n");
  EXPECT_EQ(sheet.at("frozen"), "A2");
  EXPECT_EQ(sheet.at("pane_state"), "frozen");
  EXPECT_EQ(sheet.at("autofilter"), "A1:F3");
  // Widths follow the content: "company_first" is wider than "arm", and no column is wider than the cap.
  ASSERT_EQ(sheet.at("widths").size(), 6u);
  EXPECT_GT(sheet.at("widths")[0].get<double>(), 13.0);
  for (const auto& w : sheet.at("widths")) EXPECT_LT(w.get<double>(), 52.0);
}

TEST(XlsxWorkbook, ColumnWidthsAreCapped) {
  Table table({{"long"}, {"longer"}, {"short"}});
  table.add_text(std::string(60, 'x'));
  table.add_text(std::string(500, 'x'));
  table.add_text("abc");
  table.end_row();
  const auto book = dump_xlsx_bytes(xlsx_bytes({{"notes", &table}}));
  const auto& widths = sheet_of(book, "notes").at("widths");
  EXPECT_EQ(widths[0], widths[1]);
  EXPECT_LT(widths[0].get<double>(), 52.0);
  EXPECT_LT(widths[2].get<double>(), 12.0);
}

TEST(XlsxWorkbook, SameTablesGiveTheSameBytesWhateverTheClockAndZone) {
  const Table table = mixed_table();
  const std::string first = xlsx_bytes({{"data", &table}});
  const char* old_zone = std::getenv("TZ");
  const std::string saved = old_zone == nullptr ? "" : old_zone;
  ::setenv("TZ", "Pacific/Kiritimati", 1);
  ::tzset();
  // Bytes must not depend on the time, so wait past a second (zip entries hold
  // times to two seconds).
  ::sleep(2);
  const std::string second = xlsx_bytes({{"data", &table}});
  if (old_zone == nullptr) {
    ::unsetenv("TZ");
  } else {
    ::setenv("TZ", saved.c_str(), 1);
  }
  ::tzset();
  EXPECT_EQ(first, second);
  EXPECT_EQ(dump_xlsx_bytes(first).at("created"), "2000-01-01T00:00:00Z");
}

TEST(XlsxWorkbook, ATableThatDoesNotFitIsAnInternalError) {
  Table long_text({{"note"}});
  long_text.add_text(std::string(k_excel_max_text + 1, 'x'));
  long_text.end_row();
  try {
    xlsx_bytes({{"notes", &long_text}});
    FAIL() << "expected an internal error";
  } catch (const InternalError& e) {
    EXPECT_NE(std::string(e.what()).find("sheet 'notes' has a text of more than 32767 characters"),
              std::string::npos)
        << e.what();
  }
  Table wide(std::vector<TableColumn>(k_excel_max_columns + 1, TableColumn{"c"}));
  try {
    xlsx_bytes({{"wide", &wide}});
    FAIL() << "expected an internal error";
  } catch (const InternalError& e) {
    EXPECT_NE(
        std::string(e.what()).find("sheet 'wide' has 0 rows and 16385 columns, more than a worksheet holds"),
        std::string::npos)
        << e.what();
  }
}

// The temporary folder comes from TMPDIR; each way it can fail names results.xlsx and
// says how to get past it.
class ScopedTmpdir {
 public:
  explicit ScopedTmpdir(const std::string& value) {
    const char* old = std::getenv("TMPDIR");
    had_ = old != nullptr;
    if (had_) old_ = old;
    ::setenv("TMPDIR", value.c_str(), 1);
  }
  ~ScopedTmpdir() {
    if (had_) {
      ::setenv("TMPDIR", old_.c_str(), 1);
    } else {
      ::unsetenv("TMPDIR");
    }
  }
  ScopedTmpdir(const ScopedTmpdir&) = delete;
  ScopedTmpdir& operator=(const ScopedTmpdir&) = delete;

 private:
  bool had_ = false;
  std::string old_;
};

std::string workbook_error(const std::string& tmpdir) {
  const ScopedTmpdir scoped(tmpdir);
  const Table table = mixed_table();
  try {
    xlsx_bytes({{"data", &table}});
  } catch (const InputError& e) {
    return e.what();
  }
  return "no error";
}

TEST(XlsxWorkbook, NoTemporaryFolderIsAnInputError) {
  const std::string message = workbook_error("/nonexistent/integrasim-tmp");
  EXPECT_EQ(message.rfind("results.xlsx: cannot be written: no temporary folder: ", 0), 0u) << message;
  EXPECT_NE(
      message.find("(set TMPDIR to a folder with room for it, or leave the workbook out with --no-xlsx)"),
      std::string::npos)
      << message;
}

TEST(XlsxWorkbook, AFolderThatTakesNoFilesIsAnInputError) {
  // /proc is a folder, but no file can be created in it (not even by root).
  const std::string message = workbook_error("/proc");
  EXPECT_EQ(message.rfind("results.xlsx: cannot be written: cannot create a temporary file in /proc: ", 0),
            0u)
      << message;
}

// The check after libxlsxwriter: a complete workbook passes, and each way of being cut
// short is named.
TEST(XlsxWorkbook, AnIncompleteWorkbookIsNamedAsSuch) {
  const Table table = mixed_table();
  const std::string bytes = xlsx_bytes({{"data", &table}});
  EXPECT_EQ(workbook_problem(bytes, {3}), "");
  EXPECT_EQ(workbook_problem(bytes, {4}), "xl/worksheets/sheet1.xml lacks its last rows");
  EXPECT_EQ(workbook_problem(bytes, {3, 2}), "worksheets are missing");
  EXPECT_EQ(workbook_problem(bytes.substr(0, bytes.size() - 1), {3}), "no end of the zip directory");
  EXPECT_EQ(workbook_problem("PK", {3}), "not a zip archive of a size it can have");
  // A flipped byte inside the first entry's data fails its CRC-32 or its decompression.
  std::string damaged = bytes;
  damaged[60] = static_cast<char>(damaged[60] ^ 0x55);
  EXPECT_EQ(workbook_problem(damaged, {3}).rfind("a damaged entry ", 0), 0u)
      << workbook_problem(damaged, {3});
  // A directory that points past the end.
  std::string pointless = bytes;
  const std::size_t directory = pointless.size() - 22 + 16;
  for (int i = 0; i < 4; ++i) pointless[directory + static_cast<std::size_t>(i)] = '\x7f';
  EXPECT_EQ(workbook_problem(pointless, {3}), "a damaged zip directory");
}

// --- the run's workbook ---

Results small_results() {
  Results r;
  r.arms = {{"3-6", "policy"}, {"business_as_usual", "comparator"}};
  r.comparator_arm = 1;
  r.subgroups = {{"all", "all"}, {"female", "sex"}};
  r.metrics = {{"months_on_benefit", "months per person"},
               {"cost_programmes_dkk", "DKK per person"},
               {"employment_rate_m12", "share"}};
  r.summary = {
      {0,
       0,
       1000,
       {{30.5, 0.25}, {14000.5, 50.25}, {0.4, 0.01}},
       {{-2.5, 0.125}, {1000.0, 12.5}, {0.05, 0.002}},
       {{-5.0, 0.25}, {1500.0, 20.0}}},
      {0,
       1,
       480,
       {{31.25, 0.375}, {13000.0, 60.0}, {0.3, 0.02}},
       {{-3.75, 0.1875}, {900.0, 15.0}, {nan, nan}},
       {{nan, nan}, {nan, nan}}},
      {1, 0, 1000, {{33.0, 0.25}, {13000.5, 40.0}, {0.35, 0.01}}, {}, {}},
      {1, 1, 480, {{35.0, 0.375}, {12100.0, 45.0}, {0.25, 0.02}}, {}, {}},
  };
  for (int arm = 0; arm < 2; ++arm)
    for (int month = 1; month <= 3; ++month) {
      r.monthly.push_back({arm, 0, month, "state", "on_benefit", {1.0 - 0.1 * month, 0.01}});
      r.monthly.push_back({arm, 0, month, "programme", "mentor", {0.05 * month, 0.001 * month}});
    }
  r.effects = {
      {0, 0, "months_on_benefit", "months per person", "lock_in", {1.5, 0.25}},
      {0, 0, "employment_rate_m12", "percentage points", "net", {-0.03, 1.5e-05}},
  };
  r.persons = 1000;
  r.horizon_months = 3;
  return r;
}

Manifest small_manifest() {
  Manifest m;
  m.scenario_name = "small";
  m.description = "A test of the workbook";
  m.seed = 18446744073709551615ull;  // past 2^53: must stay exact
  m.persons = 1000;
  m.horizon_months = 3;
  m.version = "9.9.9";
  m.git_revision = "abc123";
  return m;
}

const OutputFile& file_named(const std::vector<OutputFile>& files, const std::string& name) {
  for (const OutputFile& f : files)
    if (f.name == name) return f;
  throw std::runtime_error("no file " + name);
}

std::string read_me_value(const nlohmann::json& book, const std::string& item) {
  const auto rows = sheet_texts(sheet_of(book, "read_me"), 2);
  for (const auto& row : rows)
    if (row[0] == item) return row[1];
  return "<no item " + item + ">";
}

TEST(ResultsWorkbook, SheetsEqualTheCsvFilesCellByCell) {
  const Results results = small_results();
  const Parameters parameters{testing::tiny_catalogue(), {}};
  const auto files = run_result_files({&results, &parameters, nullptr, nullptr}, small_manifest(), {});
  const auto book = dump_xlsx_bytes(file_named(files, "results.xlsx").content);
  std::vector<std::string> names;
  for (const auto& s : book.at("sheets")) names.push_back(s.at("name"));
  EXPECT_EQ(names, (std::vector<std::string>{"read_me", "summary", "effects", "monthly", "parameters"}));
  for (const char* name : {"summary", "effects", "monthly"}) {
    const auto csv = testing::parse_csv(file_named(files, std::string(name) + ".csv").content);
    const auto sheet = sheet_texts(sheet_of(book, name), csv.front().size());
    const auto cells = testing::cells_by_ref(sheet_of(book, name));
    ASSERT_EQ(sheet.size(), csv.size()) << name;
    for (std::size_t r = 0; r < csv.size(); ++r) {
      for (std::size_t c = 0; c < csv[r].size(); ++c) {
        const std::string& want = csv[r][c];
        const auto found = cells.find(testing::cell_ref(r, c));
        const nlohmann::json cell = found == cells.end() ? nlohmann::json(nullptr) : found->second;
        if (want.empty()) {
          EXPECT_TRUE(cell.is_null()) << name << " " << testing::cell_ref(r, c);
          continue;
        }
        char* end = nullptr;
        const double number = std::strtod(want.c_str(), &end);
        const bool numeric = r > 0 && end != want.c_str() && *end == '\0';
        EXPECT_EQ(cell.at("t") == "n", numeric) << name << " " << testing::cell_ref(r, c) << " " << want;
        if (numeric) {
          // libxlsxwriter writes 16 significant digits ("%.16G").
          EXPECT_NEAR(std::stod(sheet[r][c]), number, sixteen_digit_unit(number)) << name << " " << want;
        } else {
          EXPECT_EQ(sheet[r][c], want) << name;
        }
      }
    }
  }
  EXPECT_EQ(cell_at(sheet_of(book, "summary"), 1, 0).at("value"), "3-6");
  EXPECT_EQ(read_me_value(book, "seed"), "18446744073709551615");
  EXPECT_EQ(read_me_value(book, "description"), "A test of the workbook");
  EXPECT_EQ(read_me_value(book, "unit of cost_programmes_dkk"), "DKK per person");
  EXPECT_NE(read_me_value(book, "sheet monthly").find("monthly.csv"), std::string::npos);
  // Formats by metric unit: months 0.0, DKK #,##0, shares 0.0%, SE columns like their values.
  const auto& summary = sheet_of(book, "summary");
  EXPECT_EQ(cell_at(summary, 1, 4).at("format"), "#,##0");  // persons
  EXPECT_EQ(cell_at(summary, 1, 5).at("format"), "0.0");
  EXPECT_EQ(cell_at(summary, 1, 6).at("format"), "0.0");
  EXPECT_EQ(cell_at(summary, 1, 7).at("format"), "#,##0");
  EXPECT_EQ(cell_at(summary, 1, 8).at("format"), "#,##0");
  EXPECT_EQ(cell_at(summary, 1, 9).at("format"), "0.0%");
  EXPECT_EQ(cell_at(summary, 1, 10).at("format"), "0.0%");
  for (const char* f : {"#,##0", "0.0%", "0.0"})
    EXPECT_NE(std::find(book.at("formats").begin(), book.at("formats").end(), f), book.at("formats").end())
        << f;
  const auto& parameters_sheet = sheet_of(book, "parameters");
  EXPECT_EQ(cell_at(parameters_sheet, 0, 7).at("value"), "source");
}

TEST(ResultsWorkbook, MonthlyTurnsWideWhenTheLongTablePassesTheRowLimit) {
  const Results results = small_results();
  const Parameters parameters{testing::tiny_catalogue(), {}};
  ResultFileOptions options;
  options.max_rows = 12;  // monthly has 12 rows and a header
  const auto files = run_result_files({&results, &parameters, nullptr, nullptr}, small_manifest(), options);
  // monthly.csv stays long.
  EXPECT_EQ(file_named(files, "monthly.csv").content, monthly_csv(results, CsvDialect::standard));
  const auto book = dump_xlsx_bytes(file_named(files, "results.xlsx").content);
  const auto wide = sheet_texts(sheet_of(book, "monthly"), 8);
  ASSERT_EQ(wide.size(), 1u + 2 * 2 * 2);  // header + 2 arms x 2 series x (share, se)
  EXPECT_EQ(wide[0],
            (std::vector<std::string>{"arm", "subgroup", "kind", "name", "measure", "m1", "m2", "m3"}));
  // Every long row's share and SE is in the wide sheet at its month.
  for (const MonthlyRow& row : results.monthly) {
    bool found = false;
    for (std::size_t r = 1; r < wide.size(); r += 2) {
      if (wide[r][0] != results.arms[static_cast<std::size_t>(row.arm)].name || wide[r][3] != row.name)
        continue;
      found = true;
      EXPECT_EQ(wide[r][4], "share");
      EXPECT_EQ(wide[r + 1][4], "se");
      const auto column = static_cast<std::size_t>(4 + row.month);
      EXPECT_DOUBLE_EQ(std::stod(wide[r][column]), row.share.value);
      EXPECT_DOUBLE_EQ(std::stod(wide[r + 1][column]), row.share.se);
    }
    EXPECT_TRUE(found) << row.name;
  }
  EXPECT_NE(read_me_value(book, "sheet monthly")
                .find("monthly.csv has 12 rows, more than a worksheet holds, so "
                      "this sheet is wide"),
            std::string::npos);
  EXPECT_EQ(cell_at(sheet_of(book, "monthly"), 1, 5).at("format"), "0.0%");
  // The console says so, naming where the wide form is, or how to get it.
  EXPECT_EQ(
      excel_row_warning(results, options),
      "warning: monthly.csv has 13 lines, more than Excel's limit of 12 rows: Excel would cut it off. The "
      "monthly sheet of results.xlsx holds the same numbers in wide form (one column per month).\n");
  options.workbook = false;
  EXPECT_EQ(
      excel_row_warning(results, options),
      "warning: monthly.csv has 13 lines, more than Excel's limit of 12 rows: Excel would cut it off. Run "
      "without --no-xlsx for results.xlsx, whose monthly sheet holds them in wide form.\n");
  options.max_rows = 13;
  EXPECT_EQ(excel_row_warning(results, options), "");
  EXPECT_EQ(excel_row_warning(results, ResultFileOptions{}), "");
}

TEST(ResultsWorkbook, ASheetPastTheRowLimitIsLeftOutAndReadMeSaysSo) {
  Table big({{"x"}});
  for (int i = 0; i < 5; ++i) {
    big.add_integer(i);
    big.end_row();
  }
  WorkbookContents contents;
  contents.sheets.push_back({"draws", "every draw", std::move(big)});
  const auto book = dump_xlsx_bytes(results_workbook(small_manifest(), std::move(contents), 5));
  EXPECT_EQ(book.at("sheets").size(), 1u);
  EXPECT_EQ(
      read_me_value(book, "sheet draws"),
      "left out: 5 rows, more than a worksheet holds (5 with the header); the CSV file of the same name "
      "has them. It would hold every draw");
}

TEST(ResultsWorkbook, NoXlsxWritesNoWorkbook) {
  const Results results = small_results();
  const Parameters parameters{testing::tiny_catalogue(), {}};
  ResultFileOptions options;
  options.workbook = false;
  const auto files = run_result_files({&results, &parameters, nullptr, nullptr}, small_manifest(), options);
  for (const OutputFile& f : files) EXPECT_NE(f.name, "results.xlsx");
  EXPECT_EQ(files.size(), 3u);
}

TEST(ResultsWorkbook, ALongDescriptionIsCutAtTheCellLimit) {
  Manifest m = small_manifest();
  m.description = std::string(40000, 'd');
  const auto book = dump_xlsx_bytes(results_workbook(m, {}));
  const std::string shown = read_me_value(book, "description");
  EXPECT_LE(shown.size(), k_excel_max_text);
  EXPECT_NE(shown.find("cut at Excel's limit of a cell; the whole text is in manifest.json"),
            std::string::npos);
}

}  // namespace
}  // namespace integrasim
