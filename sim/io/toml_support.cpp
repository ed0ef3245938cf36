#include "io/toml_support.h"

#include "io/toml_guard.h"

namespace integrasim::toml_support {

namespace {

bool is_ascii_name_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
}

// The length of the UTF-8 encoded Latin letter at the start of `s` (2 bytes), or 0. Latin-1
// letters (U+00C0 to U+00FF but the signs × and ÷: æ, ø, å, é, ü, ...) and Latin
// Extended-A/B and IPA (U+0100 to U+027F: ł, ő, š, ...), so that københavn or ærø is a name; a
// name is shown and used as a folder name as it is written, all of which UTF-8 carries.
std::size_t latin_letter_length(std::string_view s) {
  if (s.size() < 2) return 0;
  const auto lead = static_cast<unsigned char>(s[0]);
  const auto next = static_cast<unsigned char>(s[1]);
  if ((next & 0xC0U) != 0x80U || lead < 0xC3U || lead > 0xC9U) return 0;
  const unsigned code = ((lead & 0x1FU) << 6U) | (next & 0x3FU);
  return code == 0xD7U || code == 0xF7U ? 0 : 2;
}

}  // namespace

bool is_plain_name(std::string_view s, std::size_t max_length) {
  if (s.empty() || s.size() > max_length) return false;
  for (std::size_t i = 0; i < s.size();) {
    if (is_ascii_name_char(s[i])) {
      ++i;
      continue;
    }
    const std::size_t letter = latin_letter_length(s.substr(i));
    if (letter == 0) return false;
    i += letter;
  }
  return true;
}

// "letters" covers æ, ø, å and the other Latin letters is_plain_name accepts.
std::string plain_name_rule() {
  return "a name of 1 to " + std::to_string(k_max_name_length) + " letters, digits, '_' or '-'";
}

std::string in_quotes(std::string_view s) {
  std::string out = "\"";
  out.append(s.substr(0, k_max_quoted_length));
  if (s.size() > k_max_quoted_length) out.append("...");
  out.append("\"");
  return out;
}

std::string one_of(const Names& names) {
  std::string out = "one of ";
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (i > 0) out.append(", ");
    out.append(in_quotes(names[i]));
  }
  return out;
}

std::string describe(const toml::node& node) {
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

std::string integer_rule(std::int64_t lo, std::int64_t hi) {
  return "an integer between " + std::to_string(lo) + " and " + std::to_string(hi);
}

std::string number_rule(double lo, double hi) {
  return "a number between " + format_value(lo) + " and " + format_value(hi);
}

namespace {

// Whether line `line` (1-based) of `text` is a `seed = ...` key.
bool line_sets_seed(std::string_view text, std::size_t line) {
  std::size_t at = 0;
  for (std::size_t l = 1; l < line && at != std::string_view::npos; ++l) {
    at = text.find('\n', at);
    if (at != std::string_view::npos) ++at;
  }
  if (at == std::string_view::npos) return false;
  const std::size_t end = std::min(text.find('\n', at), text.size());
  std::string_view rest = text.substr(at, end - at);
  while (!rest.empty() && (rest.front() == ' ' || rest.front() == '\t')) rest.remove_prefix(1);
  if (rest.substr(0, 4) != "seed") return false;
  rest.remove_prefix(4);
  while (!rest.empty() && (rest.front() == ' ' || rest.front() == '\t')) rest.remove_prefix(1);
  return !rest.empty() && rest.front() == '=';
}

}  // namespace

toml::table parse_guarded(std::string_view text, const std::string& display_name) {
  guard_toml_text(text, display_name);
  try {
    return toml::parse(text, std::string_view(display_name));
  } catch (const toml::parse_error& error) {
    const auto& begin = error.source().begin;
    std::string message = "toml syntax error: ";
    message.append(error.description());
    // toml++ refuses integers beyond 64 bits before the reader sees them; for a seed, say
    // the range as `--seed` and the reader do.
    if (line_sets_seed(text, static_cast<std::size_t>(begin.line)) &&
        error.description().find("not representable") != std::string_view::npos) {
      message += "; seed must be an integer between 0 and ";
      message += std::to_string(k_max_seed);
      message += " (2^63 - 1)";
    }
    fail_input_message(
        SourcePosition{display_name, static_cast<int>(begin.line), static_cast<int>(begin.column)}, message);
  }
}

Section bracket_section(const toml::table& t, const std::string& name) {
  return Section{t, "[" + name + "]", " "};
}
Section item_section(const toml::table& t, const std::string& label) {
  return Section{t, label, ": "};
}
Section top_section(const toml::table& root) {
  return Section{root, "the top level of the file", ""};
}

void PositionedReader::fail_value(const toml::node& node, const std::string& what,
                                  const std::string& rule) const {
  fail_input(at(node), what, describe(node), rule);
}

void PositionedReader::fail_message(const toml::node& node, const std::string& message) const {
  fail_input_message(at(node), message);
}

void PositionedReader::fail_at_key(const toml::key& key, const std::string& message) const {
  fail_input_message(at(key.source()), message);
}

void PositionedReader::known_keys(const toml::table& t, const std::string& label,
                                  const Names& allowed) const {
  // Every unknown key of the table, in the order of the file (a table iterates by name).
  std::vector<const toml::key*> unknown;
  for (auto&& [key, value] : t)
    if (std::find(allowed.begin(), allowed.end(), key.str()) == allowed.end()) unknown.push_back(&key);
  std::stable_sort(unknown.begin(), unknown.end(), [](const toml::key* a, const toml::key* b) {
    const auto& x = a->source().begin;
    const auto& y = b->source().begin;
    return x.line != y.line ? x.line < y.line : x.column < y.column;
  });
  InputErrors errors;
  for (const toml::key* k : unknown)
    errors.check([&] {
      fail_at_key(
          *k, "unknown key '" + std::string(k->str()) + "' in " + label + did_you_mean(k->str(), allowed));
    });
  errors.throw_if_any();
}

const toml::node& PositionedReader::require_present(const toml::table& t, const std::string& label,
                                                    std::string_view key) const {
  const toml::node* node = t.get(key);
  if (node == nullptr) fail_message(t, label + " is missing the required key '" + std::string(key) + "'");
  return *node;
}

std::int64_t PositionedReader::require_integer(const toml::node& node, const std::string& what,
                                               std::int64_t lo, std::int64_t hi) const {
  const std::optional<std::int64_t> value = node.value_exact<std::int64_t>();
  if (!value || *value < lo || *value > hi) fail_value(node, what, integer_rule(lo, hi));
  return *value;
}

double PositionedReader::require_number(const toml::node& node, const std::string& what, double lo, double hi,
                                        const std::string& rule) const {
  std::optional<double> value;
  if (node.is_floating_point() || node.is_integer()) value = node.value<double>();
  if (!value || !(*value >= lo && *value <= hi)) fail_value(node, what, rule);
  return *value;
}

std::string PositionedReader::require_string(const toml::node& node, const std::string& what) const {
  std::optional<std::string> value = node.value_exact<std::string>();
  if (!value) fail_value(node, what, "a string in double quotes");
  return std::move(*value);
}

bool PositionedReader::require_bool(const toml::node& node, const std::string& what) const {
  const std::optional<bool> value = node.value_exact<bool>();
  if (!value) fail_value(node, what, "true or false");
  return *value;
}

Selector PositionedReader::require_selector(const toml::node& node, const std::string& what) const {
  const std::string text = require_string(node, what);
  std::string reason;
  const auto selector = parse_selector(text, reason);
  if (!selector)
    fail_value(node, what, "a subgroup selector such as \"all\" or \"male & job_ready\": " + reason);
  return *selector;
}

std::optional<std::int64_t> PositionedReader::read_integer(const Section& s, std::string_view key,
                                                           std::int64_t lo, std::int64_t hi) const {
  const toml::node* node = s.get(key);
  if (node == nullptr) return std::nullopt;
  return require_integer(*node, s.what(key), lo, hi);
}

std::optional<double> PositionedReader::read_number(const Section& s, std::string_view key, double lo,
                                                    double hi) const {
  const toml::node* node = s.get(key);
  if (node == nullptr) return std::nullopt;
  return require_number(*node, s.what(key), lo, hi);
}

std::optional<std::string> PositionedReader::read_string(const Section& s, std::string_view key) const {
  const toml::node* node = s.get(key);
  if (node == nullptr) return std::nullopt;
  return require_string(*node, s.what(key));
}

std::optional<std::string> PositionedReader::read_name(const Section& s, std::string_view key) const {
  const toml::node* node = s.get(key);
  if (node == nullptr) return std::nullopt;
  std::string name = require_string(*node, s.what(key));
  if (!is_plain_name(name)) fail_value(*node, s.what(key), plain_name_rule());
  return name;
}

std::optional<bool> PositionedReader::read_bool(const Section& s, std::string_view key) const {
  const toml::node* node = s.get(key);
  if (node == nullptr) return std::nullopt;
  return require_bool(*node, s.what(key));
}

const toml::table* PositionedReader::read_table(const Section& s, std::string_view key,
                                                const std::string& rule) const {
  const toml::node* node = s.get(key);
  if (node == nullptr) return nullptr;
  if (!node->is_table()) fail_value(*node, s.what(key), rule);
  return node->as_table();
}

const toml::array* PositionedReader::read_array(const Section& s, std::string_view key,
                                                const std::string& rule) const {
  const toml::node* node = s.get(key);
  if (node == nullptr) return nullptr;
  if (!node->is_array()) fail_value(*node, s.what(key), rule);
  return node->as_array();
}

std::vector<const toml::table*> PositionedReader::read_tables(const Section& s, std::string_view key,
                                                              const std::string& example) const {
  std::vector<const toml::table*> tables;
  const toml::node* node = s.get(key);
  if (node == nullptr) return tables;
  const std::string rule = "a list of tables written " + example;
  const auto* array = node->as_array();
  if (array == nullptr) fail_value(*node, s.what(key), rule);
  for (const toml::node& element : *array) {
    if (!element.is_table()) fail_value(element, s.what(key) + " element", rule);
    tables.push_back(element.as_table());
  }
  return tables;
}

}  // namespace integrasim::toml_support
