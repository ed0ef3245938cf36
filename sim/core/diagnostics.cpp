#include "core/diagnostics.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <system_error>

#include "core/limits.h"

namespace integrasim {
namespace {

// Optimal-string-alignment distance: insert, delete, substitute and swapping two
// neighbouring characters each cost 1 ("mael" is one edit from "male").
std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::vector<std::size_t>> d(a.size() + 1, std::vector<std::size_t>(b.size() + 1));
  for (std::size_t i = 0; i <= a.size(); ++i) d[i][0] = i;
  for (std::size_t j = 0; j <= b.size(); ++j) d[0][j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t cost = a[i - 1] == b[j - 1] ? 0U : 1U;
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.size()][b.size()];
}

void append_hex(std::string& out, std::string_view prefix, unsigned value, int digits) {
  static constexpr char k_hex[] = "0123456789abcdef";
  out.append(prefix);
  for (int shift = 4 * (digits - 1); shift >= 0; shift -= 4) out.push_back(k_hex[(value >> shift) & 0xFU]);
}

// The length of the valid UTF-8 sequence starting at text[i] and its code point, or 0.
std::size_t utf8_sequence(std::string_view text, std::size_t i, unsigned& code_point) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned first = byte(i);
  std::size_t length = 0;
  unsigned minimum = 0;
  if (first >= 0xC2U && first <= 0xDFU) {
    length = 2, code_point = first & 0x1FU, minimum = 0x80U;
  } else if (first >= 0xE0U && first <= 0xEFU) {
    length = 3, code_point = first & 0x0FU, minimum = 0x800U;
  } else if (first >= 0xF0U && first <= 0xF4U) {
    length = 4, code_point = first & 0x07U, minimum = 0x10000U;
  } else {
    return 0;
  }
  if (i + length > text.size()) return 0;
  for (std::size_t k = 1; k < length; ++k) {
    if ((byte(i + k) & 0xC0U) != 0x80U) return 0;
    code_point = (code_point << 6U) | (byte(i + k) & 0x3FU);
  }
  const bool surrogate = code_point >= 0xD800U && code_point <= 0xDFFFU;
  if (code_point < minimum || code_point > 0x10FFFFU || surrogate) return 0;
  return length;
}

}  // namespace

std::string format_position(const SourcePosition& where) {
  std::string out = where.file;
  if (where.line > 0) {
    out += ':' + std::to_string(where.line);
    if (where.column > 0) out += ':' + std::to_string(where.column);
  }
  return out + ": ";
}

InputError::InputError(const SourcePosition& where, std::string_view field, std::string_view value,
                       std::string_view rule)
    : std::runtime_error(escape_control(format_position(where) + std::string(field) + " is " +
                                        std::string(value) + ", but must be " + std::string(rule))),
      where_(where),
      field_(field),
      value_(value),
      rule_(rule) {}

InputError::InputError(const SourcePosition& where, std::string_view message)
    : std::runtime_error(escape_control(format_position(where) + std::string(message))), where_(where) {}

InputError::InputError(std::string_view message) : std::runtime_error(escape_control(message)) {}

std::vector<std::string> InputError::messages() const {
  if (messages_.empty()) return {what()};
  return messages_;
}

void InputErrors::add(const InputError& e) {
  if (first_.empty()) first_.push_back(e);
  for (std::string& m : e.messages()) messages_.push_back(std::move(m));
}

void InputErrors::throw_if_any() const {
  if (messages_.empty()) return;
  if (messages_.size() == 1) throw first_.front();
  std::string text;
  for (std::size_t i = 0; i < messages_.size() && i < k_max_reported_errors; ++i) {
    if (i > 0) text += '\n';
    text += messages_[i];
  }
  if (messages_.size() > k_max_reported_errors) {
    text += "\nand ";
    text += std::to_string(messages_.size() - k_max_reported_errors);
    text += " more errors";
  }
  // The messages are escaped already; the line breaks between them are meant.
  InputError all = first_.front();
  static_cast<std::runtime_error&>(all) = std::runtime_error(text);
  all.messages_ = messages_;
  throw all;
}

InternalError::InternalError(std::string_view what)
    : std::logic_error(escape_control("internal error: " + std::string(what))) {}

void fail_input(const SourcePosition& where, std::string_view field, std::string_view value,
                std::string_view rule) {
  throw InputError(where, field, value, rule);
}

void fail_input_message(const SourcePosition& where, std::string_view message) {
  throw InputError(where, message);
}

void fail_internal(std::string_view what) {
  throw InternalError(what);
}

std::string closest_match(std::string_view word, const std::vector<std::string>& candidates) {
  // A hint is only useful when it is probably what the user meant: allow about one edit
  // per three characters, at least one and never more than three.
  const std::size_t allowed = std::min<std::size_t>(3, std::max<std::size_t>(1, word.size() / 3));
  std::string best;
  std::size_t best_distance = allowed + 1;
  for (const auto& candidate : candidates) {
    const std::size_t distance = edit_distance(word, candidate);
    if (distance < best_distance) {  // strict: the first of equally close candidates wins
      best_distance = distance;
      best = candidate;
    }
  }
  return best;
}

std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates) {
  std::string best = closest_match(word, candidates);
  if (best.empty() && word.size() >= 3) {
    const auto starts_with_word = [&](const std::string& c) { return c.starts_with(word); };
    if (std::count_if(candidates.begin(), candidates.end(), starts_with_word) == 1)
      best = *std::find_if(candidates.begin(), candidates.end(), starts_with_word);
  }
  if (best.empty()) return {};
  return " (did you mean '" + best + "'?)";
}

std::string format_value(double value) {
  if (std::isnan(value)) return "nan";
  if (std::isinf(value)) return value > 0 ? "inf" : "-inf";
  char buffer[64];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
  if (result.ec != std::errc{}) return "?";  // cannot happen with 64 bytes; keeps it total
  return std::string(buffer, result.ptr);
}

std::string escape_control(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    const auto byte = static_cast<unsigned char>(text[i]);
    if (byte < 0x20U || byte == 0x7FU) {
      append_hex(out, "\\x", byte, 2);
      ++i;
      continue;
    }
    if (byte < 0x80U) {
      out.push_back(text[i]);
      ++i;
      continue;
    }
    unsigned code_point = 0;
    const std::size_t length = utf8_sequence(text, i, code_point);
    if (length == 0) {
      append_hex(out, "\\x", byte, 2);
      ++i;
    } else if (code_point <= 0x9FU) {
      append_hex(out, "\\u", code_point, 4);
      i += length;
    } else {
      out.append(text.substr(i, length));
      i += length;
    }
  }
  return out;
}

std::string quote_value(std::string_view text) {
  if (text.empty()) return "empty";
  std::string out;
  out.reserve(text.size() + 2);
  out.push_back('\'');
  out.append(text);
  out.push_back('\'');
  return out;
}

}  // namespace integrasim
