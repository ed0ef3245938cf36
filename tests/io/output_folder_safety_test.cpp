// write_output_folder under failure: a fault or a kill before every step of the write,
// concurrent runs into one folder, links planted in it, and what earlier runs left. In
// every case the folder holds exactly one run's complete files, old or new.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/file.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "io/output_folder.h"
#include "test_support.h"

namespace integrasim {
namespace {

namespace fs = std::filesystem;

std::string read_bytes(const fs::path& path) {
  std::ifstream in(path, std::ios::binary | std::ios::ate);
  if (!in) return "<missing>";
  std::string bytes(static_cast<std::size_t>(in.tellg()), '\0');
  in.seekg(0);
  in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  return bytes;
}

void write_bytes(const fs::path& path, const std::string& content) {
  std::ofstream(path, std::ios::binary) << content;
}

// Every entry below `folder` (relative path -> bytes, "-> target" for links, "/" for
// folders), without following links.
using Tree = std::map<std::string, std::string>;
Tree tree(const fs::path& folder) {
  Tree out;
  for (auto it = fs::recursive_directory_iterator(folder); it != fs::recursive_directory_iterator(); ++it) {
    const std::string name = it->path().lexically_relative(folder).string();
    if (it->is_symlink())
      out[name] = "-> " + fs::read_symlink(it->path()).string();
    else if (it->is_directory())
      out[name] = "/";
    else
      out[name] = read_bytes(it->path());
  }
  return out;
}

std::vector<std::string> names_in(const fs::path& folder) {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(folder)) names.push_back(entry.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

// A run's files, each holding "<run> <file name>".
std::vector<OutputFile> run_files(const std::string& run, bool with_draws) {
  std::vector<std::string> names = {"summary.csv", "monthly.csv", "effects.csv", "manifest.json"};
  if (with_draws) names.insert(names.end(), {"draws.csv", "parameters.csv", "uncertainty.csv"});
  std::vector<OutputFile> files;
  for (const auto& name : names) files.push_back({name, run + " " + name});
  return files;
}

// What the folder holds after `files` were written over one with the user's files.
Tree expected_tree(const std::vector<OutputFile>& files) {
  Tree t = {
      {"notes.txt", "the user's notes"}, {"mine", "/"}, {"mine/deep.txt", "deep"}, {"link", "-> notes.txt"}};
  for (const auto& f : files) t[f.name] = f.content;
  return t;
}

// A folder `out` in a fresh parent, holding the "old" run (with draws) and the user's files.
fs::path prepared_folder(const std::string& tag) {
  const fs::path out = fs::path(testing::make_temp_dir(tag)) / "out";
  write_output_folder(out.string(), run_files("old", true));
  write_bytes(out / "notes.txt", "the user's notes");
  fs::create_directory(out / "mine");
  write_bytes(out / "mine" / "deep.txt", "deep");
  fs::create_symlink("notes.txt", out / "link");
  return out;
}

// How many times write_output_folder calls the hook for the new run.
int count_steps(const fs::path& out) {
  int steps = 0;
  OutputFolderOptions counting;
  counting.before_step = [&] { ++steps; };
  write_output_folder(out.string(), run_files("new", false), counting);
  return steps;
}

TEST(OutputFolderFaults, AFailureBeforeAnyStepLeavesTheOldRunAndNoTrace) {
  const int steps = count_steps(prepared_folder("faults-count"));
  ASSERT_GE(steps, 10);  // resolve, lock, folder, 4 files, open, carry, stat, chmod, sync, swap
  for (int fail_at = 0; fail_at < steps; ++fail_at) {
    const fs::path out = prepared_folder("faults-throw");
    const Tree before = tree(out);
    ASSERT_EQ(before, expected_tree(run_files("old", true)));
    int step = 0;
    OutputFolderOptions options;
    options.before_step = [&] {
      if (step++ == fail_at) throw std::runtime_error("injected failure");
    };
    try {
      write_output_folder(out.string(), run_files("new", false), options);
      ADD_FAILURE() << "step " << fail_at << ": the injected failure was not reported";
    } catch (const std::runtime_error& e) {
      EXPECT_NE(std::string(e.what()).find("injected failure"), std::string::npos) << e.what();
      EXPECT_NE(std::string(e.what()).find("'" + out.string() + "' was left as it was"), std::string::npos)
          << e.what();
    }
    EXPECT_EQ(tree(out), before) << "failure before step " << fail_at;
    EXPECT_EQ(names_in(out.parent_path()), std::vector<std::string>{"out"})
        << "failure before step " << fail_at;
  }
}

// A kill (the process ends without unwinding) before each step: the folder holds the
// old run or the new one, and the next run removes whatever the killed one left.
TEST(OutputFolderFaults, AKillBeforeAnyStepLeavesOneCompleteRun) {
  const int steps = count_steps(prepared_folder("kills-count"));
  int kills = 0;
  for (int kill_at = 0; kill_at < steps; ++kill_at) {
    const fs::path out = prepared_folder("kills");
    const pid_t child = ::fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
      int step = 0;
      OutputFolderOptions options;
      options.before_step = [&] {
        if (step++ == kill_at) ::_exit(42);
      };
      try {
        write_output_folder(out.string(), run_files("new", false), options);
      } catch (...) {
        ::_exit(1);
      }
      ::_exit(0);
    }
    int status = 0;
    ASSERT_EQ(::waitpid(child, &status, 0), child);
    ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 42) << "kill before step " << kill_at;
    ++kills;
    const Tree after = tree(out);
    EXPECT_TRUE(after == expected_tree(run_files("old", true)) ||
                after == expected_tree(run_files("new", false)))
        << "kill before step " << kill_at;
    write_output_folder(out.string(), run_files("next", false));
    EXPECT_EQ(tree(out), expected_tree(run_files("next", false))) << "kill before step " << kill_at;
    EXPECT_EQ(names_in(out.parent_path()), std::vector<std::string>{"out"}) << "kill before step " << kill_at;
  }
  EXPECT_EQ(kills, steps);
}

// Runs in several processes into one folder take turns: every run completes, and the
// folder ends with exactly one of them.
TEST(OutputFolderConcurrency, RunsIntoOneFolderTakeTurns) {
  const fs::path out = prepared_folder("concurrent");
  constexpr int k_processes = 4;
  constexpr int k_runs_each = 5;
  std::vector<pid_t> children;
  for (int p = 0; p < k_processes; ++p) {
    const pid_t child = ::fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
      try {
        for (int r = 0; r < k_runs_each; ++r)
          write_output_folder(out.string(),
                              run_files("p" + std::to_string(p) + "r" + std::to_string(r), r % 2 == 0));
      } catch (...) {
        ::_exit(1);
      }
      ::_exit(0);
    }
    children.push_back(child);
  }
  for (const pid_t child : children) {
    int status = 0;
    ASSERT_EQ(::waitpid(child, &status, 0), child);
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << "every concurrent run succeeds";
  }
  const Tree after = tree(out);
  bool one_of_the_last = false;
  for (int p = 0; p < k_processes; ++p)
    one_of_the_last |= after == expected_tree(run_files("p" + std::to_string(p) + "r4", true));
  EXPECT_TRUE(one_of_the_last) << "the folder holds the last run of one process, complete";
  EXPECT_EQ(names_in(out.parent_path()), std::vector<std::string>{"out"});
}

// While another run holds the lock, a run waits for it; past its wait it gives up with a
// message naming the folder, and changes nothing.
TEST(OutputFolderConcurrency, WaitsForTheLockOrGivesUpClearly) {
  const fs::path out = prepared_folder("locked");
  const Tree before = tree(out);
  const fs::path lock_file = out.parent_path() / ".out.integrasim-lock";
  const int held = ::open(lock_file.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  ASSERT_GE(held, 0);
  ASSERT_EQ(::flock(held, LOCK_EX), 0);

  OutputFolderOptions impatient;
  impatient.lock_wait_seconds = 0.1;
  try {
    write_output_folder(out.string(), run_files("new", false), impatient);
    ADD_FAILURE() << "expected the run to give up";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("another integrasim run is writing into '"), std::string::npos)
        << e.what();
  }
  EXPECT_EQ(tree(out), before);

  const pid_t child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    try {
      write_output_folder(out.string(), run_files("new", false));
    } catch (...) {
      ::_exit(1);
    }
    ::_exit(0);
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  int status = 0;
  EXPECT_EQ(::waitpid(child, &status, WNOHANG), 0) << "the run waits while the lock is held";
  EXPECT_EQ(tree(out), before);
  ::unlink(lock_file.c_str());  // released the way a run releases it
  ::close(held);
  ASSERT_EQ(::waitpid(child, &status, 0), child);
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
  EXPECT_EQ(tree(out), expected_tree(run_files("new", false)));
  EXPECT_EQ(names_in(out.parent_path()), std::vector<std::string>{"out"});
}

// Links planted where the run writes, where earlier versions put temporaries, beside the
// folder where this version builds, and links of the user's to outside folders: nothing
// outside the folder is written or removed.
TEST(OutputFolderLinks, PlantedLinksAreNeverFollowed) {
  const fs::path out = prepared_folder("links");
  const fs::path outside = fs::path(testing::make_temp_dir("links-outside"));
  write_bytes(outside / "victim.txt", "precious");
  fs::create_directory(outside / "dir");
  write_bytes(outside / "dir" / "kept.txt", "kept");
  fs::remove(out / "summary.csv");
  fs::remove(out / "draws.csv");
  fs::create_symlink(outside / "victim.txt", out / "summary.csv");
  fs::create_symlink(outside / "victim.txt", out / "draws.csv");
  fs::create_symlink(outside / "victim.txt", out / (".monthly.csv.tmp-" + std::to_string(::getpid())));
  fs::create_symlink(outside / "dir", out / "to_outside");
  fs::create_symlink(outside / "dir", out.parent_path() / ".out.integrasim-new-AAAAAA");

  write_output_folder(out.string(), run_files("new", false));

  EXPECT_EQ(read_bytes(outside / "victim.txt"), "precious");
  EXPECT_EQ(tree(outside), (Tree{{"victim.txt", "precious"}, {"dir", "/"}, {"dir/kept.txt", "kept"}}));
  Tree expected = expected_tree(run_files("new", false));
  expected["to_outside"] = "-> " + (outside / "dir").string();
  EXPECT_EQ(tree(out), expected);
  EXPECT_TRUE(fs::is_regular_file(fs::symlink_status(out / "summary.csv")));
  // The planted link beside the folder is not ours (not a folder we made), so it stays.
  EXPECT_EQ(names_in(out.parent_path()), (std::vector<std::string>{".out.integrasim-new-AAAAAA", "out"}));
}

// A link where the lock file goes is refused, not followed.
TEST(OutputFolderLinks, ALinkAtTheLockFileIsRefused) {
  const fs::path out = prepared_folder("lock-link");
  const Tree before = tree(out);
  const fs::path outside = fs::path(testing::make_temp_dir("lock-link-outside"));
  write_bytes(outside / "victim.txt", "precious");
  fs::create_symlink(outside / "victim.txt", out.parent_path() / ".out.integrasim-lock");
  EXPECT_THROW(write_output_folder(out.string(), run_files("new", false)), std::runtime_error);
  EXPECT_EQ(read_bytes(outside / "victim.txt"), "precious");
  EXPECT_EQ(tree(out), before);
}

// A run without draws after one with them, and leftovers of killed runs beside the
// folder: our result kinds the run does not write go, the user's files stay, and only
// our own leftover folders (by their exact name) are removed.
TEST(OutputFolderLeftovers, StaleResultsAndLeftoversGoTheUsersFilesStay) {
  const fs::path out = prepared_folder("stale");
  write_bytes(out / "explore.csv", "an explore run's");
  write_bytes(out / "tornado.csv", "a sensitivity run's");
  const fs::path parent = out.parent_path();
  fs::create_directories(parent / ".out.integrasim-new-Ab12Cd" / "sub");
  write_bytes(parent / ".out.integrasim-new-Ab12Cd" / "summary.csv", "a killed run's");
  fs::create_directory(parent / ".out.integrasim-new-Ab12C");  // not our pattern
  fs::create_directory(parent / ".other.integrasim-new-Ab12Cd");

  write_output_folder(out.string(), run_files("plain", false));

  EXPECT_EQ(tree(out), expected_tree(run_files("plain", false)));
  EXPECT_EQ(names_in(parent),
            (std::vector<std::string>{".other.integrasim-new-Ab12Cd", ".out.integrasim-new-Ab12C", "out"}));
}

// A catalogue folder (calibrate --apply) keeps every file the run does not write, even
// those named like results.
TEST(OutputFolderLeftovers, CatalogueFolderKeepsEverythingElse) {
  const fs::path out = prepared_folder("catalogue");
  OutputFolderOptions catalogue;
  catalogue.kind = FolderKind::catalogue;
  write_output_folder(out.string(), {{"effects.csv", "calibrated"}}, catalogue);
  Tree expected = expected_tree(run_files("old", true));
  expected["effects.csv"] = "calibrated";
  EXPECT_EQ(tree(out), expected);
}

}  // namespace
}  // namespace integrasim
