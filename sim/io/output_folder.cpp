#include "io/output_folder.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstddef>
#include <cstring>
#include <filesystem>
#include <stdexcept>
#include <system_error>

namespace integrasim {

namespace {

[[noreturn]] void fail(const std::string& what, const std::string& path, int error) {
  throw std::runtime_error("cannot " + what + " '" + path + "': " + std::strerror(error));
}

// Names come from our own writers, but a '/' or ".." would silently write outside the
// folder, so they are refused rather than trusted.
void check_file_name(const std::string& name) {
  if (name.empty() || name == "." || name == ".." || name.find('/') != std::string::npos) {
    throw std::runtime_error("invalid output file name '" + name + "'");
  }
}

// A hidden name with the pid, so a temporary file is never mistaken for a result and
// two processes writing the same folder do not clobber each other's temporaries.
std::string temp_path_for(const std::string& folder, const std::string& name) {
  return folder + "/." + name + ".tmp-" + std::to_string(::getpid());
}

// write(2) may write less than asked or be interrupted; loop until all bytes are out.
void write_all(int fd, const std::string& content, const std::string& path) {
  const char* data = content.data();
  std::size_t left = content.size();
  while (left > 0) {
    const ssize_t written = ::write(fd, data, left);
    if (written < 0) {
      if (errno == EINTR) continue;
      fail("write", path, errno);
    }
    data += written;
    left -= static_cast<std::size_t>(written);
  }
}

int create_file(const std::string& path) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) fail("create", path, errno);
  return fd;
}

// The fsync makes the contents durable before the rename makes them visible, so a crash
// cannot leave a renamed but empty result file. Closes `fd` in every case.
void write_durably_and_close(int fd, const std::string& content, const std::string& path) {
  try {
    write_all(fd, content, path);
    if (::fsync(fd) != 0) fail("flush", path, errno);
  } catch (...) {
    ::close(fd);
    throw;
  }
  if (::close(fd) != 0) fail("close", path, errno);
}

// Persists the renames themselves (the directory entries). Some file systems cannot
// fsync a directory (EINVAL); the files are already in place, so that is not an error.
void sync_directory(const std::string& folder) {
  const int fd = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) fail("open folder", folder, errno);
  const int result = ::fsync(fd);
  const int error = errno;
  ::close(fd);
  if (result != 0 && error != EINVAL) fail("flush folder", folder, error);
}

void remove_quietly(const std::vector<std::string>& paths) {
  for (const auto& path : paths) ::unlink(path.c_str());
}

// rename(2) cannot replace a directory with a file. Checking every target before the
// first rename turns the most likely mid-way failure into one that changes nothing.
void check_targets_replaceable(const std::vector<std::string>& targets) {
  for (const auto& target : targets) {
    struct stat info {};
    if (::lstat(target.c_str(), &info) == 0 && S_ISDIR(info.st_mode)) {
      fail("replace", target, EISDIR);
    }
  }
}

}  // namespace

void write_output_folder(const std::string& folder, const std::vector<OutputFile>& files) {
  for (const auto& file : files) check_file_name(file.name);

  std::error_code error;
  std::filesystem::create_directories(folder, error);
  if (error) {
    throw std::runtime_error("cannot create folder '" + folder + "': " + error.message());
  }

  std::vector<std::string> temps;    // temporaries created so far, removed on failure
  std::vector<std::string> targets;  // final paths, aligned with `temps`
  temps.reserve(files.size());       // so recording a created file cannot throw
  targets.reserve(files.size());
  try {
    for (const auto& file : files) {
      const std::string temp = temp_path_for(folder, file.name);
      // Only record the temporary once it was created: if creating failed because
      // something else has that name (e.g. a directory), that thing is not ours to delete.
      const int fd = create_file(temp);
      temps.push_back(temp);
      targets.push_back(folder + "/" + file.name);
      write_durably_and_close(fd, file.content, temp);
    }
    check_targets_replaceable(targets);
  } catch (...) {
    remove_quietly(temps);
    throw;
  }

  // A rename can still fail here (e.g. the disk was remounted read-only); files already
  // renamed then hold the new results. POSIX offers no atomic multi-file replace, and the
  // check above rules out the failures we can foresee.
  for (std::size_t i = 0; i < temps.size(); ++i) {
    if (::rename(temps[i].c_str(), targets[i].c_str()) != 0) {
      const int rename_error = errno;
      remove_quietly(std::vector<std::string>(temps.begin() + static_cast<std::ptrdiff_t>(i), temps.end()));
      fail("replace", targets[i], rename_error);
    }
  }
  sync_directory(folder);
}

}  // namespace integrasim
