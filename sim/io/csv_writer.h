// RFC 4180 CSV text in two dialects: `standard` (comma, decimal point) and `excel_da`
// (semicolon, decimal comma, UTF-8 byte-order mark) for Excel in a Danish locale.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace integrasim {

enum class CsvDialect { standard, excel_da };

class CsvWriter {
 public:
  explicit CsvWriter(CsvDialect dialect);
  // Starts a row (a header or data row); fields are then added in order.
  void add_text(std::string_view text);  // quoted when needed
  void add_number(double value);         // shortest round-trip form, dialect's decimal mark
  void add_integer(long long value);
  void end_row();  // CRLF line ending per RFC 4180
  void header(const std::vector<std::string>& names);
  const std::string& text() const { return text_; }

 private:
  void separator();
  CsvDialect dialect_;
  std::string text_;
  bool row_started_ = false;
};

}  // namespace integrasim
