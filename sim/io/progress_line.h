// The progress line long commands show on a terminal: "  simulating:  42%  (about 12 s
// left)", rewritten in place with a carriage return and erased when the work is done.
#pragma once

#include <cstddef>
#include <functional>
#include <iosfwd>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

namespace integrasim {

class ProgressLine {
 public:
  // Seconds on a clock that never goes back; injected so tests need not sleep.
  using Clock = std::function<double()>;

  // The time left is measured from construction.
  ProgressLine(std::string label, std::ostream& out, Clock now);

  // Shows `done`, the share of the work finished (0 to 1), and the time left assuming the
  // rest goes as fast as the work so far. At 1 the line is erased.
  void show_share(double done);
  // Shows `text` after the label, for progress that is not a share (calibration iterations).
  void show_text(std::string_view text);
  // Erases the line, leaving the cursor where it began.
  void clear();

  // The callback SimulationOptions and the analyses take. Callers may report from worker
  // threads; the line is written under a lock.
  std::function<void(double)> share_callback();

 private:
  void write_locked(const std::string& line);

  std::string label_;
  std::ostream& out_;
  Clock now_;
  double start_seconds_;   // the clock at construction
  std::size_t shown_ = 0;  // characters on the terminal line now, to pad over and erase
  std::mutex mutex_;
};

// A progress line on stderr with the steady clock, or none when `quiet` is set or stderr
// is not a terminal (in a log file the carriage returns would pile up).
std::unique_ptr<ProgressLine> terminal_progress(std::string label, bool quiet);

// `line`'s share_callback, or an empty function (the engine then skips reporting).
std::function<void(double)> share_callback(const std::unique_ptr<ProgressLine>& line);

}  // namespace integrasim
