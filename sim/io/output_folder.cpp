#include "io/output_folder.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <random>
#include <set>
#include <stdexcept>
#include <system_error>

#include "core/diagnostics.h"
#include "io/folder_lock.h"
#include "io/folder_tree.h"

namespace integrasim {

namespace fs = std::filesystem;

const std::vector<std::string>& result_file_names() {
  static const std::vector<std::string> names = {
      "summary.csv",         "monthly.csv",      "effects.csv",  "manifest.json",  "draws.csv",
      "parameters.csv",      "uncertainty.csv",  "tornado.csv",  "voi.csv",        "fit_report.csv",
      "calibrated_rows.csv", "calibration.json", "explore.csv",  "validation.csv", "calendar.csv",
      "budget.csv",          "queues.csv",       "results.xlsx", "batch.csv",      "sweep.csv",
      "compare.csv",         "report.html"};
  return names;
}

namespace {

// The new folder is built under this name beside the target, then swapped in; after the
// swap the old folder has the name until it is removed. Six random characters follow.
std::string temp_prefix(const std::string& name) {
  return "." + name + ".integrasim-new-";
}
constexpr std::size_t k_temp_suffix = 6;

// Names come from our own writers, but a '/' or ".." would silently write outside the
// folder, so they are refused rather than trusted.
void check_file_names(const std::vector<OutputFile>& files) {
  std::set<std::string> seen;
  for (const auto& file : files) {
    const std::string& name = file.name;
    if (name.empty() || name == "." || name == ".." || name.find('/') != std::string::npos)
      throw InputError("invalid output file name '" + name + "'");
    if (!seen.insert(name).second) throw InputError("output file '" + name + "' given twice");
  }
}

// The folder as a parent folder and a name in it. A link given as the folder itself is
// the user's own choice and is followed once, here; links inside it never are.
struct Target {
  std::string parent;  // absolute path of the folder holding it
  std::string name;    // its name there
};

Target resolve(const std::string& folder) {
  if (folder.empty()) throw InputError("no output folder given");
  fs::path path = fs::absolute(fs::path(folder)).lexically_normal();
  if (path.filename().empty()) path = path.parent_path();  // "out/" is "out"
  std::error_code error;
  if (fs::is_symlink(path, error)) {
    path = fs::canonical(path, error);
    if (error) throw InputError("cannot follow the link '" + folder + "': " + error.message());
  }
  const std::string name = path.filename().string();
  if (name.empty() || name == "." || name == ".." || path == path.root_path())
    throw InputError("cannot use '" + folder + "' as an output folder; give a folder below it");
  return {path.parent_path().string(), name};
}

// "." + one of `names` + ".tmp-" + digits: a temporary of integrasim versions that
// renamed files into place one by one, left behind by a killed run.
bool is_old_temporary(const std::string& entry, const std::set<std::string>& names) {
  const std::size_t tmp = entry.rfind(".tmp-");
  if (entry.size() < 2 || entry[0] != '.' || tmp == std::string::npos || tmp + 5 == entry.size())
    return false;
  if (!std::all_of(entry.begin() + static_cast<std::ptrdiff_t>(tmp) + 5, entry.end(),
                   [](char c) { return c >= '0' && c <= '9'; }))
    return false;
  return names.count(entry.substr(1, tmp - 1)) != 0;
}

bool is_temp_name(const std::string& entry, const std::string& prefix) {
  return entry.size() == prefix.size() + k_temp_suffix && entry.compare(0, prefix.size(), prefix) == 0;
}

// Removes the new-or-old folders that killed runs into this folder left beside it. Only
// called with the lock held, so none of them belongs to a live run; only our own folders
// by the exact name pattern are touched.
void remove_leftovers(int parent, const Target& target) {
  const std::string prefix = temp_prefix(target.name);
  std::vector<std::string> names;
  try {
    names = list_names(parent, target.parent);
  } catch (const std::runtime_error&) {
    return;  // cleaning up is a courtesy; the write itself does not depend on it
  }
  for (const std::string& entry : names) {
    if (!is_temp_name(entry, prefix)) continue;
    struct stat info {};
    if (::fstatat(parent, entry.c_str(), &info, AT_SYMLINK_NOFOLLOW) == 0 && S_ISDIR(info.st_mode) &&
        info.st_uid == ::geteuid())
      remove_tree_at(parent, entry);
  }
}

// Creates the new folder beside the target exclusively (mkdir fails on any existing
// name, a planted link included) and returns its name.
std::string make_temp_folder(int parent, const Target& target) {
  static const char k_alphabet[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  std::random_device entropy;
  std::uniform_int_distribution<std::size_t> pick(0, sizeof k_alphabet - 2);
  for (int attempt = 0; attempt < 100; ++attempt) {
    std::string name = temp_prefix(target.name);
    for (std::size_t i = 0; i < k_temp_suffix; ++i) name.push_back(k_alphabet[pick(entropy)]);
    if (::mkdirat(parent, name.c_str(), 0700) == 0) return name;
    if (errno == EACCES || errno == EPERM || errno == EROFS) {
      throw InputError("cannot create a folder in '" + target.parent + "': " + std::strerror(errno) +
                       " (the results are built beside '" + target.name +
                       "' and swapped in, so the folder holding it must be writable)");
    }
    if (errno != EEXIST) fail_system("create a folder beside", target.parent + "/" + target.name, errno);
  }
  fail_system("create a folder beside", target.parent + "/" + target.name, EEXIST);
}

// umask(2) can only be read by setting it; the write runs after the simulation threads
// have finished, so nothing creates a file in between.
mode_t process_umask() {
  const mode_t mask = ::umask(0);
  ::umask(mask);
  return mask;
}

// Which entries of the old folder the new one keeps: not the files this run writes, not
// (in a result folder) other result kinds, not old temporaries; everything else.
CarryFilter carry_filter(const std::vector<OutputFile>& files, FolderKind kind, const std::string& folder) {
  std::set<std::string> written;
  for (const auto& file : files) written.insert(file.name);
  std::set<std::string> ours = written;
  if (kind == FolderKind::results) ours.insert(result_file_names().begin(), result_file_names().end());
  return [written, ours, folder](const std::string& name, bool is_folder) {
    if (is_folder) {
      if (written.count(name) != 0)
        throw InputError("cannot replace '" + folder + "/" + name +
                         "': it is a folder, and this run writes a file of that name; move it away");
      return true;  // a folder is never one of our files
    }
    return ours.count(name) == 0 && !is_old_temporary(name, ours);
  };
}

// One atomic step: the new folder takes the target's name, the old one the temporary's.
void swap_in(int parent, const std::string& temp, const Target& target, bool target_exists,
             const std::string& folder) {
  const unsigned flags = target_exists ? RENAME_EXCHANGE : RENAME_NOREPLACE;
  if (::renameat2(parent, temp.c_str(), parent, target.name.c_str(), flags) == 0) return;
  const int error = errno;
  if (!target_exists && (error == EINVAL || error == ENOSYS)) {
    // No RENAME_NOREPLACE on this file system; the lock keeps our own runs out, and
    // rename(2) would still refuse to replace a non-empty folder someone else made.
    if (::renameat(parent, temp.c_str(), parent, target.name.c_str()) == 0) return;
    fail_system("create", folder, errno);
  }
  if (target_exists && (error == EINVAL || error == ENOSYS))
    throw InputError("cannot replace '" + folder +
                     "': its file system cannot swap two folders in one step (renameat2 with "
                     "RENAME_EXCHANGE); write the results to a local disk");
  fail_system("replace", folder, error);
}

// Everything up to and including the swap; any failure leaves the target as it was.
void build_and_swap(int parent, const Target& target, const std::vector<OutputFile>& files,
                    const OutputFolderOptions& options, const std::string& folder) {
  const auto step = [&] {
    if (options.before_step) options.before_step();
  };
  step();
  const std::string temp = make_temp_folder(parent, target);
  const std::string temp_path = target.parent + "/" + temp;
  try {
    step();
    const UniqueFd fresh(open_folder_at(parent, temp));
    if (!fresh.valid()) fail_system("open folder", temp_path, errno);
    for (const auto& file : files) {
      step();
      write_new_file_at(fresh.get(), file.name, file.content, temp_path + "/" + file.name);
    }
    step();
    const UniqueFd old(open_folder_at(parent, target.name));
    if (!old.valid() && errno != ENOENT) {
      const int error = errno;
      fail_system(error == ENOTDIR || error == ELOOP ? "replace (it is not a folder)" : "open folder", folder,
                  error);
    }
    mode_t mode = 0777 & ~process_umask();
    if (old.valid()) {
      step();
      carry_over(old.get(), fresh.get(), folder, carry_filter(files, options.kind, folder));
      struct stat info {};
      step();
      if (::fstat(old.get(), &info) != 0) fail_system("read folder", folder, errno);
      mode = info.st_mode & 07777;
    }
    step();
    if (::fchmod(fresh.get(), mode) != 0) fail_system("set the permissions of", temp_path, errno);
    step();
    if (::fsync(fresh.get()) != 0) fail_system("flush folder", temp_path, errno);
    step();
    swap_in(parent, temp, target, old.valid(), folder);
  } catch (...) {
    remove_tree_at(parent, temp);
    throw;
  }
  // From here the folder holds the new run; what follows only tidies up, so a failure
  // is not reported (the next run removes what is left).
  ::fsync(parent);
  remove_tree_at(parent, temp);
}

}  // namespace

void write_output_folder(const std::string& folder, const std::vector<OutputFile>& files,
                         const OutputFolderOptions& options) {
  check_file_names(files);
  try {
    const Target target = resolve(folder);
    std::error_code error;
    fs::create_directories(target.parent, error);
    if (error) throw InputError("cannot create folder '" + target.parent + "': " + error.message());
    const UniqueFd parent(::open(target.parent.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (!parent.valid()) fail_system("open folder", target.parent, errno);
    if (options.before_step) options.before_step();
    const FolderLock lock(parent.get(), target.parent, target.name, options.lock_wait_seconds);
    remove_leftovers(parent.get(), target);
    build_and_swap(parent.get(), target, files, options, folder);
  } catch (const std::runtime_error& e) {
    throw InputError(std::string(e.what()) + " ('" + folder + "' was left as it was)");
  }
}

}  // namespace integrasim
