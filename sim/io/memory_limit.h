// The memory a run may use (core/memory_estimate.h): the user's --max-memory, or else
// what the kernel says is available now.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/memory_estimate.h"

namespace integrasim {

// "8G", "500M", "64k", "1.5G" or a plain number of bytes (K, M, G, T are powers of 1024;
// a trailing "B" or "iB" is allowed). InputError "command line: --max-memory is ..." otherwise.
std::uint64_t parse_memory_size(std::string_view text);

// MemAvailable of /proc/meminfo in bytes; nothing where the file or the line is missing.
std::optional<std::uint64_t> available_memory_bytes(const std::string& meminfo_path = "/proc/meminfo");

// The limit of a run: `max_memory` if given, else MemAvailable, else no check.
MemoryLimit memory_limit_for(const std::string& max_memory);

}  // namespace integrasim
