// `integrasim check` through the executable: the tables a scenario leaves out are printed
// with their defaults, and keys it sets name their line in the file as the user gave it.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "process_support.h"
#include "test_support.h"

namespace integrasim::testing {
namespace {

TEST(CliCheckSections, EveryTablePrintedWithTheLineOrTheDefault) {
  const std::string scenario = source_path("scenarios/default.toml");
  const std::string text = read_file_bytes(scenario);
  const CommandResult r = run_integrasim({"check", scenario});
  ASSERT_EQ(r.exit_code, 0) << describe(r);
  for (const char* table : {"[scenario]", "[population]", "[frailty]", "[municipality]", "[labour_market]",
                            "[[pathway]]", "[[arm]]", "[output]", "[overrides]", "[uncertainty]"})
    EXPECT_NE(r.out.find(std::string("\n") + table), std::string::npos) << table << "\n" << describe(r);
  const std::size_t at = text.find("\nseed = ");
  ASSERT_NE(at, std::string::npos);
  const std::string line =
      std::to_string(2 + std::count(text.begin(), text.begin() + static_cast<long>(at), '\n'));
  const std::string seed = text.substr(at + 8, text.find('\n', at + 1) - at - 8);
  EXPECT_NE(r.out.find("\n  seed = " + seed + "  (" + scenario + ":" + line + ")\n"), std::string::npos)
      << describe(r);
  EXPECT_NE(r.out.find("\n  sanctions = false  (built-in default: no sanction regime)\n"), std::string::npos)
      << describe(r);
  EXPECT_NE(r.out.find("\n  caseload = 1  (built-in default: the reference organisation)\n"),
            std::string::npos)
      << describe(r);
}

}  // namespace
}  // namespace integrasim::testing
