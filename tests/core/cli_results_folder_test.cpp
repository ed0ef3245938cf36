// The result folder as the integrasim executable leaves it: one failing system call at a
// time (strace -e inject) during the write, a plain run after a --draws run, and
// concurrent runs into one folder. After each, the folder holds one run's complete files
// and the exit status says which: 0 for the new run, 2 (with a message saying so) for
// the old one left as it was.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <map>
#include <stdexcept>
#include <string>
#include <tuple>
#include <vector>

#include "process_support.h"
#include "test_support.h"

namespace integrasim::testing {
namespace {

namespace fs = std::filesystem;

const std::vector<std::string> k_files = {"summary.csv",  "monthly.csv", "effects.csv",
                                          "results.xlsx", "report.html", "manifest.json"};

std::vector<std::string> run_args(const std::string& folder, int seed) {
  return {"run", "--persons", "200", "--seed", std::to_string(seed), "--out", folder, "--quiet"};
}

// The value of "seed" in a manifest, or "" if absent.
std::string manifest_seed(const std::string& manifest) {
  std::size_t at = manifest.find("\"seed\"");
  if (at == std::string::npos) return "";
  at = manifest.find_first_of("0123456789", at + 6);
  if (at == std::string::npos) return "";
  const std::size_t end = manifest.find_first_not_of("0123456789", at);
  return manifest.substr(at, end - at);
}

// The result files of a run with each seed, for recognising a complete run.
class RunReferences {
 public:
  explicit RunReferences(const std::vector<int>& seeds) {
    const std::string dir = make_temp_dir("results-ref");
    for (const int seed : seeds) {
      const std::string folder = dir + "/s" + std::to_string(seed);
      const CommandResult r = run_integrasim(run_args(folder, seed));
      if (r.exit_code != 0) throw std::runtime_error(describe(r));
      for (const auto& file : {"summary.csv", "monthly.csv", "effects.csv"})
        files_[seed][file] = read_file_bytes(folder + "/" + file);
    }
  }

  // "seed N" if `folder` holds exactly seed N's complete files (and the user's notes),
  // otherwise what is wrong.
  std::string state_of(const std::string& folder) const {
    std::vector<std::string> names;
    for (const auto& entry : fs::directory_iterator(folder))
      names.push_back(entry.path().filename().string());
    std::sort(names.begin(), names.end());
    std::vector<std::string> expected = k_files;
    expected.push_back("notes.txt");
    std::sort(expected.begin(), expected.end());
    if (names != expected) {
      std::string listing = "entries:";
      for (const auto& n : names) listing.append(" ").append(n);
      return listing;
    }
    if (read_file_bytes(folder + "/notes.txt") != "the user's") return "the user's file changed";
    const std::string seed = manifest_seed(read_file_bytes(folder + "/manifest.json"));
    for (const auto& [reference_seed, files] : files_) {
      if (std::to_string(reference_seed) != seed) continue;
      for (const auto& [name, bytes] : files)
        if (read_file_bytes(folder + "/" + name) != bytes)
          return "mixed: " + name + " is not seed " + seed + "'s";
      return "seed " + seed;
    }
    return "manifest of an unknown run (seed " + seed + ")";
  }

 private:
  std::map<int, std::map<std::string, std::string>> files_;  // seed -> file name -> bytes
};

bool strace_works() {
  return run_shell("strace -f -qq -o /dev/null true").exit_code == 0;
}

std::vector<std::string> names_in(const std::string& folder) {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(folder)) names.push_back(entry.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

// The system calls whose failure the test injects, with the error each fails with.
struct Injection {
  const char* syscall;
  const char* error;
};

class CliResultsFolderFaults : public ::testing::TestWithParam<Injection> {};

// Counts the calls of `syscall` a run makes before and during the write (from the first
// system call after execve that names the output folder on).
std::pair<int, int> count_calls(const std::string& syscall, const std::string& folder,
                                const std::string& cwd) {
  const std::string log = cwd + "/trace.log";
  std::string command = "cd " + shell_quote(cwd) + " && strace -f -qq -s 4096 -o " + shell_quote(log) + " " +
                        shell_quote(integrasim_binary());
  for (const auto& a : run_args(folder, 2)) command.append(" ").append(shell_quote(a));
  const CommandResult r = run_shell(command);
  if (r.exit_code != 0) throw std::runtime_error(describe(r));
  const std::string text = read_file_bytes(log);
  fs::remove(log);
  int before = 0;
  int during = 0;
  bool writing = false;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    const std::string line = text.substr(start, end - start);
    start = end + 1;
    const std::size_t name = line.find_first_not_of("0123456789 ");
    if (name == std::string::npos) continue;
    writing = writing || (line.compare(name, 7, "execve(") != 0 && line.find(folder) != std::string::npos);
    if (line.compare(name, syscall.size() + 1, syscall + "(") != 0) continue;
    ++(writing ? during : before);
  }
  return {before, during};
}

// A result folder holding seed 1's run and a file of the user's, and runs of seed 2 into
// it with one system call tampered with by strace.
class InjectionBench {
 public:
  explicit InjectionBench(const std::string& syscall)
      : syscall_(syscall), references_({1, 2}), cwd_(make_temp_dir("results-faults")) {
    fs::create_directories(folder());
    write_file_bytes(folder() + "/notes.txt", "the user's");
    reset();
    // Counted over a write like the injected ones: seed 2 over seed 1 and the user's file.
    std::tie(before_, during_) = count_calls(syscall_, folder(), cwd_);
    reset();
  }

  std::string parent() const { return cwd_ + "/results"; }
  std::string folder() const { return parent() + "/out"; }
  int first_call() const { return before_ + 1; }  // the first call of the write
  int calls() const { return during_; }           // calls of it during the write
  std::string state() const { return references_.state_of(folder()); }

  // Back to seed 1's run by an ordinary run, which must also leave nothing beside.
  void reset() const {
    const CommandResult r = run_integrasim(run_args(folder(), 1), cwd_);
    if (r.exit_code != 0) throw std::runtime_error(describe(r));
    if (state() != "seed 1") throw std::runtime_error("reset: " + state());
    if (names_in(parent()) != std::vector<std::string>{"out"})
      throw std::runtime_error("the run after left something beside the folder");
  }

  // Seed 2's run with `tamper` (e.g. "error=EIO") at call `n` of the system call.
  CommandResult run_tampered(const std::string& tamper, int n) const {
    std::string command = "cd " + shell_quote(cwd_) + " && strace -f -qq -o /dev/null -e inject=" + syscall_ +
                          ":" + tamper + ":when=" + std::to_string(n) + " " +
                          shell_quote(integrasim_binary());
    for (const auto& a : run_args(folder(), 2)) command.append(" ").append(shell_quote(a));
    return run_shell(command);
  }

 private:
  std::string syscall_;
  RunReferences references_;
  std::string cwd_;  // working folder of the runs
  int before_ = 0;   // calls of the system call before the write
  int during_ = 0;   // and during it
};

// Fails the Nth call of one system call, for every N during the write.
TEST_P(CliResultsFolderFaults, EveryInjectedFailureLeavesOneCompleteRun) {
  if (k_address_sanitizer) GTEST_SKIP() << "AddressSanitizer's leak check does not run under strace";
  if (!strace_works()) GTEST_SKIP() << "strace is not available (scripts/setup.sh installs it)";
  const Injection injection = GetParam();
  const InjectionBench bench(injection.syscall);
  ASSERT_GT(bench.calls(), 0) << injection.syscall << " is not called while writing";
  int failed = 0;
  for (int n = bench.first_call(); n < bench.first_call() + bench.calls(); ++n) {
    const CommandResult r = bench.run_tampered(std::string("error=") + injection.error, n);
    const std::string where =
        std::string(injection.syscall) + " call " + std::to_string(n) + "\n" + describe(r);
    if (r.exit_code == 0) {
      EXPECT_EQ(bench.state(), "seed 2") << where;
      bench.reset();
      continue;
    }
    ++failed;
    EXPECT_EQ(r.exit_code, 2) << where;
    EXPECT_NE(r.err.find("cannot write the results"), std::string::npos) << where;
    EXPECT_NE(r.err.find("was left as it was"), std::string::npos) << where;
    EXPECT_EQ(bench.state(), "seed 1") << where;
    // Nothing of the failed run is left but, if it failed while taking the lock, the lock
    // file beside the folder (the next run takes it over and removes it).
    const std::vector<std::string> beside = names_in(bench.parent());
    EXPECT_TRUE(beside == std::vector<std::string>{"out"} ||
                beside == (std::vector<std::string>{".out.integrasim-lock", "out"}))
        << where;
  }
  RecordProperty("injected", bench.calls());
  RecordProperty("failed_runs", failed);
}

// Kills the run (SIGKILL) as it makes the Nth call of one system call, for every N
// during the write: the folder holds one complete run, with nothing hidden in it, and
// the next run removes what the killed one left beside it (reset checks that).
TEST_P(CliResultsFolderFaults, EveryKillLeavesOneCompleteRunAndTheNextRunCleansUp) {
  if (k_address_sanitizer) GTEST_SKIP() << "AddressSanitizer's leak check does not run under strace";
  if (!strace_works()) GTEST_SKIP() << "strace is not available (scripts/setup.sh installs it)";
  const Injection injection = GetParam();
  const InjectionBench bench(injection.syscall);
  ASSERT_GT(bench.calls(), 0) << injection.syscall << " is not called while writing";
  for (int n = bench.first_call(); n < bench.first_call() + bench.calls(); ++n) {
    const CommandResult r = bench.run_tampered("signal=SIGKILL", n);
    const std::string where =
        std::string(injection.syscall) + " call " + std::to_string(n) + "\n" + describe(r);
    EXPECT_EQ(r.exit_code, 128 + 9) << where;
    const std::string state = bench.state();
    EXPECT_TRUE(state == "seed 1" || state == "seed 2") << state << "\n" << where;
    bench.reset();
  }
  RecordProperty("killed", bench.calls());
}

INSTANTIATE_TEST_SUITE_P(Syscalls, CliResultsFolderFaults,
                         ::testing::Values(Injection{"openat", "EIO"}, Injection{"write", "ENOSPC"},
                                           Injection{"fsync", "EIO"}, Injection{"mkdirat", "ENOSPC"},
                                           Injection{"flock", "EIO"}, Injection{"linkat", "EIO"},
                                           Injection{"fchmod", "EPERM"}, Injection{"renameat2", "EIO"},
                                           Injection{"unlinkat", "EIO"}, Injection{"getdents64", "EIO"},
                                           Injection{"newfstatat", "EIO"}),
                         [](const ::testing::TestParamInfo<Injection>& param) {
                           return std::string(param.param.syscall);
                         });

// A plain run after a --draws run: the draw files go, the user's file stays.
TEST(CliResultsFolder, PlainRunAfterDrawsRunRemovesTheDrawFiles) {
  const std::string dir = make_temp_dir("results-stale");
  const std::string folder = dir + "/out";
  std::vector<std::string> with_draws = run_args(folder, 3);
  with_draws.insert(with_draws.end(), {"--draws", "2"});
  CommandResult r = run_integrasim(with_draws);
  ASSERT_EQ(r.exit_code, 0) << describe(r);
  ASSERT_TRUE(fs::exists(folder + "/draws.csv"));
  write_file_bytes(folder + "/notes.txt", "the user's");
  r = run_integrasim(run_args(folder, 3));
  ASSERT_EQ(r.exit_code, 0) << describe(r);
  std::vector<std::string> expected = k_files;
  expected.push_back("notes.txt");
  std::sort(expected.begin(), expected.end());
  EXPECT_EQ(names_in(folder), expected);
  EXPECT_EQ(names_in(dir), std::vector<std::string>{"out"});
}

// Links planted in the output folder under every name a run writes (and under the
// temporaries of earlier versions): the files they point to outside stay as they were.
TEST(CliResultsFolder, LinksPlantedInTheFolderAreNotFollowed) {
  const std::string dir = make_temp_dir("results-links");
  const std::string folder = dir + "/out";
  const std::string victim = dir + "/victim.txt";
  fs::create_directories(folder);
  write_file_bytes(victim, "precious");
  for (const auto& file : k_files) {
    fs::create_symlink(victim, folder + "/" + file);
    for (int pid = 0; pid < 4; ++pid)
      fs::create_symlink(victim, folder + "/." + file + ".tmp-" + std::to_string(pid));
  }
  const CommandResult r = run_integrasim(run_args(folder, 4));
  ASSERT_EQ(r.exit_code, 0) << describe(r);
  EXPECT_EQ(read_file_bytes(victim), "precious");
  std::vector<std::string> expected = k_files;
  std::sort(expected.begin(), expected.end());
  EXPECT_EQ(names_in(folder), expected);
  for (const auto& file : k_files)
    EXPECT_TRUE(fs::is_regular_file(fs::symlink_status(folder + "/" + file))) << file;
}

// Four runs with different seeds at once into one folder: all succeed, and the folder
// ends with one of them, complete.
TEST(CliResultsFolder, ConcurrentRunsLeaveOneCompleteRun) {
  const RunReferences references({11, 12, 13, 14});
  const std::string dir = make_temp_dir("results-concurrent");
  const std::string folder = dir + "/out";
  fs::create_directories(folder);
  write_file_bytes(folder + "/notes.txt", "the user's");
  std::string command = "cd " + shell_quote(dir) + " && status=0; pids=''; for seed in 11 12 13 14; do " +
                        shell_quote(integrasim_binary()) +
                        " run --persons 200 --seed $seed --out out --quiet & pids=\"$pids $!\"; done; "
                        "for p in $pids; do wait $p || status=1; done; exit $status";
  const CommandResult r = run_shell(command);
  EXPECT_EQ(r.exit_code, 0) << describe(r);
  const std::string state = references.state_of(folder);
  EXPECT_TRUE(state == "seed 11" || state == "seed 12" || state == "seed 13" || state == "seed 14") << state;
  EXPECT_EQ(names_in(dir), std::vector<std::string>{"out"});
}

}  // namespace
}  // namespace integrasim::testing
