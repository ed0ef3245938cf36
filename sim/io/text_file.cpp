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
  return read_text_file(path, path);
}

std::string read_text_file(const std::string& path, const std::string& shown_name) {
  const SourcePosition where{shown_name, 0, 0};
  // The user knows the file by the name they wrote; the path tells where it was sought.
  const std::string looked_for = shown_name == path ? "" : "; looked for " + path;
  const auto fail = [&](const std::string& reason) {
    fail_input_message(where, "cannot read file (" + reason + looked_for + ")");
  };
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) fail(std::strerror(EISDIR));
  errno = 0;
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    const int error = errno != 0 ? errno : EIO;
    fail(std::strerror(error));
  }
  std::ostringstream content;
  content << in.rdbuf();
  if (in.bad()) fail("read error");
  return std::move(content).str();
}

}  // namespace integrasim
