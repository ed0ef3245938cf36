// Tables (io/table.h) as the bytes of one .xlsx workbook, one worksheet each, written
// with libxlsxwriter: numbers as numeric cells with a number format by column unit
// (DKK and counts #,##0, shares 0.0%, months 0.0), text as string cells (so "3-6" never
// becomes a date), empty cells blank, the header row bold and frozen, an autofilter over
// the table, and column widths from the content.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "io/table.h"

namespace integrasim {

inline constexpr std::size_t k_excel_max_rows = 1'048'576;  // rows of a worksheet, header included
inline constexpr std::size_t k_excel_max_columns = 16'384;
inline constexpr std::size_t k_excel_max_text = 32'767;  // characters in one cell

struct XlsxSheet {
  std::string name;             // worksheet name, at most 31 characters
  const Table* table{nullptr};  // not owned; must outlive the call
};

// The workbook's bytes; the same sheets give the same bytes (the creation time in the
// document properties is fixed). A table that does not fit a worksheet (rows, columns,
// text length) is an internal error: the caller decides what goes into the workbook.
// The file is assembled in an unnamed temporary file in the system's temporary folder
// (TMPDIR), so a kill leaves nothing behind; an InputError "results.xlsx: ..." says so
// when that folder cannot take it.
std::string xlsx_bytes(const std::vector<XlsxSheet>& sheets);

}  // namespace integrasim
