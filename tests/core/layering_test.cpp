// The layers of sim/ (core <- analysis <- io <- cli) hold in the sources as well as in the
// build: CMake links each library only to the layers below it, and this test checks that
// no file includes a header of a layer above its own, so that a wrong include fails here
// with its file and line rather than at link time or not at all.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "test_support.h"

namespace integrasim {
namespace {

struct Layer {
  std::string folder;                         // under sim/
  std::vector<std::string> allowed;           // folders its own includes may name
  std::vector<std::string> forbidden_system;  // third-party headers it must not see
};

// Every '#include "x/..."' or '#include <x...>' of `folder` outside the allowed lists,
// as "file:line: include".
std::vector<std::string> wrong_includes(const Layer& layer) {
  std::vector<std::string> wrong;
  const std::filesystem::path dir = testing::source_path("sim/" + layer.folder);
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    std::ifstream in(entry.path());
    std::string line;
    for (int number = 1; std::getline(in, line); ++number) {
      if (line.rfind("#include", 0) != 0) continue;
      const std::size_t quote = line.find('"');
      bool ok = true;
      if (quote != std::string::npos) {
        const std::string header = line.substr(quote + 1);
        ok = false;
        for (const auto& a : layer.allowed) ok = ok || header.rfind(a + "/", 0) == 0;
      } else {
        for (const auto& f : layer.forbidden_system) ok = ok && line.find("<" + f) == std::string::npos;
      }
      if (!ok) wrong.push_back(entry.path().filename().string() + ":" + std::to_string(number) + ": " + line);
    }
  }
  return wrong;
}

TEST(Layering, NoFileIncludesAHeaderOfAHigherLayer) {
  const std::vector<Layer> layers = {
      {"core", {"core"}, {"toml++", "libfccp", "CLI/"}},
      {"analysis", {"core", "analysis"}, {"toml++", "libfccp", "CLI/"}},
      {"io", {"core", "analysis", "io"}, {"CLI/"}},
  };
  for (const Layer& layer : layers) {
    const std::vector<std::string> wrong = wrong_includes(layer);
    EXPECT_TRUE(wrong.empty()) << "sim/" << layer.folder << " includes above its layer:\n"
                               << ::testing::PrintToString(wrong);
  }
}

}  // namespace
}  // namespace integrasim
