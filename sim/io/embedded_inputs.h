// The default scenario and the evidence catalogue as compiled into the binary
// (cmake/embed_inputs.cmake), so that `integrasim run` works from any directory.
#pragma once

#include <string_view>
#include <vector>

namespace integrasim {

struct EmbeddedFile {
  std::string_view path;     // relative to scenarios/, e.g. "evidence/effects.csv"
  std::string_view content;  // the file's bytes
};

const std::vector<EmbeddedFile>& embedded_inputs();

}  // namespace integrasim
