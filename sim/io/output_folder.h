// Replaces a result folder with one run's complete files, all or nothing. Every file is
// written into a fresh hidden folder beside the target, the user's other files are
// carried into it, and one renameat2(RENAME_EXCHANGE) swaps it with the target; the old
// folder is then removed. So after a failure or a kill at any point the folder holds
// exactly one run's files, old or new, never a mix. Runs into the same folder take
// turns (FolderLock), and leftovers of killed runs are removed by the next run.
#pragma once

#include <functional>
#include <string>
#include <vector>

namespace integrasim {

struct OutputFile {
  std::string name;     // file name inside the folder, e.g. "summary.csv"
  std::string content;  // bytes to write
};

// What the folder is, which decides what happens to files this run does not write.
enum class FolderKind {
  results,    // a result folder: files of integrasim's result kinds (result_file_names)
              // that this run does not write are removed; all other files are kept
  catalogue,  // a catalogue folder (calibrate --apply): every other file is kept
};

struct OutputFolderOptions {
  FolderKind kind = FolderKind::results;
  double lock_wait_seconds = 60.0;  // how long to wait for another run writing the same folder, s
  // Test-only fault injection: called before every step of the write that can fail (it
  // may throw, or end the process, to act as that step's failure). Empty in production.
  std::function<void()> before_step;
};

// Every file name an integrasim command writes into a result folder.
const std::vector<std::string>& result_file_names();

// Creates `folder`'s parents if needed, then replaces `folder` as above. Throws
// std::runtime_error naming the path on failure (the caller exits 2); the message says
// that the folder was left unchanged.
void write_output_folder(const std::string& folder, const std::vector<OutputFile>& files,
                         const OutputFolderOptions& options = {});

}  // namespace integrasim
