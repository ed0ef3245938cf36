// The one family of positioned TOML checks, shared by every TOML reader (scenario files,
// explorer specs, calibration configs and, through the scenario reader, validation
// registries). Every failure has the one message shape "file:line:col: <what> is
// <value>, but must be <rule>" (core/diagnostics.h).
// Includes toml++: include it only from .cpp files that parse TOML.
#pragma once

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <toml++/toml.h>

#include "core/diagnostics.h"
#include "core/limits.h"
#include "core/model_types.h"

namespace integrasim::toml_support {

using Names = std::vector<std::string>;

// 1 to `max_length` bytes of letters (ASCII or UTF-8 Latin: æ, ø, å, ...), digits, '_' and
// '-': names that become folders and columns.
bool is_plain_name(std::string_view s, std::size_t max_length = k_max_name_length);

// The rule is_plain_name checks, in the words of a message.
std::string plain_name_rule();

// "text" for messages, cut after k_max_quoted_length characters so that the message stays readable.
std::string in_quotes(std::string_view s);

// one of "a", "b", "c".
std::string one_of(const Names& names);

// A node's value as the user wrote it: its literal form for scalars (a float keeps its
// decimal point: the value may be wrong because it is a float), its kind otherwise.
std::string describe(const toml::node& node);

std::string integer_rule(std::int64_t lo, std::int64_t hi);
std::string number_rule(double lo, double hi);

// Parses TOML text after the guard (toml++ must never see input it mishandles); a
// syntax error is an InputError at its line and column.
toml::table parse_guarded(std::string_view text, const std::string& display_name);

// A table being read, with the words that name it in messages.
struct Section {
  const toml::table& table;
  std::string label;      // "[scenario]", "pathway 'x' step 2", "[population] sex"
  std::string separator;  // between label and key: " ", ": " or "."; "" names keys alone

  std::string what(std::string_view key) const {
    return separator.empty() ? std::string(key) : label + separator + std::string(key);
  }
  const toml::node* get(std::string_view key) const { return table.get(key); }
};

// [name]: keys are named "[name] key".
Section bracket_section(const toml::table& t, const std::string& name);
// An item such as a pathway step: keys are named "<label>: key".
Section item_section(const toml::table& t, const std::string& label);
// The file's root table; its keys are named alone ("scenario is 1, ...").
Section top_section(const toml::table& root);

// Positions and checks relative to one file; readers derive from it. require_* check a
// node that must be there; read_* return nothing (or nullptr) for an absent key.
class PositionedReader {
 protected:
  explicit PositionedReader(std::string file) : file_(std::move(file)) {}

  SourcePosition at(const toml::source_region& region) const {
    return SourcePosition{file_, static_cast<int>(region.begin.line), static_cast<int>(region.begin.column)};
  }
  SourcePosition at(const toml::node& node) const { return at(node.source()); }

  [[noreturn]] void fail_value(const toml::node& node, const std::string& what,
                               const std::string& rule) const;
  [[noreturn]] void fail_message(const toml::node& node, const std::string& message) const;
  [[noreturn]] void fail_at_key(const toml::key& key, const std::string& message) const;

  // Unknown keys are errors, with the closest allowed key as a hint.
  void known_keys(const toml::table& t, const std::string& label, const Names& allowed) const;
  void known_keys(const Section& s, const Names& allowed) const { known_keys(s.table, s.label, allowed); }

  const toml::node& require_present(const toml::table& t, const std::string& label,
                                    std::string_view key) const;
  const toml::node& require_present(const Section& s, std::string_view key) const {
    return require_present(s.table, s.label, key);
  }

  std::int64_t require_integer(const toml::node& node, const std::string& what, std::int64_t lo,
                               std::int64_t hi) const;
  // A finite number in [lo, hi]; integers are accepted where numbers are expected. NaN
  // and infinities fail the range test because every comparison with NaN is false.
  double require_number(const toml::node& node, const std::string& what, double lo, double hi) const {
    return require_number(node, what, lo, hi, number_rule(lo, hi));
  }
  double require_number(const toml::node& node, const std::string& what, double lo, double hi,
                        const std::string& rule) const;
  std::string require_string(const toml::node& node, const std::string& what) const;
  bool require_bool(const toml::node& node, const std::string& what) const;
  Selector require_selector(const toml::node& node, const std::string& what) const;

  std::optional<std::int64_t> read_integer(const Section& s, std::string_view key, std::int64_t lo,
                                           std::int64_t hi) const;
  std::optional<double> read_number(const Section& s, std::string_view key, double lo, double hi) const;
  std::optional<std::string> read_string(const Section& s, std::string_view key) const;
  // A plain name (is_plain_name).
  std::optional<std::string> read_name(const Section& s, std::string_view key) const;
  // One of `names`; the enum value is the name's index.
  template <typename Enum>
  std::optional<Enum> read_choice(const Section& s, std::string_view key, const Names& names) const {
    const auto text = read_string(s, key);
    if (!text) return std::nullopt;
    const auto found = std::find(names.begin(), names.end(), *text);
    if (found == names.end())
      fail_value(*s.get(key), s.what(key), one_of(names) + did_you_mean(*text, names));
    return static_cast<Enum>(found - names.begin());
  }
  std::optional<bool> read_bool(const Section& s, std::string_view key) const;
  const toml::table* read_table(const Section& s, std::string_view key, const std::string& rule) const;
  const toml::array* read_array(const Section& s, std::string_view key, const std::string& rule) const;
  // An array of tables ([[pathway]], [[arm]], ...); `example` shows how it is written.
  std::vector<const toml::table*> read_tables(const Section& s, std::string_view key,
                                              const std::string& example) const;

  std::string file_;  // as given by the user, for messages
};

}  // namespace integrasim::toml_support
