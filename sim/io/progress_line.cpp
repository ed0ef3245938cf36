#include "io/progress_line.h"

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <iostream>
#include <ostream>

namespace integrasim {

ProgressLine::ProgressLine(std::string label, std::ostream& out, Clock now)
    : label_(std::move(label)), out_(out), now_(std::move(now)), start_seconds_(now_()) {}

void ProgressLine::show_share(double done) {
  done = std::clamp(done, 0.0, 1.0);
  const std::lock_guard lock(mutex_);
  if (done >= 1.0) {
    write_locked("");
    return;
  }
  char buffer[96];
  const double elapsed = now_() - start_seconds_;
  // Nothing finished yet says nothing about the speed, so no estimate then.
  if (done > 0.0) {
    const double left = elapsed * (1.0 - done) / done;
    std::snprintf(buffer, sizeof buffer, "%3.0f%%  (about %.0f s left)", done * 100.0, left);
  } else {
    std::snprintf(buffer, sizeof buffer, "%3.0f%%", 0.0);
  }
  write_locked("  " + label_ + ": " + buffer);
}

void ProgressLine::show_text(std::string_view text) {
  const std::lock_guard lock(mutex_);
  write_locked("  " + label_ + ": " + std::string(text));
}

void ProgressLine::clear() {
  const std::lock_guard lock(mutex_);
  write_locked("");
}

std::function<void(double)> ProgressLine::share_callback() {
  return [this](double done) { show_share(done); };
}

// A shorter line is padded with spaces over the rest of the longer one before it; the
// empty line erases and returns to the start.
void ProgressLine::write_locked(const std::string& line) {
  if (line.empty() && shown_ == 0) return;
  std::string text = "\r" + line;
  if (line.size() < shown_) {
    text.append(shown_ - line.size(), ' ');
    if (line.empty()) text.push_back('\r');
  }
  out_ << text << std::flush;
  shown_ = line.size();
}

std::unique_ptr<ProgressLine> terminal_progress(std::string label, bool quiet) {
  if (quiet || isatty(STDERR_FILENO) == 0) return nullptr;
  const auto clock = [] {
    return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
  };
  return std::make_unique<ProgressLine>(std::move(label), std::cerr, clock);
}

std::function<void(double)> share_callback(const std::unique_ptr<ProgressLine>& line) {
  if (!line) return {};
  return line->share_callback();
}

}  // namespace integrasim
