// The --seed option as typed. The option parser reads integers with strtoll, which turns
// any value beyond 2^63 - 1 into 2^63 - 1 without a word and reads "010" as octal 8; so
// the text is checked, and made plain decimal, before the parser converts it.
#pragma once

#include <cstdint>
#include <limits>
#include <string>

namespace integrasim::cli {

// Largest master seed: the scenario file's `seed` is a TOML integer (signed 64-bit), and
// a seed given on the command line must be one a scenario file could also hold.
constexpr std::int64_t k_max_seed = std::numeric_limits<std::int64_t>::max();

// "" if `text` is a decimal integer between 0 and k_max_seed; then leading zeros are
// removed from `text` so that the parser reads it as decimal. Otherwise the reason, which
// names the value and the allowed range.
std::string check_seed_text(std::string& text);

}  // namespace integrasim::cli
