// Bad input is reported like a compiler: "file:line:col: <what> is <value>, but must be
// <rule>" (ARCHITECTURE principle 6). Every reader throws InputError; the CLI prints
// its message and exits with status 2.
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "core/scenario.h"

namespace integrasim {

class InputError : public std::runtime_error {
 public:
  explicit InputError(const std::string& message) : std::runtime_error(message) {}
};

// "file:line:col: " (line/col omitted when unknown). For CSV the "column" is the column
// name: "file:line: column 'hazard_ratio': ...".
std::string format_position(const SourcePosition& where);

// Throws InputError("<where>: <what> is <value>, but must be <rule>").
[[noreturn]] void fail_input(const SourcePosition& where, std::string_view what, std::string_view value,
                             std::string_view rule);

// Throws InputError("<where>: <message>") for errors that do not fit the value/rule shape
// (e.g. "unknown key 'horizon' (did you mean 'horizon_months'?)").
[[noreturn]] void fail_input_message(const SourcePosition& where, std::string_view message);

// The candidate closest to `word` by edit distance, if it is close enough to be a likely
// typo; "" otherwise. Used for "did you mean" hints.
std::string closest_match(std::string_view word, const std::vector<std::string>& candidates);

// Formats a double for messages: shortest round-trip form ("0.5", "1e-09", "nan", "inf").
std::string format_value(double value);

}  // namespace integrasim
