// File-descriptor-relative operations on folder trees for write_output_folder. Every
// name is resolved relative to an open folder and no symbolic link is ever followed, so
// a link planted inside a folder cannot redirect a write or a removal outside it.
#pragma once

#include <functional>
#include <string>
#include <vector>

namespace integrasim {

// An open file descriptor, closed when it goes out of scope.
class UniqueFd {
 public:
  UniqueFd() = default;
  explicit UniqueFd(int fd) : fd_(fd) {}
  UniqueFd(const UniqueFd&) = delete;
  UniqueFd& operator=(const UniqueFd&) = delete;
  UniqueFd(UniqueFd&& other) noexcept : fd_(other.release()) {}
  UniqueFd& operator=(UniqueFd&& other) noexcept;
  ~UniqueFd();
  int get() const { return fd_; }
  int release();
  bool valid() const { return fd_ >= 0; }

 private:
  int fd_ = -1;  // -1: none
};

// Throws std::runtime_error "cannot <what> '<path>': <strerror(error)>".
[[noreturn]] void fail_system(const std::string& what, const std::string& path, int error);

// The names in the open folder `dir` except "." and ".."; `path` names it in messages.
std::vector<std::string> list_names(int dir, const std::string& path);

// Opens the folder `name` inside `dir` without following a link; -1 with errno if absent.
int open_folder_at(int dir, const std::string& name);

// Creates `name` inside `dir` (which must not exist, not even as a link), writes
// `content`, makes it durable (fsync) and closes it. `path` names it in messages.
void write_new_file_at(int dir, const std::string& name, const std::string& content, const std::string& path);

// Decides, for each entry at the top of the old folder, whether it is carried into the
// new one (true) or left behind with the old folder (false). Gets the name and whether
// the entry is a folder (not a link to one).
using CarryFilter = std::function<bool(const std::string& name, bool is_folder)>;

// Recreates under `to` what `from` holds and `keep` accepts (all of it below the top):
// files as hard links (copies where the file system refuses links), links as links,
// folders recursively. `path` names `from` in messages. Refuses other kinds of entry
// (pipes, sockets, devices), which a result folder has no business holding.
void carry_over(int from, int to, const std::string& path, const CarryFilter& keep);

// Removes the folder `name` inside `dir` and everything in it, never following a link.
// Best effort: stops quietly at the first entry it cannot remove.
void remove_tree_at(int dir, const std::string& name);

}  // namespace integrasim
