#include "io/folder_lock.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <stdexcept>
#include <thread>

#include "core/diagnostics.h"

namespace integrasim {

std::string FolderLock::file_name(const std::string& name) {
  return "." + name + ".integrasim-lock";
}

FolderLock::FolderLock(int parent, const std::string& parent_path, const std::string& name,
                       double wait_seconds)
    : parent_(parent), name_(file_name(name)) {
  const std::string path = parent_path + "/" + name;
  const std::string lock_path = parent_path + "/" + name_;
  const auto deadline =
      std::chrono::steady_clock::now() + std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                                             std::chrono::duration<double>(wait_seconds));
  while (true) {
    UniqueFd fd(::openat(parent, name_.c_str(), O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0600));
    if (!fd.valid()) {
      if (errno == EACCES || errno == EPERM || errno == EROFS)
        throw InputError("cannot create the lock file '" + lock_path + "': " + std::strerror(errno) +
                         " (a run locks, builds and swaps in its results beside '" + name +
                         "', so the folder holding it must be writable)");
      fail_system("create the lock file", lock_path, errno);
    }
    if (::flock(fd.get(), LOCK_EX | LOCK_NB) != 0) {
      if (errno != EWOULDBLOCK && errno != EINTR) fail_system("lock", lock_path, errno);
      if (std::chrono::steady_clock::now() >= deadline)
        throw InputError("another integrasim run is writing into '" + path + "' (it holds '" + lock_path +
                         "'); wait for it to finish or choose another output folder");
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
      continue;
    }
    // The previous holder removes the file when it is done: a lock on a file that is no
    // longer (or no longer this file) under the name locks nothing, so start again.
    struct stat held {};
    struct stat named {};
    if (::fstat(fd.get(), &held) != 0) fail_system("lock", lock_path, errno);
    if (::fstatat(parent, name_.c_str(), &named, AT_SYMLINK_NOFOLLOW) == 0 && named.st_dev == held.st_dev &&
        named.st_ino == held.st_ino) {
      fd_ = std::move(fd);
      return;
    }
  }
}

// Unlinked while still locked, so a waiting run that opened the old file notices (above).
FolderLock::~FolderLock() {
  ::unlinkat(parent_, name_.c_str(), 0);
}

}  // namespace integrasim
