#include "io/xlsx_workbook.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <new>
#include <system_error>
#include <variant>

#include <xlsxwriter.h>

#include "core/diagnostics.h"
#include "io/xlsx_check.h"

namespace integrasim {

namespace {

// Document properties default to the current time; a fixed one keeps the bytes a
// function of the results alone, so a scenario run twice with one seed gives the same
// file (manifest.json records when it ran). 2000-01-01T00:00:00Z.
constexpr std::time_t k_fixed_creation_time = 946'684'800;
constexpr double k_max_column_width =
    50.0;  // characters; longer texts are cut off on screen, not in the cell
constexpr std::size_t k_widest_general = 11;  // characters Excel shows of a number in the General format

[[noreturn]] void fail_workbook(const std::string& reason) {
  std::string message = "results.xlsx: cannot be written: ";
  message.append(reason).append(
      " (set TMPDIR to a folder with room for it, or leave the workbook out with --no-xlsx)");
  throw InputError(message);
}

// An unnamed file: open(O_TMPFILE) where the file system has it, else a private
// mkstemp file unlinked at once. libxlsxwriter opens files by name, so it is handed
// /proc/self/fd/N, which reaches the open file without a name in any folder.
class UnnamedFile {
 public:
  UnnamedFile() {
    std::error_code error;
    const std::filesystem::path folder = std::filesystem::temp_directory_path(error);
    if (error) fail_workbook("no temporary folder: " + error.message());
    folder_ = folder.string();
    fd_ = ::open(folder_.c_str(), O_TMPFILE | O_RDWR | O_CLOEXEC, S_IRUSR | S_IWUSR);
    if (fd_ < 0) {
      std::string name = (folder / "integrasim-xlsx-XXXXXX").string();
      fd_ = ::mkostemp(name.data(), O_CLOEXEC);
      if (fd_ < 0)
        fail_workbook("cannot create a temporary file in " + folder_ + ": " + std::strerror(errno));
      ::unlink(name.c_str());
    }
  }
  UnnamedFile(const UnnamedFile&) = delete;
  UnnamedFile& operator=(const UnnamedFile&) = delete;
  ~UnnamedFile() { ::close(fd_); }

  std::string path() const { return "/proc/self/fd/" + std::to_string(fd_); }
  const std::string& folder() const { return folder_; }

  std::string bytes() const {
    struct stat info {};
    if (::fstat(fd_, &info) != 0) fail_workbook(std::string("cannot read it back: ") + std::strerror(errno));
    std::string out(static_cast<std::size_t>(info.st_size), '\0');
    std::size_t done = 0;
    while (done < out.size()) {
      const ssize_t n = ::pread(fd_, out.data() + done, out.size() - done, static_cast<off_t>(done));
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) fail_workbook(std::string("cannot read it back: ") + std::strerror(errno));
      done += static_cast<std::size_t>(n);
    }
    return out;
  }

 private:
  std::string folder_;
  int fd_ = -1;
};

// Frees the workbook if it was not closed (an error on the way); workbook_close frees it.
struct WorkbookCloser {
  lxw_workbook* workbook = nullptr;
  ~WorkbookCloser() {
    if (workbook != nullptr) lxw_workbook_free(workbook);
  }
};

std::size_t characters(std::string_view text) {
  return static_cast<std::size_t>(std::count_if(
      text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

// Characters `value` takes on screen in its number format, for the column width.
std::size_t shown_width(double value, ColumnUnit unit) {
  const double size = std::fabs(value);
  const std::size_t sign = value < 0 ? 1 : 0;
  const auto digits = [](double x) {
    return x < 10.0 ? std::size_t{1} : static_cast<std::size_t>(std::floor(std::log10(x))) + 1;
  };
  switch (unit) {
    case ColumnUnit::count:
    case ColumnUnit::dkk: {
      const std::size_t d = digits(std::round(size));
      return sign + d + (d - 1) / 3;
    }
    case ColumnUnit::share:
      return sign + digits(size * 100.0) + 3;  // "12.3%"
    case ColumnUnit::months:
      return sign + digits(size) + 2;  // "12.3"
    case ColumnUnit::none:
      break;
  }
  std::array<char, 64> buffer{};
  const auto result = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value);
  return std::min(static_cast<std::size_t>(result.ptr - buffer.data()), k_widest_general);
}

class WorkbookWriter {
 public:
  explicit WorkbookWriter(lxw_workbook* workbook) : workbook_(workbook) {
    header_ = workbook_add_format(workbook_);
    format_set_bold(header_);
    const auto number_format = [this](const char* pattern) {
      lxw_format* f = workbook_add_format(workbook_);
      format_set_num_format(f, pattern);
      return f;
    };
    formats_[static_cast<std::size_t>(ColumnUnit::count)] = number_format("#,##0");
    formats_[static_cast<std::size_t>(ColumnUnit::dkk)] = number_format("#,##0");
    formats_[static_cast<std::size_t>(ColumnUnit::share)] = number_format("0.0%");
    formats_[static_cast<std::size_t>(ColumnUnit::months)] = number_format("0.0");
  }

  void add(const XlsxSheet& sheet) {
    const Table& table = *sheet.table;
    const std::vector<TableColumn>& columns = table.columns();
    if (table.rows() + 1 > k_excel_max_rows || columns.size() > k_excel_max_columns)
      fail_internal("sheet '" + sheet.name + "' has " + std::to_string(table.rows()) + " rows and " +
                    std::to_string(columns.size()) + " columns, more than a worksheet holds");
    lxw_worksheet* ws = workbook_add_worksheet(workbook_, sheet.name.c_str());
    if (ws == nullptr) fail_internal("libxlsxwriter refused the sheet name '" + sheet.name + "'");
    const auto last_row = static_cast<lxw_row_t>(table.rows());
    const auto last_column = static_cast<lxw_col_t>(columns.size() - 1);
    // Column settings come before the cells: libxlsxwriter's constant-memory mode writes
    // each row out as soon as the next one starts.
    const std::vector<double> widths = column_widths(table);
    for (std::size_t c = 0; c < columns.size(); ++c)
      check(
          worksheet_set_column(ws, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c), widths[c], nullptr),
          sheet.name);
    worksheet_freeze_panes(ws, 1, 0);
    check(worksheet_autofilter(ws, 0, 0, last_row, last_column), sheet.name);
    for (std::size_t c = 0; c < columns.size(); ++c)
      write_text(ws, 0, c, columns[c].name, header_, sheet.name);
    std::size_t last_row_written = 1;  // 1-based, as in the sheet's XML; the header
    for (std::size_t r = 0; r < table.rows(); ++r) {
      const auto row = static_cast<lxw_row_t>(r + 1);
      for (std::size_t c = 0; c < columns.size(); ++c)
        if (!std::holds_alternative<EmptyCell>(table.cell(r, c))) last_row_written = r + 2;
      for (std::size_t c = 0; c < columns.size(); ++c) {
        lxw_format* format = formats_[static_cast<std::size_t>(columns[c].unit)];
        const TableCell& cell = table.cell(r, c);
        if (const auto* number = std::get_if<double>(&cell)) {
          write_number(ws, row, c, *number, format, sheet.name);
        } else if (const auto* integer = std::get_if<std::int64_t>(&cell)) {
          write_number(ws, row, c, static_cast<double>(*integer), format, sheet.name);
        } else if (const auto* text = std::get_if<TextCell>(&cell)) {
          write_text(ws, row, c, table.text(*text), nullptr, sheet.name);
        }
      }
    }
    last_rows_.push_back(last_row_written);
    // Rows go to a temporary file as they are written, and libxlsxwriter does not check
    // those writes; a full temporary folder shows here.
    if (ws->optimize_tmpfile != nullptr &&
        (std::fflush(ws->optimize_tmpfile) != 0 || std::ferror(ws->optimize_tmpfile) != 0))
      fail_workbook("a temporary file could not be written");
  }

  // Each sheet's last row that has a cell, 1-based, in the order of the sheets.
  const std::vector<std::size_t>& last_rows() const { return last_rows_; }

 private:
  static void check(lxw_error error, const std::string& sheet) {
    if (error != LXW_NO_ERROR)
      fail_internal("libxlsxwriter, sheet '" + sheet + "': " + std::string(lxw_strerror(error)));
  }

  static void write_text(lxw_worksheet* ws, lxw_row_t row, std::size_t column, const std::string& text,
                         lxw_format* format, const std::string& sheet) {
    if (characters(text) > k_excel_max_text)
      fail_internal("sheet '" + sheet + "' has a text of more than " + std::to_string(k_excel_max_text) +
                    " characters");
    check(worksheet_write_string(ws, row, static_cast<lxw_col_t>(column), text.c_str(), format), sheet);
  }

  // A cell holds no infinity; it is written as the text the CSV file has.
  static void write_number(lxw_worksheet* ws, lxw_row_t row, std::size_t column, double value,
                           lxw_format* format, const std::string& sheet) {
    if (std::isinf(value)) {
      write_text(ws, row, column, value > 0 ? "inf" : "-inf", nullptr, sheet);
      return;
    }
    check(worksheet_write_number(ws, row, static_cast<lxw_col_t>(column), value, format), sheet);
  }

  static std::vector<double> column_widths(const Table& table) {
    const std::vector<TableColumn>& columns = table.columns();
    std::vector<std::size_t> widest(columns.size());
    // The header is bold and carries the filter button, hence the two extra characters.
    for (std::size_t c = 0; c < columns.size(); ++c) widest[c] = characters(columns[c].name) + 2;
    for (std::size_t r = 0; r < table.rows(); ++r) {
      for (std::size_t c = 0; c < columns.size(); ++c) {
        const TableCell& cell = table.cell(r, c);
        std::size_t width = 0;
        if (const auto* number = std::get_if<double>(&cell)) {
          width = shown_width(*number, columns[c].unit);
        } else if (const auto* integer = std::get_if<std::int64_t>(&cell)) {
          width = shown_width(static_cast<double>(*integer), columns[c].unit);
        } else if (const auto* text = std::get_if<TextCell>(&cell)) {
          width = characters(table.text(*text));
        }
        widest[c] = std::max(widest[c], width);
      }
    }
    std::vector<double> widths;
    for (const std::size_t w : widest)
      widths.push_back(std::min(k_max_column_width, static_cast<double>(w) + 1.0));
    return widths;
  }

  lxw_workbook* workbook_;
  std::vector<std::size_t> last_rows_;
  lxw_format* header_ = nullptr;
  std::array<lxw_format*, 5> formats_{};  // by ColumnUnit; none = the General format
};

}  // namespace

std::string xlsx_bytes(const std::vector<XlsxSheet>& sheets) {
  const UnnamedFile file;
  // Constant memory: each row goes to a temporary file (also unnamed) as it is written,
  // so a sheet of a million rows does not sit in memory a second time.
  std::string tmpdir = file.folder();
  lxw_workbook_options options{};
  options.constant_memory = LXW_TRUE;
  options.tmpdir = tmpdir.data();
  options.use_zip64 = LXW_FALSE;
  const std::string path = file.path();
  WorkbookCloser closer{workbook_new_opt(path.c_str(), &options)};
  if (closer.workbook == nullptr) throw std::bad_alloc();  // its only way to fail
  lxw_doc_properties properties{};
  properties.created = k_fixed_creation_time;
  if (workbook_set_properties(closer.workbook, &properties) != LXW_NO_ERROR)
    fail_internal("libxlsxwriter refused the document properties");
  WorkbookWriter writer(closer.workbook);
  for (const XlsxSheet& sheet : sheets) writer.add(sheet);
  const lxw_error error = workbook_close(closer.workbook);
  closer.workbook = nullptr;  // freed by workbook_close, also on error
  if (error != LXW_NO_ERROR) fail_workbook(lxw_strerror(error));
  std::string bytes = file.bytes();
  // libxlsxwriter does not check its writes to the temporary files it builds the parts in.
  const std::string problem = workbook_problem(bytes, writer.last_rows());
  if (!problem.empty()) fail_workbook("it came out incomplete: " + problem);
  return bytes;
}

}  // namespace integrasim
