// Helpers for tests that drive the built `integrasim` executable as a user would: run it
// with arguments, capture exit status, stdout and stderr, and read back CSV files.
// Header-only so that any test tier can include it without a change to the build.
#pragma once

#include <sys/wait.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "test_support.h"

namespace integrasim::testing {

// Whether this build has AddressSanitizer (INTEGRASIM_SANITIZE; the integrasim a test runs
// is built alike). Its shadow memory needs terabytes of address space, so it cannot start
// under an address-space limit (prlimit --as), and its leak check cannot run under ptrace
// (strace). Tests of those two kinds skip in such a build; the default suite runs them.
#if defined(__SANITIZE_ADDRESS__)  // GCC
inline constexpr bool k_address_sanitizer = true;
#elif defined(__has_feature)  // Clang
inline constexpr bool k_address_sanitizer = __has_feature(address_sanitizer);
#else
inline constexpr bool k_address_sanitizer = false;
#endif

// The text as one POSIX shell word: 'it'\''s' for it's.
inline std::string shell_quote(const std::string& text) {
  std::string out = "'";
  for (const char c : text) {
    if (c == '\'')
      out += "'\\''";
    else
      out += c;
  }
  return out + "'";
}

inline std::string read_file_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::ostringstream content;
  content << in.rdbuf();
  return std::move(content).str();
}

inline void write_file_bytes(const std::string& path, const std::string& content) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) throw std::runtime_error("cannot write " + path);
  out << content;
  if (!out) throw std::runtime_error("cannot write " + path);
}

struct CommandResult {
  int exit_code = -1;   // the process's exit status; -1 if it did not exit normally
  std::string out;      // everything written to stdout
  std::string err;      // everything written to stderr
  std::string command;  // the shell command that was run, for failure messages
};

// Runs a shell command, capturing its stdout (through popen) and its stderr (through a
// temporary file).
inline CommandResult run_shell(const std::string& command) {
  const std::string err_dir = make_temp_dir("stderr");
  const std::string err_file = err_dir + "/stderr.txt";
  CommandResult result;
  result.command = command;
  // Built by appending: g++ 12 misreports `"literal" + std::string&&` (-Wrestrict, GCC bug 105329).
  const std::string full = std::string(command).append(" 2>").append(shell_quote(err_file));
  FILE* pipe = ::popen(full.c_str(), "r");
  if (pipe == nullptr) throw std::runtime_error("popen failed for: " + full);
  std::array<char, 4096> buffer{};
  std::size_t n = 0;
  while ((n = std::fread(buffer.data(), 1, buffer.size(), pipe)) > 0) result.out.append(buffer.data(), n);
  const int status = ::pclose(pipe);
  if (status != -1 && WIFEXITED(status)) result.exit_code = WEXITSTATUS(status);
  std::error_code ignored;
  if (std::filesystem::exists(err_file, ignored)) result.err = read_file_bytes(err_file);
  std::filesystem::remove_all(err_dir, ignored);
  return result;
}

// Runs `integrasim ARGS...` with `cwd` as working directory (a fresh temporary folder if
// empty, so that a stray default output folder never lands in the source tree; removed
// again if the run left it empty).
inline CommandResult run_integrasim(const std::vector<std::string>& args, std::string cwd = "") {
  const bool own_cwd = cwd.empty();
  if (own_cwd) cwd = make_temp_dir("cwd");
  std::string command;
  command.append("cd ").append(shell_quote(cwd)).append(" && ").append(shell_quote(integrasim_binary()));
  for (const auto& a : args) command.append(" ").append(shell_quote(a));
  CommandResult result = run_shell(command);
  std::error_code ignored;
  if (own_cwd && std::filesystem::is_empty(cwd, ignored)) std::filesystem::remove(cwd, ignored);
  return result;
}

// A compact description of a run for assertion messages.
inline std::string describe(const CommandResult& r) {
  return "command: " + r.command + "\nexit code: " + std::to_string(r.exit_code) + "\nstdout:\n" +
         r.out.substr(0, 2000) + "\nstderr:\n" + r.err.substr(0, 2000);
}

// Parses RFC 4180 text (fields separated by `separator`, records by CRLF or LF, quoted
// fields with doubled quotes). A leading UTF-8 byte-order mark is skipped.
inline std::vector<std::vector<std::string>> parse_csv(const std::string& text, char separator = ',') {
  std::vector<std::vector<std::string>> rows;
  std::size_t i = text.rfind("\xEF\xBB\xBF", 0) == 0 ? 3 : 0;
  std::vector<std::string> row;
  std::string field;
  bool quoted = false;
  bool row_has_content = false;
  for (; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c == '"') {
      quoted = true;
      row_has_content = true;
    } else if (c == separator) {
      row.push_back(std::move(field));
      field.clear();
      row_has_content = true;
    } else if (c == '\r' || c == '\n') {
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      row.push_back(std::move(field));
      field.clear();
      rows.push_back(std::move(row));
      row.clear();
      row_has_content = false;
    } else {
      field += c;
      row_has_content = true;
    }
  }
  if (row_has_content) {
    row.push_back(std::move(field));
    rows.push_back(std::move(row));
  }
  return rows;
}

// Names of the entries of a folder with their bytes, sorted by name (for "unchanged" checks).
inline std::vector<std::pair<std::string, std::string>> folder_snapshot(const std::string& folder) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& entry : std::filesystem::directory_iterator(folder)) {
    const std::string name = entry.path().filename().string();
    out.emplace_back(name, entry.is_regular_file() ? read_file_bytes(entry.path().string()) : "<not a file>");
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace integrasim::testing
