// Which names a scenario, pathway, arm, [explore] or [calibration] may have
// (toml_support::is_plain_name): ASCII letters, digits, '_' and '-', and the UTF-8 Latin
// letters, so that Danish place names are written as they are spelled.
#include <gtest/gtest.h>

#include "io/toml_support.h"

namespace integrasim::toml_support {
namespace {

TEST(PlainName, AcceptsDanishAndOtherLatinLetters) {
  for (const char* name : {"københavn", "ærø", "Å", "ÆØÅ_æøå-2", "Malmö", "Łódź", "plain_name-1"})
    EXPECT_TRUE(is_plain_name(name)) << name;
}

TEST(PlainName, RefusesSignsSpacesAndBrokenUtf8) {
  const char* refused[] = {"",
                           "two words",
                           "a×b",            // U+00D7, a sign among the Latin-1 letters
                           "a÷b",            // U+00F7
                           "a\xC3",          // a lead byte without its continuation
                           "a\xA5",          // a continuation byte alone
                           "a\xE2\x82\xAC",  // the euro sign
                           "a\xCC\x8A",      // a combining ring (å typed as a + ring)
                           "\xC3\x28"};      // a lead byte before ASCII
  for (const char* name : refused) EXPECT_FALSE(is_plain_name(name)) << name;
}

TEST(PlainName, LengthCountsBytes) {
  EXPECT_TRUE(is_plain_name("øø", 4));
  EXPECT_FALSE(is_plain_name("øøø", 4));
}

}  // namespace
}  // namespace integrasim::toml_support
