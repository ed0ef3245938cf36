#include "io/folder_tree.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <vector>

#include "core/diagnostics.h"

namespace integrasim {

UniqueFd& UniqueFd::operator=(UniqueFd&& other) noexcept {
  if (this != &other) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = other.release();
  }
  return *this;
}

UniqueFd::~UniqueFd() {
  if (fd_ >= 0) ::close(fd_);
}

int UniqueFd::release() {
  const int fd = fd_;
  fd_ = -1;
  return fd;
}

void fail_system(const std::string& what, const std::string& path, int error) {
  throw InputError("cannot " + what + " '" + path + "': " + std::strerror(error));
}

std::vector<std::string> list_names(int dir, const std::string& path) {
  const int copy = ::fcntl(dir, F_DUPFD_CLOEXEC, 0);
  if (copy < 0) fail_system("read folder", path, errno);
  DIR* stream = ::fdopendir(copy);
  if (stream == nullptr) {
    const int error = errno;
    ::close(copy);
    fail_system("read folder", path, error);
  }
  ::rewinddir(stream);  // the duplicate shares the offset of `dir`
  std::vector<std::string> names;
  int error = 0;
  while (true) {
    errno = 0;
    const dirent* d = ::readdir(stream);
    if (d == nullptr) {
      error = errno;
      break;
    }
    std::string name = d->d_name;
    if (name != "." && name != "..") names.push_back(std::move(name));
  }
  ::closedir(stream);
  if (error != 0) fail_system("read folder", path, error);
  return names;
}

namespace {

// One entry of a folder listing.
struct Entry {
  std::string name;
  struct stat info;  // lstat of the entry: a link is described as a link
};

// The entries of the open folder `dir` except "." and "..".
std::vector<Entry> list_folder(int dir, const std::string& path) {
  std::vector<Entry> entries;
  for (std::string& name : list_names(dir, path)) {
    Entry entry{std::move(name), {}};
    if (::fstatat(dir, entry.name.c_str(), &entry.info, AT_SYMLINK_NOFOLLOW) != 0)
      fail_system("read folder", path, errno);
    entries.push_back(std::move(entry));
  }
  return entries;
}

// write(2) may write less than asked or be interrupted; loops until all bytes are out.
void write_all(int fd, const std::string& content, const std::string& path) {
  const char* data = content.data();
  std::size_t left = content.size();
  while (left > 0) {
    const ssize_t written = ::write(fd, data, left);
    if (written < 0) {
      if (errno == EINTR) continue;
      fail_system("write", path, errno);
    }
    data += written;
    left -= static_cast<std::size_t>(written);
  }
}

void copy_file_at(int from, int to, const Entry& entry, const std::string& path) {
  const UniqueFd in(::openat(from, entry.name.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC));
  if (!in.valid()) fail_system("read", path, errno);
  const UniqueFd out(::openat(to, entry.name.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
                              entry.info.st_mode & 07777));
  if (!out.valid()) fail_system("copy", path, errno);
  std::vector<char> buffer(1 << 16);
  while (true) {
    const ssize_t got = ::read(in.get(), buffer.data(), buffer.size());
    if (got < 0) {
      if (errno == EINTR) continue;
      fail_system("read", path, errno);
    }
    if (got == 0) break;
    write_all(out.get(), std::string(buffer.data(), static_cast<std::size_t>(got)), path);
  }
  if (::fsync(out.get()) != 0) fail_system("flush", path, errno);
}

void carry_link_at(int from, int to, const Entry& entry, const std::string& path) {
  std::vector<char> target(static_cast<std::size_t>(entry.info.st_size) + 2);
  const ssize_t length = ::readlinkat(from, entry.name.c_str(), target.data(), target.size());
  if (length < 0) fail_system("read link", path, errno);
  if (static_cast<std::size_t>(length) >= target.size()) fail_system("read link", path, ENAMETOOLONG);
  target[static_cast<std::size_t>(length)] = '\0';
  if (::symlinkat(target.data(), to, entry.name.c_str()) != 0) fail_system("copy link", path, errno);
}

}  // namespace

int open_folder_at(int dir, const std::string& name) {
  return ::openat(dir, name.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
}

void write_new_file_at(int dir, const std::string& name, const std::string& content,
                       const std::string& path) {
  const UniqueFd fd(::openat(dir, name.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644));
  if (!fd.valid()) fail_system("create", path, errno);
  write_all(fd.get(), content, path);
  // Durable before the swap makes it visible, so a crash cannot show an empty result.
  if (::fsync(fd.get()) != 0) fail_system("flush", path, errno);
}

void carry_over(int from, int to, const std::string& path, const CarryFilter& keep) {
  for (const Entry& entry : list_folder(from, path)) {
    const std::string entry_path = path + "/" + entry.name;
    const bool is_folder = S_ISDIR(entry.info.st_mode);
    if (!keep(entry.name, is_folder)) continue;
    if (S_ISREG(entry.info.st_mode)) {
      // flags 0: a link is never followed. Some file systems (or protected_hardlinks
      // for files of other owners) refuse hard links; a copy does the same job.
      if (::linkat(from, entry.name.c_str(), to, entry.name.c_str(), 0) == 0) continue;
      const int error = errno;
      if (error != EPERM && error != EXDEV && error != EMLINK && error != EOPNOTSUPP && error != EACCES)
        fail_system("keep", entry_path, error);
      copy_file_at(from, to, entry, entry_path);
    } else if (S_ISLNK(entry.info.st_mode)) {
      carry_link_at(from, to, entry, entry_path);
    } else if (is_folder) {
      if (::mkdirat(to, entry.name.c_str(), entry.info.st_mode & 07777) != 0)
        fail_system("keep", entry_path, errno);
      const UniqueFd sub_from(open_folder_at(from, entry.name));
      if (!sub_from.valid()) fail_system("open folder", entry_path, errno);
      const UniqueFd sub_to(open_folder_at(to, entry.name));
      if (!sub_to.valid()) fail_system("open folder", entry_path, errno);
      carry_over(sub_from.get(), sub_to.get(), entry_path, [](const std::string&, bool) { return true; });
    } else {
      throw InputError("cannot keep '" + entry_path +
                       "': it is neither a file, a folder nor a link; move it out of the output folder");
    }
  }
}

void remove_tree_at(int dir, const std::string& name) {
  const UniqueFd folder(open_folder_at(dir, name));
  if (folder.valid()) {
    std::vector<Entry> entries;
    try {
      entries = list_folder(folder.get(), name);
    } catch (const std::runtime_error&) {
      return;
    }
    for (const Entry& entry : entries) {
      if (S_ISDIR(entry.info.st_mode)) {
        remove_tree_at(folder.get(), entry.name);
      } else if (::unlinkat(folder.get(), entry.name.c_str(), 0) != 0) {
        return;
      }
    }
  }
  ::unlinkat(dir, name.c_str(), AT_REMOVEDIR);
}

}  // namespace integrasim
