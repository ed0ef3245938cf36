// Shared pieces of the TOML readers other than the scenario reader (calibration files,
// explorer specs): value descriptions, "did you mean" hints and the positioned checks,
// all with the one message shape "file:line:col: <what> is <value>, but must be <rule>".
// Includes toml++: include it only from .cpp files that parse TOML.
#pragma once

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <toml++/toml.h>

#include "core/limits.h"

#include "io/input_error.h"
#include "io/toml_guard.h"

namespace integrasim::toml_support {

using Names = std::vector<std::string>;

// Letters, digits, '_' and '-', 1 to k_max_name_length characters: names that become
// folders and columns.
inline bool is_plain_name(std::string_view s) {
  if (s.empty() || s.size() > k_max_name_length) return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
  });
}

// The rule is_plain_name checks, in the words of a message.
inline std::string plain_name_rule() {
  return "a name of 1 to " + std::to_string(k_max_name_length) + " letters, digits, '_' or '-'";
}

// "text" for messages, cut after k_max_quoted_length characters.
inline std::string in_quotes(std::string_view s) {
  std::string out = "\"";
  out.append(s.substr(0, k_max_quoted_length));
  if (s.size() > k_max_quoted_length) out.append("...");
  out.append("\"");
  return out;
}

// " (did you mean 'x'?)" or "".
inline std::string hint(std::string_view word, const Names& candidates) {
  const std::string best = closest_match(word, candidates);
  if (best.empty()) return {};
  std::string out = " (did you mean '";
  out.append(best).append("'?)");
  return out;
}

inline std::string one_of(const Names& names) {
  std::string out = "one of ";
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (i > 0) out.append(", ");
    out.append(in_quotes(names[i]));
  }
  return out;
}

// A node's value as the user wrote it (a float keeps its decimal point).
inline std::string describe(const toml::node& node) {
  if (const auto* s = node.as_string()) return in_quotes(s->get());
  if (const auto* i = node.as_integer()) return std::to_string(i->get());
  if (const auto* f = node.as_floating_point()) {
    std::string text = format_value(f->get());
    if (text.find_first_of(".eni") == std::string::npos) text.append(".0");
    return text;
  }
  if (const auto* b = node.as_boolean()) return b->get() ? "true" : "false";
  if (const auto* a = node.as_array()) return a->empty() ? "[]" : "an array";
  if (node.is_table()) return "a table";
  return "a date/time";
}

inline std::string integer_rule(std::int64_t lo, std::int64_t hi) {
  std::string rule = "an integer between ";
  rule.append(std::to_string(lo)).append(" and ").append(std::to_string(hi));
  return rule;
}

// Parses TOML text after the guard (toml++ must never see input it mishandles); a
// syntax error is an InputError at its line and column.
inline toml::table parse_guarded(std::string_view text, const std::string& display_name) {
  guard_toml_text(text, display_name);
  try {
    return toml::parse(text, std::string_view(display_name));
  } catch (const toml::parse_error& error) {
    const auto& begin = error.source().begin;
    std::string message = "toml syntax error: ";
    message.append(error.description());
    fail_input_message(
        SourcePosition{display_name, static_cast<int>(begin.line), static_cast<int>(begin.column)}, message);
  }
}

// Positions and checks relative to one file; readers derive from it.
class PositionedReader {
 protected:
  explicit PositionedReader(std::string file) : file_(std::move(file)) {}

  SourcePosition at(const toml::source_region& region) const {
    return SourcePosition{file_, static_cast<int>(region.begin.line), static_cast<int>(region.begin.column)};
  }
  SourcePosition at(const toml::node& node) const { return at(node.source()); }

  [[noreturn]] void fail_value(const toml::node& node, const std::string& what,
                               const std::string& rule) const {
    fail_input(at(node), what, describe(node), rule);
  }
  [[noreturn]] void fail_message(const toml::node& node, const std::string& message) const {
    fail_input_message(at(node), message);
  }

  // Unknown keys are errors, with the closest allowed key as a hint.
  void known_keys(const toml::table& t, const std::string& label, const Names& allowed) const {
    for (auto&& [key, value] : t) {
      if (std::find(allowed.begin(), allowed.end(), key.str()) != allowed.end()) continue;
      std::string message = "unknown key '";
      message.append(key.str()).append("' in ").append(label).append(hint(key.str(), allowed));
      fail_input_message(at(key.source()), message);
    }
  }

  const toml::node& require_present(const toml::table& t, const std::string& label,
                                    std::string_view key) const {
    const toml::node* node = t.get(key);
    if (node == nullptr) {
      std::string message = label;
      message.append(" is missing the required key '").append(key).append("'");
      fail_message(t, message);
    }
    return *node;
  }

  std::int64_t require_integer(const toml::node& node, const std::string& what, std::int64_t lo,
                               std::int64_t hi) const {
    const std::optional<std::int64_t> value = node.value_exact<std::int64_t>();
    if (!value || *value < lo || *value > hi) fail_value(node, what, integer_rule(lo, hi));
    return *value;
  }

  // A finite number in [lo, hi]; integers are accepted where numbers are expected.
  double require_number(const toml::node& node, const std::string& what, double lo, double hi) const {
    std::optional<double> value;
    if (node.is_floating_point() || node.is_integer()) value = node.value<double>();
    if (!value || !(*value >= lo && *value <= hi)) {
      std::string rule = "a number between ";
      rule.append(format_value(lo)).append(" and ").append(format_value(hi));
      fail_value(node, what, rule);
    }
    return *value;
  }

  std::string file_;  // as given by the user, for messages
};

}  // namespace integrasim::toml_support
