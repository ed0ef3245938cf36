// Whether a workbook libxlsxwriter wrote is complete. libxlsxwriter assembles every part
// of the file in temporary files without checking those writes, so a full temporary
// folder could cut a part short without an error.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace integrasim {

struct ZipEntry {
  std::string name;     // path inside the archive, e.g. "xl/worksheets/sheet1.xml"
  std::string content;  // decompressed bytes
};

// Every entry of the central directory, or nothing with `problem` set when the archive is
// not a well-formed zip of stored or deflated entries whose CRC-32 match.
std::optional<std::vector<ZipEntry>> zip_entries(std::string_view archive, std::string& problem);

// "" for a complete workbook: a zip whose every part decompresses (CRC-32 checked) to XML
// ending in a closing tag, with one worksheet per entry of `last_rows` that reaches that
// row (1-based, the last with a cell). Otherwise what is wrong, e.g.
// "xl/worksheets/sheet2.xml lacks its last rows".
std::string workbook_problem(std::string_view workbook, const std::vector<std::size_t>& last_rows);

}  // namespace integrasim
