#include "io/xlsx_check.h"

#include <zlib.h>

#include <cstdint>
#include <limits>

namespace integrasim {

namespace {

constexpr std::uint32_t k_end_signature = 0x06054b50;      // end of central directory
constexpr std::uint32_t k_central_signature = 0x02014b50;  // central directory entry
constexpr std::uint32_t k_local_signature = 0x04034b50;    // local file header
constexpr std::size_t k_end_size = 22;                     // end record without a comment
constexpr std::size_t k_central_size = 46;                 // central entry before its name
constexpr std::size_t k_local_size = 30;                   // local header before its name

// Little-endian fields, read only after the caller checked the range.
std::uint32_t u16(std::string_view s, std::size_t at) {
  return static_cast<std::uint32_t>(static_cast<unsigned char>(s[at])) |
         static_cast<std::uint32_t>(static_cast<unsigned char>(s[at + 1])) << 8u;
}
std::uint32_t u32(std::string_view s, std::size_t at) {
  return u16(s, at) | u16(s, at + 2) << 16u;
}

bool inflate_raw(std::string_view compressed, std::size_t size, std::string& out) {
  out.assign(size, '\0');
  z_stream stream{};
  if (inflateInit2(&stream, -MAX_WBITS) != Z_OK) return false;
  // zlib's interface takes non-const pointers; it does not write to the input.
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(compressed.data()));
  stream.avail_in = static_cast<uInt>(compressed.size());
  stream.next_out = reinterpret_cast<Bytef*>(out.data());
  stream.avail_out = static_cast<uInt>(out.size());
  const int status = inflate(&stream, Z_FINISH);
  const bool complete = status == Z_STREAM_END && stream.total_out == size;
  inflateEnd(&stream);
  return complete;
}

}  // namespace

std::optional<std::vector<ZipEntry>> zip_entries(std::string_view archive, std::string& problem) {
  // An archive over 4 GB would need ZIP64 records, which the workbook never uses.
  if (archive.size() < k_end_size || archive.size() > std::numeric_limits<std::uint32_t>::max()) {
    problem = "not a zip archive of a size it can have";
    return std::nullopt;
  }
  const std::size_t end = archive.size() - k_end_size;
  if (u32(archive, end) != k_end_signature) {
    problem = "no end of the zip directory";
    return std::nullopt;
  }
  const std::size_t count = u16(archive, end + 10);
  std::size_t at = u32(archive, end + 16);
  std::vector<ZipEntry> entries;
  for (std::size_t i = 0; i < count; ++i) {
    if (at + k_central_size > end || u32(archive, at) != k_central_signature) {
      problem = "a damaged zip directory";
      return std::nullopt;
    }
    const std::uint32_t method = u16(archive, at + 10);
    const std::uint32_t crc = u32(archive, at + 16);
    const std::size_t compressed = u32(archive, at + 20);
    const std::size_t size = u32(archive, at + 24);
    const std::size_t name_size = u16(archive, at + 28);
    const std::size_t skip = name_size + u16(archive, at + 30) + u16(archive, at + 32);
    const std::size_t local = u32(archive, at + 42);
    if (at + k_central_size + name_size > end) {
      problem = "a damaged zip directory";
      return std::nullopt;
    }
    ZipEntry entry{std::string(archive.substr(at + k_central_size, name_size)), {}};
    at += k_central_size + skip;
    if (local + k_local_size > end || u32(archive, local) != k_local_signature) {
      problem = "a damaged entry " + entry.name;
      return std::nullopt;
    }
    const std::size_t data = local + k_local_size + u16(archive, local + 26) + u16(archive, local + 28);
    if (data + compressed > end) {
      problem = "a cut-off entry " + entry.name;
      return std::nullopt;
    }
    const std::string_view bytes = archive.substr(data, compressed);
    bool ok = false;
    if (method == 0) {
      entry.content = std::string(bytes);
      ok = compressed == size;
    } else if (method == Z_DEFLATED) {
      ok = inflate_raw(bytes, size, entry.content);
    }
    if (!ok || crc32(0L, reinterpret_cast<const Bytef*>(entry.content.data()),
                     static_cast<uInt>(entry.content.size())) != crc) {
      problem = "a damaged entry " + entry.name;
      return std::nullopt;
    }
    entries.push_back(std::move(entry));
  }
  return entries;
}

std::string workbook_problem(std::string_view workbook, const std::vector<std::size_t>& last_rows) {
  std::string problem;
  const auto entries = zip_entries(workbook, problem);
  if (!entries) return problem;
  std::size_t sheets = 0;
  for (const ZipEntry& entry : *entries) {
    std::string_view text = entry.content;
    while (!text.empty() && (text.back() == '\n' || text.back() == '\r' || text.back() == ' '))
      text.remove_suffix(1);
    if (text.empty() || text.back() != '>') return entry.name + " is cut short";
    for (std::size_t i = 0; i < last_rows.size(); ++i) {
      std::string sheet_name = "xl/worksheets/sheet";
      sheet_name.append(std::to_string(i + 1)).append(".xml");
      if (entry.name != sheet_name) continue;
      ++sheets;
      std::string last_row = "<row r=\"";
      last_row.append(std::to_string(last_rows[i])).append("\"");
      if (text.find(last_row) == std::string_view::npos) return entry.name + " lacks its last rows";
    }
  }
  if (sheets != last_rows.size()) return "worksheets are missing";
  return "";
}

}  // namespace integrasim
