#include "cli/seed_text.h"

#include <algorithm>
#include <cstdio>

namespace integrasim::cli {

std::string check_seed_text(std::string& text) {
  const bool digits_only =
      !text.empty() && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
  std::string plain = text;
  if (digits_only) {
    plain.erase(0, std::min(plain.find_first_not_of('0'), plain.size() - 1));
    const std::string largest = std::to_string(k_max_seed);
    // Same-length decimal strings compare like their numbers.
    if (plain.size() < largest.size() || (plain.size() == largest.size() && plain <= largest)) {
      text = plain;
      return "";
    }
  }
  // Cut a pasted wall of digits, and show control characters as \xNN so that the
  // message cannot drive the terminal.
  constexpr std::size_t k_shown = 40;
  std::string shown;
  for (std::size_t i = 0; i < std::min(text.size(), k_shown); ++i) {
    const auto byte = static_cast<unsigned char>(text[i]);
    if (byte >= 0x20 && byte != 0x7f) {
      shown += text[i];
      continue;
    }
    char escaped[8];
    std::snprintf(escaped, sizeof escaped, "\\x%02x", byte);
    shown += escaped;
  }
  if (text.size() > k_shown) shown += "...";
  return "is " + (text.empty() ? std::string("empty") : shown) + ", but must be an integer between 0 and " +
         std::to_string(k_max_seed) + " (2^63 - 1)";
}

}  // namespace integrasim::cli
