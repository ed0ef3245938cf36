#include "io/output_folder.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <regex>
#include <stdexcept>
#include <string>
#include <vector>

#include "test_support.h"

namespace integrasim {
namespace {

namespace fs = std::filesystem;

// Sized read rather than istreambuf_iterator, which trips GCC 12's -Wnull-dereference
// at -O2.
std::string read_bytes(const fs::path& path) {
  std::ifstream in(path, std::ios::binary | std::ios::ate);
  if (!in) return "<missing " + path.string() + ">";
  std::string bytes(static_cast<std::size_t>(in.tellg()), '\0');
  in.seekg(0);
  in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  return bytes;
}

void write_bytes(const fs::path& path, const std::string& content) {
  std::ofstream out(path, std::ios::binary);
  out << content;
}

// Every entry of `folder` by name, so a test sees leftovers such as ".x.tmp-123".
std::vector<std::string> entries(const fs::path& folder) {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(folder)) {
    names.push_back(entry.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

std::string temp_name(const std::string& name) {
  return "." + name + ".tmp-" + std::to_string(::getpid());
}

TEST(OutputFolder, WritesFilesWithExactContents) {
  const fs::path folder = fs::path(testing::make_temp_dir("out-exact")) / "a" / "b";
  const std::string binary("with\0nul\r\n\xEF\xBB\xBF", 13);
  write_output_folder(folder.string(),
                      {{"summary.csv", "x,y\r\n1,2\r\n"}, {"empty.txt", ""}, {"binary.bin", binary}});
  EXPECT_EQ(read_bytes(folder / "summary.csv"), "x,y\r\n1,2\r\n");
  EXPECT_EQ(read_bytes(folder / "empty.txt"), "");
  EXPECT_EQ(read_bytes(folder / "binary.bin"), binary);
  EXPECT_EQ(entries(folder), (std::vector<std::string>{"binary.bin", "empty.txt", "summary.csv"}));
}

TEST(OutputFolder, OverwritesExistingFilesAndKeepsOthers) {
  const fs::path folder = testing::make_temp_dir("out-overwrite");
  write_bytes(folder / "summary.csv", "old summary, much longer than the new one\n");
  write_bytes(folder / "notes.txt", "the user's own file");
  write_output_folder(folder.string(), {{"summary.csv", "new"}});
  EXPECT_EQ(read_bytes(folder / "summary.csv"), "new");
  EXPECT_EQ(read_bytes(folder / "notes.txt"), "the user's own file");
  EXPECT_EQ(entries(folder), (std::vector<std::string>{"notes.txt", "summary.csv"}));
}

TEST(OutputFolder, EmptyFileListCreatesTheFolder) {
  const fs::path folder = fs::path(testing::make_temp_dir("out-none")) / "new";
  write_output_folder(folder.string(), {});
  EXPECT_TRUE(fs::is_directory(folder));
  EXPECT_TRUE(entries(folder).empty());
}

// A folder where this run writes a file is the user's, not an old result: nothing changes.
TEST(OutputFolder, TargetThatIsADirectoryChangesNothing) {
  const fs::path folder = testing::make_temp_dir("out-dir-target");
  write_bytes(folder / "summary.csv", "old summary");
  write_bytes(folder / "monthly.csv", "old monthly");
  fs::create_directory(folder / "manifest.json");
  try {
    write_output_folder(
        folder.string(),
        {{"summary.csv", "new summary"}, {"monthly.csv", "new monthly"}, {"manifest.json", "{}"}});
    FAIL() << "expected std::runtime_error";
  } catch (const std::runtime_error& error) {
    EXPECT_NE(std::string(error.what()).find((folder / "manifest.json").string()), std::string::npos)
        << error.what();
    EXPECT_NE(std::string(error.what()).find("it is a folder"), std::string::npos) << error.what();
    EXPECT_NE(std::string(error.what()).find("was left as it was"), std::string::npos) << error.what();
  }
  EXPECT_EQ(read_bytes(folder / "summary.csv"), "old summary");
  EXPECT_EQ(read_bytes(folder / "monthly.csv"), "old monthly");
  EXPECT_TRUE(fs::is_directory(folder / "manifest.json"));
  EXPECT_EQ(entries(folder), (std::vector<std::string>{"manifest.json", "monthly.csv", "summary.csv"}));
  EXPECT_FALSE(fs::exists(folder.parent_path() / ("." + folder.filename().string() + ".integrasim-lock")))
      << "no lock file is left";
}

// Temporaries of earlier versions (".summary.csv.tmp-PID", left by a killed run) go;
// a folder of that name, or a hidden file of the user's, is not ours to delete.
TEST(OutputFolder, OldTemporariesOfOurFilesAreRemoved) {
  const fs::path folder = testing::make_temp_dir("out-old-temp");
  write_bytes(folder / "summary.csv", "old summary");
  write_bytes(folder / temp_name("monthly.csv"), "half a monthly");
  write_bytes(folder / ".draws.csv.tmp-12", "half a draws");
  write_bytes(folder / ".notes.txt.tmp-12", "the user's");
  fs::create_directory(folder / temp_name("effects.csv"));
  write_output_folder(folder.string(), {{"summary.csv", "new summary"}, {"monthly.csv", "new monthly"}});
  EXPECT_EQ(entries(folder), (std::vector<std::string>{temp_name("effects.csv"), ".notes.txt.tmp-12",
                                                       "monthly.csv", "summary.csv"}));
}

TEST(OutputFolder, FolderThatIsAFileIsReported) {
  const fs::path base = testing::make_temp_dir("out-folder-file");
  write_bytes(base / "taken", "a file");
  try {
    write_output_folder((base / "taken").string(), {{"summary.csv", "x"}});
    FAIL() << "expected std::runtime_error";
  } catch (const std::runtime_error& error) {
    EXPECT_NE(std::string(error.what()).find((base / "taken").string()), std::string::npos) << error.what();
  }
  EXPECT_EQ(read_bytes(base / "taken"), "a file");
}

TEST(OutputFolder, RejectsNamesOutsideTheFolder) {
  const fs::path folder = testing::make_temp_dir("out-bad-name");
  EXPECT_THROW(write_output_folder(folder.string(), {{"../escape.csv", "x"}}), std::runtime_error);
  EXPECT_THROW(write_output_folder(folder.string(), {{"", "x"}}), std::runtime_error);
  EXPECT_THROW(write_output_folder(folder.string(), {{"..", "x"}}), std::runtime_error);
  EXPECT_TRUE(entries(folder).empty());
  EXPECT_FALSE(fs::exists(folder.parent_path() / "escape.csv"));
}

// A result folder drops our files that a run does not write only if it knows their names:
// every file name the commands write must be listed in result_file_names().
TEST(OutputFolder, EveryResultFileNameOfTheCommandsIsKnown) {
  const std::regex file_name("\"([a-z_]+\\.(csv|json|xlsx|html))\"");
  const std::vector<std::string>& known = result_file_names();
  int found = 0;
  // The commands' files, and those of run, sensitivity and explore (io/result_files.cpp).
  std::vector<fs::path> sources = {testing::source_path("sim/io/result_files.cpp")};
  for (const auto& entry : fs::directory_iterator(testing::source_path("sim/cli")))
    sources.push_back(entry.path());
  for (const fs::path& path : sources) {
    const std::string text = read_bytes(path);
    for (auto it = std::sregex_iterator(text.begin(), text.end(), file_name); it != std::sregex_iterator();
         ++it) {
      ++found;
      EXPECT_NE(std::find(known.begin(), known.end(), (*it)[1].str()), known.end())
          << (*it)[1].str() << " in " << path;
    }
  }
  EXPECT_GE(found, 14);
}

}  // namespace
}  // namespace integrasim
