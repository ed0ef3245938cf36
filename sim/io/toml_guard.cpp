// A lexical pre-scan in front of toml++ 3.3.0 (see toml_guard.h for why).
//
// The scan follows TOML's lexical regions - plain syntax, comments, the four string
// forms, and the number/date/time tokens that toml++ reads ahead through before it
// decides what they are - and tracks just enough structure (open arrays and inline
// tables, whether a value comes next) to know which region it is in. It rejects only
// what toml++ is known to mishandle; everything else is left to toml++, whose messages
// are better than ours for ordinary syntax errors. The rules, each found by
// scripts/fuzz.sh and kept as a crash fixture in tests/fixtures/toml_crashes/:
//
//  1. valid UTF-8 only (so the scan itself sees well-formed code points);
//  2. outside strings and comments only ASCII: toml++ asks its non-ASCII whitespace
//     table about such code points and reaches __builtin_unreachable
//     (non_ascii_after_number, quote_after_digit, quote_inside_number,
//     datetime_space_quote);
//  3. no control characters outside strings except tab and line breaks, none in comments
//     except tab (toml++ rejects them too; checked here so rule 2's scan stays simple);
//  4. a table header name starts with a bare-key character or a quote (header_ampersand);
//  5. no '}' where an array element is expected (array_closing_brace);
//  6. in a number, date or time, a 'T' is followed by a digit (datetime_t_without_time),
//     and a date followed by a space and a digit has a time of at least two characters
//     (date_space_one_digit);
//  7. in a multi-line basic string, no non-ASCII code point right after a backslash or
//     after the whitespace that follows a line-ending backslash (ml_escape_non_ascii,
//     ml_line_continuation_non_ascii);
//  8. toml++ recurses once per dotted-key part, per nested array or inline table, and
//     per level when it destroys the resulting tree; deep enough input (about 230,000
//     parts in Release builds, 30,000 under AddressSanitizer) overflows the stack
//     (dotted_header_deep, dotted_key_deep). So a key or table header has at most
//     k_max_key_parts parts and k_max_key_length characters, and arrays and inline
//     tables nest at most k_max_nesting deep. Together they bound the tree's depth by
//     k_max_key_parts * (k_max_nesting + 2), far from any stack limit.
#include "io/toml_guard.h"

#include <cstdint>
#include <cstdio>

#include "core/diagnostics.h"

namespace integrasim {
namespace {

constexpr char32_t k_invalid = 0xFFFFFFFF;

// Rule 8's bounds, far above what a scenario needs (its longest keys have 5 parts, its
// arrays nest 2 deep) and far below what overflows toml++'s stack.
constexpr std::size_t k_max_key_parts = 32;
constexpr std::size_t k_max_key_length = 1024;  // characters, whitespace around dots included
constexpr std::size_t k_max_nesting = 32;

bool is_ascii_space(char32_t c) {
  return c == U' ' || c == U'\t';
}
bool is_line_space(char32_t c) {
  return is_ascii_space(c) || c == U'\n' || c == U'\r';
}
bool is_bare_key_char(char32_t c) {
  return (c >= U'a' && c <= U'z') || (c >= U'A' && c <= U'Z') || (c >= U'0' && c <= U'9') || c == U'_' ||
         c == U'-';
}
bool is_quote(char32_t c) {
  return c == U'"' || c == U'\'';
}

std::string describe_codepoint(char32_t c) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "U+%04X", static_cast<unsigned>(c));
  return buffer;
}

class Scanner {
 public:
  Scanner(std::string_view text, const std::string& display_name) : text_(text), file_(display_name) {}

  void run() {
    skip_byte_order_mark();
    while (!at_end()) scan_toml_syntax();
  }

 private:
  // --- decoding with positions -------------------------------------------------------

  bool at_end() const { return offset_ >= text_.size(); }

  // The code point at the cursor (without consuming it); rejects invalid UTF-8 so that
  // the rest of the scanner only sees well-formed code points.
  char32_t peek() {
    if (at_end()) return k_invalid;
    std::size_t length = 0;
    return decode(offset_, length);
  }

  char32_t advance() {
    std::size_t length = 0;
    const char32_t c = decode(offset_, length);
    offset_ += length;
    if (c == U'\n') {
      ++line_;
      column_ = 1;
    } else {
      ++column_;  // columns count code points, like toml++
    }
    return c;
  }

  // Decodes one UTF-8 sequence at `at` (RFC 3629: no overlong forms, no surrogates,
  // nothing above U+10FFFF).
  char32_t decode(std::size_t at, std::size_t& length) {
    const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text_[at + i]); };
    const unsigned char lead = byte(0);
    if (lead < 0x80) {
      length = 1;
      return lead;
    }
    char32_t c = 0;
    char32_t minimum = 0;
    if ((lead & 0xE0U) == 0xC0U) {
      length = 2;
      c = lead & 0x1FU;
      minimum = 0x80;
    } else if ((lead & 0xF0U) == 0xE0U) {
      length = 3;
      c = lead & 0x0FU;
      minimum = 0x800;
    } else if ((lead & 0xF8U) == 0xF0U) {
      length = 4;
      c = lead & 0x07U;
      minimum = 0x10000;
    } else {
      fail_utf8(at);
    }
    if (at + length > text_.size()) fail_utf8(at);
    for (std::size_t i = 1; i < length; ++i) {
      if ((byte(i) & 0xC0U) != 0x80U) fail_utf8(at);
      c = (c << 6U) | (byte(i) & 0x3FU);
    }
    if (c < minimum || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) fail_utf8(at);
    return c;
  }

  // --- errors ------------------------------------------------------------------------

  [[noreturn]] void fail(const std::string& message) const { fail_at(column_, message); }

  // Reported at `column` of the current line.
  [[noreturn]] void fail_at(int column, const std::string& message) const {
    fail_input_message(SourcePosition{file_, line_, column}, message);
  }

  // Reported at the cursor (the code point being decoded), naming the offending byte.
  [[noreturn]] void fail_utf8(std::size_t at) const {
    char buffer[8];
    std::snprintf(buffer, sizeof buffer, "0x%02X",
                  static_cast<unsigned>(static_cast<unsigned char>(text_[at])));
    fail(std::string("invalid UTF-8 (byte ") + buffer + "); save the file with UTF-8 encoding");
  }

  // --- the lexical regions -----------------------------------------------------------

  void skip_byte_order_mark() {
    if (text_.substr(0, 3) == "\xEF\xBB\xBF") offset_ = 3;  // toml++ skips it too
  }

  // Plain TOML syntax: keys, values, brackets, whitespace. Consumes one token or one
  // whitespace character, keeping track of whether a value comes next.
  void scan_toml_syntax() {
    const char32_t c = peek();
    reject_outside_strings(c);
    if (c == U'#') return scan_comment();
    if (c == U'\n') {
      advance();
      line_has_content_ = false;
      if (open_brackets_.empty()) start_key();
      return;
    }
    if (is_ascii_space(c) || c == U'\r') {
      advance();
      return;
    }
    if (c == U'[' && open_brackets_.empty() && !line_has_content_) return scan_table_header_start();
    line_has_content_ = true;
    if (expect_value_ && (is_decimal_digit(c) || c == U'+' || c == U'-')) return scan_value_token();
    if (expect_value_ && c == U'}' && in_array()) {
      // toml++ hands this '}' to its value parser, which asserts that it never gets a
      // value terminator (crash fixture array_closing_brace.toml: "a=[},").
      fail("'}' where an array element was expected; close the array with ']'");
    }
    const int column = column_;
    if (is_quote(c)) {
      scan_string();
      note_key_text(column);
      expect_value_ = false;
      return;
    }
    advance();
    track_structure(c, column);
  }

  // Keeps the stack of open arrays / inline tables and whether a value comes next.
  // Also measures the key being read (rule 8): a key starts after a line break, '[',
  // '{' or ',' and ends at '=' or at the ']' of a table header. `column` is where `c` was.
  void track_structure(char32_t c, int column) {
    switch (c) {
      case U'=':
        check_key_length();
        start_key();
        expect_value_ = true;
        break;
      case U'[':
        open(U'[', column);
        expect_value_ = true;
        break;
      case U'{':
        open(U'{', column);
        expect_value_ = false;
        break;
      case U']':
        if (in_header_) check_key_length();
        in_header_ = false;
        [[fallthrough]];
      case U'}':
        if (!open_brackets_.empty()) open_brackets_.pop_back();
        start_key();
        expect_value_ = false;
        break;
      case U',':
        start_key();
        expect_value_ = in_array();
        break;
      case U'.':
        check_key_length();
        if (++key_dots_ + 1 > k_max_key_parts)
          fail_at(column, "a dotted key or table header has more than " + std::to_string(k_max_key_parts) +
                              " parts; use fewer levels");
        note_key_text(column);
        expect_value_ = false;
        break;
      default:
        note_key_text(column);
        expect_value_ = false;
        break;
    }
  }

  void open(char32_t bracket, int column) {
    if (open_brackets_.size() >= k_max_nesting)
      fail_at(column, "arrays and inline tables nest more than " + std::to_string(k_max_nesting) +
                          " deep; use fewer levels");
    open_brackets_.push_back(static_cast<char>(bracket));
    start_key();
  }

  void start_key() {
    key_dots_ = 0;
    key_begin_column_ = 0;
    key_end_column_ = 0;
  }

  // Text from `column` to the cursor belongs to the key being read (if one is).
  void note_key_text(int column) {
    if (key_begin_column_ == 0) key_begin_column_ = column;
    key_end_column_ = column_;
  }

  // The key read so far, from its first to its last non-blank character.
  void check_key_length() const {
    if (key_begin_column_ != 0 && key_end_column_ - key_begin_column_ > static_cast<int>(k_max_key_length))
      fail_at(key_begin_column_, "a key or table header is longer than " + std::to_string(k_max_key_length) +
                                     " characters; use a shorter name");
  }

  bool in_array() const { return !open_brackets_.empty() && open_brackets_.back() == '['; }

  void reject_outside_strings(char32_t c) const {
    if (c >= 0x80) {
      // toml++ classifies such code points with a whitespace table that reaches
      // __builtin_unreachable for most of them (crash fixture non_ascii_after_number.toml).
      fail("character " + describe_codepoint(c) +
           " outside a string or comment; only ASCII is allowed there (put text in quotes)");
    }
    if ((c < 0x20 && c != U'\t' && c != U'\n' && c != U'\r') || c == 0x7F) reject_control(c);
  }

  // A number, date or time. toml++ scans it up to the next value terminator before it
  // decides what it is, and a quote inside it does not start a string (crash fixture
  // quote_inside_number.toml), so the whole token must be plain ASCII.
  void scan_value_token() {
    bool crossed_space = false;
    while (!at_end()) {
      const char32_t c = peek();
      if (c == U' ' && !crossed_space && is_decimal_digit(byte_after())) {
        // "1979-05-27 07:32:00" is one value: after something date-like toml++ reads on
        // past one space if a digit follows, and asserts that the time has a second
        // character (crash fixture date_space_one_digit.toml: "1979-05-27 0 ").
        crossed_space = true;
        advance();
        advance();
        if (at_end() || is_value_terminator(peek()))
          fail("a date and its time must be written like 1979-05-27T07:32:00 or 1979-05-27 07:32:00");
        continue;
      }
      if (is_value_terminator(c)) break;
      reject_outside_strings(c);
      advance();
      // toml++ asserts that a date-time's 'T' is followed by a digit (crash fixture
      // datetime_t_without_time.toml: "3958-05-27Tae").
      if ((c == U'T' || c == U't') && (at_end() || !is_decimal_digit(peek())))
        fail("a date-time needs the time (digits) right after 'T'");
    }
    expect_value_ = false;
  }

  static bool is_decimal_digit(char32_t c) { return c >= U'0' && c <= U'9'; }

  // The byte after the cursor's (ASCII) character, or 0 at the end.
  char32_t byte_after() const {
    return offset_ + 1 < text_.size() ? static_cast<unsigned char>(text_[offset_ + 1]) : 0;
  }

  // What ends a number, date or time for toml++ (its is_value_terminator, ASCII part).
  static bool is_value_terminator(char32_t c) {
    return is_line_space(c) || c == U']' || c == U'}' || c == U',' || c == U'#';
  }

  [[noreturn]] void reject_control(char32_t c) const {
    fail("control character " + describe_codepoint(c) +
         " is not allowed in TOML (outside strings only tab and line breaks are)");
  }

  // A '[' that starts a line at top level opens a table header. toml++ asserts (and in
  // release builds assumes) that the header name starts with a bare-key character or a
  // quote (crash fixture header_ampersand.toml: "[&").
  void scan_table_header_start() {
    line_has_content_ = true;
    advance();                      // '['
    if (peek() == U'[') advance();  // '[[' of an array of tables
    start_key();
    in_header_ = true;
    while (is_ascii_space(peek())) advance();
    const char32_t c = peek();
    if (c == U']') return;  // toml++ reports an empty header name itself
    if (!is_bare_key_char(c) && !is_quote(c)) {
      std::string seen = c == k_invalid          ? std::string("the end of the file")
                         : c >= 0x20 && c < 0x7F ? std::string("'") + static_cast<char>(c) + "'"
                                                 : describe_codepoint(c);
      fail(
          "table header: expected a table name (letters, digits, '_', '-' or a quoted name) "
          "after '[', but found " +
          seen);
    }
    // The rest of the header (names, dots, ']') is ordinary syntax again.
  }

  void scan_comment() {
    line_has_content_ = true;
    advance();  // '#'
    while (!at_end() && peek() != U'\n') {
      const char32_t c = peek();
      if ((c < 0x20 && c != U'\t' && c != U'\r') || c == 0x7F) reject_control(c);
      advance();
    }
  }

  // How many copies of `quote` start at the cursor (at most 6 are looked at).
  std::size_t quote_run(char32_t quote) const {
    std::size_t n = 0;
    while (n < 6 && offset_ + n < text_.size() && static_cast<unsigned char>(text_[offset_ + n]) == quote)
      ++n;
    return n;
  }

  void scan_string() {
    line_has_content_ = true;
    const char32_t quote = peek();
    const std::size_t run = quote_run(quote);
    if (run >= 3) {
      for (int i = 0; i < 3; ++i) advance();
      return quote == U'"' ? scan_multi_line_basic() : scan_multi_line_literal();
    }
    if (run == 2) {  // "" or '': an empty string
      advance();
      advance();
      return;
    }
    advance();
    scan_single_line_string(quote);
  }

  // Single-line strings end at the closing quote or, if unterminated, at the line end
  // (toml++ reports that error; we only need to get back in step).
  void scan_single_line_string(char32_t quote) {
    while (!at_end()) {
      const char32_t c = peek();
      if (c == U'\n') return;
      advance();
      if (c == quote) return;
      if (quote == U'"' && c == U'\\' && !at_end() && peek() != U'\n') advance();
    }
  }

  // A multi-line string ends at 3 to 5 quotes (the extra ones belong to the content).
  bool at_multi_line_end(char32_t quote) {
    const std::size_t run = quote_run(quote);
    if (run < 3) return false;
    for (std::size_t i = 0; i < run && i < 5; ++i) advance();
    return true;
  }

  void scan_multi_line_literal() {
    while (!at_end()) {
      if (at_multi_line_end(U'\'')) return;
      advance();
    }
  }

  void scan_multi_line_basic() {
    while (!at_end()) {
      if (at_multi_line_end(U'"')) return;
      if (advance() == U'\\') scan_multi_line_escape();
    }
  }

  // After a backslash in a multi-line basic string toml++ asks whether the next code
  // point is whitespace, and after a line-ending backslash it skips whitespace the same
  // way; both use the faulty non-ASCII whitespace table (crash fixtures
  // ml_escape_non_ascii.toml and ml_line_continuation_non_ascii.toml).
  void scan_multi_line_escape() {
    if (at_end()) return;
    const char32_t first = peek();
    if (first >= 0x80) fail_non_ascii_after_backslash(first);
    if (!is_line_space(first)) {
      advance();  // an ordinary escape such as \n or \"; toml++ checks which are valid
      return;
    }
    while (!at_end() && is_line_space(peek())) advance();
    if (!at_end() && peek() >= 0x80) fail_non_ascii_after_backslash(peek());
  }

  [[noreturn]] void fail_non_ascii_after_backslash(char32_t c) const {
    fail("character " + describe_codepoint(c) +
         " right after a backslash (or a line-ending backslash) in a multi-line string; "
         "start the continued text with an ASCII character");
  }

  std::string_view text_;
  const std::string& file_;
  std::size_t offset_ = 0;
  int line_ = 1;
  int column_ = 1;
  std::string open_brackets_;      // open '[' (array) and '{' (inline table) values
  bool expect_value_ = false;      // after '=', or after '[' / ',' inside an array
  bool line_has_content_ = false;  // something other than whitespace seen on this line
  bool in_header_ = false;         // between a table header's '[' and its ']'
  std::size_t key_dots_ = 0;       // dots in the key being read (its parts minus one)
  int key_begin_column_ = 0;       // column of its first non-blank character (0: none yet)
  int key_end_column_ = 0;         // column just past its last non-blank character
};

}  // namespace

void guard_toml_text(std::string_view text, const std::string& display_name) {
  Scanner(text, display_name).run();
}

}  // namespace integrasim
