// The reference benchmark scenario of `integrasim bench`: realistic on purpose (several
// subgroups, frailty, job loss, a pathway with a concurrent Danish track, two arms and
// the decomposition), and fixed in the binary so numbers compare across versions.
#pragma once

#include <string_view>

namespace integrasim {

std::string_view reference_benchmark_toml();

}  // namespace integrasim
