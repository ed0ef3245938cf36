// An exclusive lock on one output folder, held while a run replaces it, so that two
// runs into the same folder take turns instead of interleaving. It is an flock(2) on a
// hidden file beside the folder (the folder itself is swapped, so it cannot carry the
// lock); the file is removed again on release.
#pragma once

#include <string>

#include "io/folder_tree.h"

namespace integrasim {

class FolderLock {
 public:
  // Locks the folder named `name` inside the open folder `parent` (whose path is
  // `parent_path`, for messages), waiting up to `wait_seconds` for another run to
  // finish. Throws std::runtime_error if it cannot, naming the other run's lock file.
  FolderLock(int parent, const std::string& parent_path, const std::string& name, double wait_seconds);
  FolderLock(const FolderLock&) = delete;
  FolderLock& operator=(const FolderLock&) = delete;
  ~FolderLock();

  // The lock file's name beside the folder `name`.
  static std::string file_name(const std::string& name);

 private:
  int parent_;        // the folder holding the lock file (not owned)
  std::string name_;  // the lock file's name in it
  UniqueFd fd_;       // the locked file
};

}  // namespace integrasim
