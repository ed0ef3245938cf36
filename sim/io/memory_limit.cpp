#include "io/memory_limit.h"

#include <cctype>
#include <charconv>
#include <cmath>
#include <fstream>
#include <string>

#include "core/diagnostics.h"

namespace integrasim {
namespace {

// Beyond any machine's memory, and far from overflowing 64 bits.
constexpr double k_max_memory_bytes = 1125899906842624.0;  // 1 PB (2^50 bytes)

[[noreturn]] void bad_size(std::string_view text) {
  fail_input(SourcePosition{"command line", 0, 0}, "--max-memory", quote_value(text),
             "a size such as 8G, 500M or 64K (powers of 1024), between 1M and 1P");
}

}  // namespace

std::uint64_t parse_memory_size(std::string_view text) {
  std::string_view rest = text;
  double number = 0.0;
  const auto [end, ec] = std::from_chars(rest.data(), rest.data() + rest.size(), number);
  if (ec != std::errc() || end == rest.data()) bad_size(text);
  rest.remove_prefix(static_cast<std::size_t>(end - rest.data()));
  double scale = 1.0;
  if (!rest.empty()) {
    switch (std::toupper(static_cast<unsigned char>(rest.front()))) {
      case 'K':
        scale = 1024.0;
        break;
      case 'M':
        scale = 1024.0 * 1024.0;
        break;
      case 'G':
        scale = 1024.0 * 1024.0 * 1024.0;
        break;
      case 'T':
        scale = 1024.0 * 1024.0 * 1024.0 * 1024.0;
        break;
      case 'P':
        scale = 1024.0 * 1024.0 * 1024.0 * 1024.0 * 1024.0;
        break;
      case 'B':
        scale = 1.0;
        break;
      default:
        bad_size(text);
    }
    if (std::toupper(static_cast<unsigned char>(rest.front())) != 'B') {
      rest.remove_prefix(1);
      if (rest == "iB" || rest == "ib" || rest == "B" || rest == "b") rest = {};
    } else {
      rest.remove_prefix(1);
    }
    if (!rest.empty()) bad_size(text);
  }
  const double bytes = number * scale;
  if (!std::isfinite(bytes) || bytes < 1024.0 * 1024.0 || bytes > k_max_memory_bytes) bad_size(text);
  return static_cast<std::uint64_t>(bytes);
}

std::optional<std::uint64_t> available_memory_bytes(const std::string& meminfo_path) {
  std::ifstream in(meminfo_path);
  constexpr std::string_view k_key = "MemAvailable:";
  for (std::string line; std::getline(in, line);) {
    if (line.rfind(k_key, 0) != 0) continue;
    std::size_t at = k_key.size();
    while (at < line.size() && line[at] == ' ') ++at;
    std::uint64_t kib = 0;  // the kernel gives kB
    const auto [end, ec] = std::from_chars(line.data() + at, line.data() + line.size(), kib);
    if (ec != std::errc() || end == line.data() + at) return std::nullopt;
    return kib * 1024U;
  }
  return std::nullopt;
}

MemoryLimit memory_limit_for(const std::string& max_memory) {
  if (!max_memory.empty()) {
    std::string source = "--max-memory ";
    source += max_memory;
    return {parse_memory_size(max_memory), source};
  }
  if (const auto available = available_memory_bytes())
    return {*available, "the memory available now, MemAvailable in /proc/meminfo"};
  return {};
}

}  // namespace integrasim
