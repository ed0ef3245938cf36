#include "io/input_error.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <system_error>

namespace integrasim {
namespace {

// Classic two-row Levenshtein distance (insert, delete, substitute each cost 1).
std::size_t levenshtein(std::string_view a, std::string_view b) {
  std::vector<std::size_t> previous(b.size() + 1);
  std::vector<std::size_t> current(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) previous[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    current[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0U : 1U);
      current[j] = std::min({previous[j] + 1, current[j - 1] + 1, substitution});
    }
    std::swap(previous, current);
  }
  return previous[b.size()];
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

void fail_input(const SourcePosition& where, std::string_view what, std::string_view value,
                std::string_view rule) {
  std::string message(what);
  message += " is ";
  message += value;
  message += ", but must be ";
  message += rule;
  fail_input_message(where, message);
}

void fail_input_message(const SourcePosition& where, std::string_view message) {
  throw InputError(format_position(where) + std::string(message));
}

std::string closest_match(std::string_view word, const std::vector<std::string>& candidates) {
  // A hint is only useful when it is probably what the user meant: allow about one edit
  // per three characters, at least one and never more than three.
  const std::size_t allowed = std::min<std::size_t>(3, std::max<std::size_t>(1, word.size() / 3));
  std::string best;
  std::size_t best_distance = allowed + 1;
  for (const auto& candidate : candidates) {
    const std::size_t distance = levenshtein(word, candidate);
    if (distance < best_distance) {  // strict: the first of equally close candidates wins
      best_distance = distance;
      best = candidate;
    }
  }
  return best;
}

std::string format_value(double value) {
  if (std::isnan(value)) return "nan";
  if (std::isinf(value)) return value > 0 ? "inf" : "-inf";
  char buffer[64];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
  if (result.ec != std::errc{}) return "?";  // cannot happen with 64 bytes; keeps it total
  return std::string(buffer, result.ptr);
}

}  // namespace integrasim
