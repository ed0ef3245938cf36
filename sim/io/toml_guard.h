// The Debian toml++ 3.3.0 misbehaves on some malformed input (an assertion on "[&" in
// debug builds, undefined behaviour on "x = 1И"). guard_toml_text rejects such input
// with an InputError before toml++ sees it. tests/fuzz/fuzz_scenario.cpp proves the
// combination clean.
#pragma once

#include <string>
#include <string_view>

namespace integrasim {

// Throws InputError naming file:line:col if `text` contains a construct known to make
// toml++ 3.3.0 crash or misbehave; otherwise returns normally.
void guard_toml_text(std::string_view text, const std::string& display_name);

}  // namespace integrasim
