#include "io/progress_line.h"

#include <gtest/gtest.h>

#include <sstream>
#include <string>

namespace integrasim {
namespace {

// What erasing a line of `width` characters writes: back to the start, spaces over it,
// back again.
std::string erased(std::size_t width) {
  std::string text = "\r";
  text.append(width, ' ');
  text.push_back('\r');
  return text;
}

// A clock the test moves by hand, and the stream the line writes to.
struct Fixture {
  double seconds = 100.0;
  std::ostringstream out;
  ProgressLine line{"simulating", out, [this] { return seconds; }};

  std::string take() {
    std::string text = out.str();
    out.str("");
    return text;
  }
};

TEST(ProgressLine, ShareWithTimeLeftFromTheSpeedSoFar) {
  Fixture f;
  f.seconds = 110.0;  // 10 s for a quarter: 30 s for the rest
  f.line.show_share(0.25);
  EXPECT_EQ(f.take(), "\r  simulating:  25%  (about 30 s left)");
}

TEST(ProgressLine, NoEstimateBeforeAnythingIsDone) {
  Fixture f;
  f.seconds = 105.0;
  f.line.show_share(0.0);
  EXPECT_EQ(f.take(), "\r  simulating:   0%");
}

TEST(ProgressLine, ShorterLinePadsOverTheLongerOne) {
  Fixture f;
  f.seconds = 200.0;
  f.line.show_share(0.5);  // "about 100 s left"
  const std::string first = f.take();
  EXPECT_EQ(first, "\r  simulating:  50%  (about 100 s left)");
  f.seconds = 210.0;
  f.line.show_share(0.99);  // 110 s for 99 %: about 1 s left, two characters shorter
  EXPECT_EQ(f.take(), "\r  simulating:  99%  (about 1 s left)  ");
}

TEST(ProgressLine, DoneErasesTheLine) {
  Fixture f;
  f.seconds = 101.0;
  f.line.show_share(0.5);
  const std::size_t width = f.take().size() - 1;  // without the carriage return
  f.line.show_share(1.0);
  EXPECT_EQ(f.take(), erased(width));
  f.line.clear();  // nothing is shown any more: nothing to erase
  EXPECT_EQ(f.take(), "");
}

TEST(ProgressLine, TextProgressAndClear) {
  Fixture f;
  f.line.show_text("iteration 3, 12 simulations");
  EXPECT_EQ(f.take(), "\r  simulating: iteration 3, 12 simulations");
  f.line.clear();
  EXPECT_EQ(f.take(), erased(std::string("  simulating: iteration 3, 12 simulations").size()));
}

TEST(ProgressLine, SharesOutsideZeroToOneAreClamped) {
  Fixture f;
  f.seconds = 110.0;
  f.line.show_share(-0.5);
  EXPECT_EQ(f.take(), "\r  simulating:   0%");
  f.line.show_share(1.5);
  EXPECT_EQ(f.take(), erased(18));
}

TEST(ProgressLine, CallbackReportsThroughTheLine) {
  Fixture f;
  f.seconds = 104.0;
  const auto callback = f.line.share_callback();
  callback(0.8);  // 4 s for 80 %: 1 s left
  EXPECT_EQ(f.take(), "\r  simulating:  80%  (about 1 s left)");
  EXPECT_FALSE(share_callback(nullptr)) << "no line, no callback: the engine skips reporting";
}

}  // namespace
}  // namespace integrasim
