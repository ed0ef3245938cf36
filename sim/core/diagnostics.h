// The one error vocabulary of every layer (docs/developing.md principle 6).
//
// InputError: the user's input is wrong; the message names file:line:col, the field, the
// value as written and the rule it breaks ("x.toml:14:3: persons is 0, but must be an
// integer between 1 and 100000000"). The CLI prints it and exits with status 2.
// InternalError: integrasim itself is wrong (a broken invariant); its message starts with
// "internal error:" and the CLI exits with status 1.
//
// Messages never carry raw control characters: a NUL byte would cut the message short and
// a terminal escape sequence would act on the user's terminal, so both are shown escaped
// (\x00, \x1b).
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace integrasim {

// Where a value came from in an input file, so that errors found after parsing (for
// example while resolving parameters) can still name file:line:col.
struct SourcePosition {
  std::string file;  // path as given by the user, or "<built-in default.toml>"
  int line = 0;      // 1-based; 0 = unknown
  int column = 0;    // 1-based; 0 = unknown
};

// "file:line:col: " (line/col omitted when unknown).
std::string format_position(const SourcePosition& where);

class InputError : public std::runtime_error {
 public:
  // "<where><field> is <value>, but must be <rule>"; `value` as it is shown (quoted by
  // the caller where the input's syntax quotes it).
  InputError(const SourcePosition& where, std::string_view field, std::string_view value,
             std::string_view rule);
  // "<where><message>", for errors that do not fit the value/rule shape.
  InputError(const SourcePosition& where, std::string_view message);
  // A message that already says where (or concerns no file, e.g. a command-line option).
  explicit InputError(std::string_view message);

  const SourcePosition& where() const { return where_; }
  const std::string& field() const { return field_; }  // "" for free-form messages
  const std::string& value() const { return value_; }  // as shown, before escaping
  const std::string& rule() const { return rule_; }
  // Every error this one reports (InputErrors below), the first being the one whose
  // where/field/value/rule it carries; one message for an error on its own.
  std::vector<std::string> messages() const;

 private:
  friend class InputErrors;
  std::vector<std::string> messages_;  // empty: just what()
  SourcePosition where_;
  std::string field_;
  std::string value_;
  std::string rule_;
};

class InternalError : public std::logic_error {
 public:
  // Message "internal error: <what>".
  explicit InternalError(std::string_view what);
};

// Collects the errors of one input file so that all are reported at once, the way
// compilers do. A check whose failure makes the rest meaningless (a missing file, TOML that
// does not parse, a table others depend on) is left to throw at once, or ends the
// collection with throw_if_any().
class InputErrors {
 public:
  // Runs `check`; an InputError it throws is kept (with every error it reports) and false
  // returned. Any other exception passes through.
  template <typename Check>
  bool check(Check&& check) {
    try {
      check();
      return true;
    } catch (const InputError& e) {
      add(e);
      return false;
    }
  }
  void add(const InputError& e);
  bool empty() const { return messages_.empty(); }
  std::size_t size() const { return messages_.size(); }
  // Throws one InputError with every message, one per line, the first exactly as it was
  // alone (so its where/field/value/rule are kept): at most k_max_reported_errors lines,
  // then "and N more errors". Does nothing if there were none.
  void throw_if_any() const;

 private:
  std::vector<std::string> messages_;
  std::vector<InputError> first_;  // the first error, kept whole (0 or 1 elements)
};

// Throw the errors above (for use in expressions and [[noreturn]] paths).
[[noreturn]] void fail_input(const SourcePosition& where, std::string_view field, std::string_view value,
                             std::string_view rule);
[[noreturn]] void fail_input_message(const SourcePosition& where, std::string_view message);
[[noreturn]] void fail_internal(std::string_view what);

// The candidate closest to `word` by edit distance (a swap of two neighbouring characters
// is one edit), if it is close enough to be a likely typo; "" otherwise.
std::string closest_match(std::string_view word, const std::vector<std::string>& candidates);

// " (did you mean 'x'?)" for a likely typo, or for an abbreviation of exactly one candidate
// ("horizon" for "horizon_months"); "" when there is no likely candidate.
std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates);

// Formats a double for messages: shortest round-trip form ("0.5", "1e-09", "nan", "inf").
std::string format_value(double value);

// `text` with every control character escaped: C0 controls and DEL as \xNN, C1 controls
// (U+0080 to U+009F) as \uNNNN, and bytes that are not UTF-8 as \xNN. Other text is kept.
std::string escape_control(std::string_view text);

// 'text', or "empty" for "": how a CSV field or command-line value is shown (the error
// escapes it with the rest of its message).
std::string quote_value(std::string_view text);

}  // namespace integrasim
