#include "io/text_file.h"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <system_error>

#include "core/diagnostics.h"

namespace integrasim {

std::string read_text_file(const std::string& path) {
  const SourcePosition where{path, 0, 0};
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec))
    fail_input_message(where, "cannot read file (" + std::string(std::strerror(EISDIR)) + ")");
  errno = 0;
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    const int error = errno != 0 ? errno : EIO;
    fail_input_message(where, "cannot read file (" + std::string(std::strerror(error)) + ")");
  }
  std::ostringstream content;
  content << in.rdbuf();
  if (in.bad()) fail_input_message(where, "cannot read file (read error)");
  return std::move(content).str();
}

}  // namespace integrasim
