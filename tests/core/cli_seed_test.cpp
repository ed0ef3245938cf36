// --seed on every command that takes it: values the scenario file could not hold (above
// 2^63 - 1, even 2^64 and beyond, negative, not decimal) are refused with exit 2 and a
// message giving the allowed range, before anything is simulated or written. The option
// parser alone would clamp them to 2^63 - 1 and run.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "process_support.h"
#include "test_support.h"

namespace integrasim::testing {
namespace {

namespace fs = std::filesystem;

const std::string k_range = "must be an integer between 0 and 9223372036854775807";

// Each command with --seed, with arguments that make it run quickly if the seed is taken.
std::vector<std::vector<std::string>> commands_with_seed(const std::string& out) {
  return {
      {"run", "--persons", "200", "--out", out, "--quiet"},
      {"sensitivity", "--persons", "200", "--draws", "0", "--out", out, "--quiet"},
      {"explore", source_path("scenarios/explore/speed.toml"), "--persons", "200", "--out", out, "--quiet"}};
}

TEST(CliSeed, OutOfRangeSeedsAreRefusedWithTheRangeOnEveryCommand) {
  const std::vector<std::string> bad = {"9223372036854775808",   // 2^63
                                        "18446744073709551615",  // 2^64 - 1
                                        "18446744073709551616",  // 2^64
                                        "-1",
                                        "0x10",
                                        "1e3",
                                        ""};
  for (const std::string& seed : bad) {
    const std::string dir = make_temp_dir("cli-seed");
    for (std::vector<std::string> args : commands_with_seed(dir + "/out")) {
      args.insert(args.end(), {"--seed", seed});
      const CommandResult r = run_integrasim(args);
      EXPECT_EQ(r.exit_code, 2) << describe(r);
      const std::string shown = seed.empty() ? "empty" : seed;
      EXPECT_NE(r.err.find("--seed is " + shown + ", but " + k_range), std::string::npos) << describe(r);
      EXPECT_FALSE(fs::exists(dir + "/out")) << "a refused seed writes nothing\n" << describe(r);
    }
    fs::remove_all(dir);
  }
}

TEST(CliSeed, LargestSeedIsAcceptedAndLeadingZerosReadAsDecimal) {
  const std::string dir = make_temp_dir("cli-seed");
  const std::vector<std::pair<std::string, std::string>> typed_and_recorded = {
      {"9223372036854775807", "9223372036854775807"}, {"010", "10"}, {"0", "0"}};
  for (const auto& [typed, recorded] : typed_and_recorded) {
    const CommandResult r =
        run_integrasim({"run", "--persons", "200", "--seed", typed, "--out", dir + "/out", "--quiet"});
    ASSERT_EQ(r.exit_code, 0) << describe(r);
    const std::string manifest = read_file_bytes(dir + "/out/manifest.json");
    EXPECT_NE(manifest.find("\"seed\": " + recorded + ","), std::string::npos) << typed << "\n" << manifest;
  }
  fs::remove_all(dir);
}

// The scenario file's seed is a TOML integer: toml++ refuses values beyond 64 bits at
// their position, so no clamping can happen there either.
TEST(CliSeed, ScenarioFileSeedBeyondSixtyFourBitsIsRefusedAtItsPosition) {
  const std::string dir = make_temp_dir("cli-seed");
  std::string text = read_file_bytes(source_path("scenarios/default.toml"));
  const std::size_t at = text.find("seed = ");
  ASSERT_NE(at, std::string::npos);
  text.replace(at, text.find('\n', at) - at, "seed = 18446744073709551616");
  const int line = 1 + static_cast<int>(std::count(text.begin(), text.begin() + static_cast<long>(at), '\n'));
  write_file_bytes(dir + "/big_seed.toml", text);
  const CommandResult r = run_integrasim({"check", dir + "/big_seed.toml"});
  EXPECT_EQ(r.exit_code, 2) << describe(r);
  EXPECT_NE(r.err.find(dir + "/big_seed.toml:" + std::to_string(line) + ":"), std::string::npos)
      << describe(r);
  EXPECT_NE(r.err.find("18446744073709551616"), std::string::npos) << describe(r);
  fs::remove_all(dir);
}

}  // namespace
}  // namespace integrasim::testing
