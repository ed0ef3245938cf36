// --max-memory sizes and MemAvailable (io/memory_limit.h, issue 12 item 9).
#include "io/memory_limit.h"

#include <gtest/gtest.h>

#include <string>

#include "core/diagnostics.h"
#include "process_support.h"
#include "test_support.h"

namespace integrasim {
namespace {

TEST(MemoryLimit, SizesAreReadInPowersOf1024) {
  EXPECT_EQ(parse_memory_size("8G"), std::uint64_t{8} << 30U);
  EXPECT_EQ(parse_memory_size("500M"), std::uint64_t{500} << 20U);
  EXPECT_EQ(parse_memory_size("500MB"), std::uint64_t{500} << 20U);
  EXPECT_EQ(parse_memory_size("2GiB"), std::uint64_t{2} << 30U);
  EXPECT_EQ(parse_memory_size("1.5g"), std::uint64_t{3} << 29U);
  EXPECT_EQ(parse_memory_size("1T"), std::uint64_t{1} << 40U);
  EXPECT_EQ(parse_memory_size("2097152"), std::uint64_t{2} << 20U);
}

TEST(MemoryLimit, ABadSizeIsRefusedWithExamples) {
  for (const std::string bad : {"", "8X", "G", "-1G", "8GG", "nanG", "100K", "2P", "1e300"}) {
    try {
      parse_memory_size(bad);
      ADD_FAILURE() << bad;
    } catch (const InputError& e) {
      EXPECT_EQ(e.what(), "command line: --max-memory is " + quote_value(bad) +
                              ", but must be a size such as 8G, 500M or 64K (powers of 1024), between 1M "
                              "and 1P");
    }
  }
}

TEST(MemoryLimit, MemAvailableIsReadFromMeminfo) {
  const std::string path = testing::make_temp_dir("meminfo") + "/meminfo";
  testing::write_file_bytes(path,
                            "MemTotal:       24683584 kB\nMemFree:        21191944 kB\n"
                            "MemAvailable:   21747428 kB\nHugePages_Total:       0\n");
  EXPECT_EQ(available_memory_bytes(path), std::uint64_t{21747428} * 1024U);
  testing::write_file_bytes(path, "MemTotal:       24683584 kB\n");
  EXPECT_EQ(available_memory_bytes(path), std::nullopt);
  EXPECT_EQ(available_memory_bytes(path + ".missing"), std::nullopt);
}

TEST(MemoryLimit, TheLimitIsMaxMemoryElseWhatIsAvailable) {
  const MemoryLimit given = memory_limit_for("8G");
  EXPECT_EQ(given.bytes, std::uint64_t{8} << 30U);
  EXPECT_EQ(given.source, "--max-memory 8G");
  const MemoryLimit available = memory_limit_for("");
  EXPECT_GT(available.bytes, 0U);  // Linux has /proc/meminfo
  EXPECT_EQ(available.source, "the memory available now, MemAvailable in /proc/meminfo");
}

}  // namespace
}  // namespace integrasim
