// The one message shape of every input error, the internal error, "did you mean" hints,
// number formatting and the escaping of control characters in messages.
#include "core/diagnostics.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

namespace integrasim {
namespace {

std::string message_of(void (*thrower)()) {
  try {
    thrower();
  } catch (const InputError& e) {
    return e.what();
  }
  return "(no InputError)";
}

TEST(InputError, PositionOmitsUnknownParts) {
  EXPECT_EQ(format_position({"x.toml", 14, 3}), "x.toml:14:3: ");
  EXPECT_EQ(format_position({"x.toml", 14, 0}), "x.toml:14: ");
  EXPECT_EQ(format_position({"x.toml", 0, 0}), "x.toml: ");
  EXPECT_EQ(format_position({"x.toml", 0, 5}), "x.toml: ");  // a column without a line means nothing
}

TEST(InputError, ValueMessageHasTheCompilerShape) {
  EXPECT_EQ(message_of([] {
              fail_input({"scenarios/x.toml", 14, 3}, "pathway 'company_first' step 2: duration_months", "-3",
                         "an integer between 1 and 600");
            }),
            "scenarios/x.toml:14:3: pathway 'company_first' step 2: duration_months is -3, but must "
            "be an integer between 1 and 600");
  EXPECT_EQ(message_of([] {
              fail_input({"effects.csv", 7, 0}, "hazard_ratio", "-1", "> 0");
            }),
            "effects.csv:7: hazard_ratio is -1, but must be > 0");
}

TEST(InputError, FreeMessageKeepsThePosition) {
  EXPECT_EQ(message_of([] {
              fail_input_message({"x.toml", 3, 1}, "unknown key 'horizon' in [scenario]");
            }),
            "x.toml:3:1: unknown key 'horizon' in [scenario]");
}

TEST(InputError, IsARuntimeError) {
  EXPECT_THROW(fail_input_message({"f", 1, 1}, "m"), std::runtime_error);
}

TEST(ClosestMatch, FindsLikelyTypos) {
  const std::vector<std::string> keys = {"horizon_months", "persons", "seed", "name"};
  EXPECT_EQ(closest_match("horizon_month", keys), "horizon_months");   // one deletion
  EXPECT_EQ(closest_match("horizon_monhts", keys), "horizon_months");  // transposition = 2 edits
  EXPECT_EQ(closest_match("persns", keys), "persons");
  EXPECT_EQ(closest_match("sed", keys), "seed");  // len 3: one edit allowed
  EXPECT_EQ(closest_match("names", keys), "name");
}

TEST(ClosestMatch, RejectsDistantWords) {
  const std::vector<std::string> keys = {"horizon_months", "persons", "seed"};
  EXPECT_EQ(closest_match("horizon", keys), "");  // 7 edits
  EXPECT_EQ(closest_match("xy", keys), "");
  EXPECT_EQ(closest_match("sx", {"se"}), "se");                        // short words still get one edit
  EXPECT_EQ(closest_match("sxx", {"see"}), "");                        // but not two
  EXPECT_EQ(closest_match("pers", keys), "");                          // len 4: one edit allowed, needs 3
  EXPECT_EQ(closest_match("horizxn_mxnths", keys), "horizon_months");  // 2 edits, 3 allowed
  EXPECT_EQ(closest_match("hxrizxn_mxnthx", keys), "");                // 4 edits: len/3 = 4, but the cap is 3
}

TEST(ClosestMatch, NeverAllowsMoreThanThreeEdits) {
  const std::vector<std::string> ids = {"effect.internship_private.post.employed.all"};
  EXPECT_EQ(closest_match("effect.internship_private.post.employed.alx", ids), ids[0]);
  EXPECT_EQ(closest_match("effect.internship_private.post.employed.xxx", ids), ids[0]);
  EXPECT_EQ(closest_match("effect.internship_private.post.employed.xxxx", ids), "");
  EXPECT_EQ(closest_match("anything", {}), "");
}

TEST(FormatValue, ShortestRoundTrip) {
  EXPECT_EQ(format_value(0.5), "0.5");
  EXPECT_EQ(format_value(0.1), "0.1");
  EXPECT_EQ(format_value(1.0), "1");
  EXPECT_EQ(format_value(-3.0), "-3");
  EXPECT_EQ(format_value(1e-09), "1e-09");
  EXPECT_EQ(format_value(0.1 + 0.2), "0.30000000000000004");
  EXPECT_EQ(std::stod(format_value(1.0 / 3.0)), 1.0 / 3.0);
}

TEST(FormatValue, NonFiniteValues) {
  EXPECT_EQ(format_value(std::numeric_limits<double>::quiet_NaN()), "nan");
  EXPECT_EQ(format_value(-std::numeric_limits<double>::quiet_NaN()), "nan");
  EXPECT_EQ(format_value(std::numeric_limits<double>::infinity()), "inf");
  EXPECT_EQ(format_value(-std::numeric_limits<double>::infinity()), "-inf");
}

TEST(InputError, KeepsItsParts) {
  try {
    fail_input({"x.toml", 4, 2}, "[scenario] persons", "0", "an integer between 1 and 100000000");
    FAIL() << "no InputError";
  } catch (const InputError& e) {
    EXPECT_EQ(e.where().file, "x.toml");
    EXPECT_EQ(e.where().line, 4);
    EXPECT_EQ(e.where().column, 2);
    EXPECT_EQ(e.field(), "[scenario] persons");
    EXPECT_EQ(e.value(), "0");
    EXPECT_EQ(e.rule(), "an integer between 1 and 100000000");
  }
}

TEST(InternalError, SaysInternalErrorAndIsALogicError) {
  try {
    fail_internal("no column 'x'");
    FAIL() << "no InternalError";
  } catch (const std::logic_error& e) {
    EXPECT_EQ(std::string(e.what()), "internal error: no column 'x'");
  }
}

TEST(DidYouMean, GivesOneWordingForTyposAndAbbreviations) {
  const std::vector<std::string> keys = {"horizon_months", "persons", "seed"};
  EXPECT_EQ(did_you_mean("persns", keys), " (did you mean 'persons'?)");
  EXPECT_EQ(did_you_mean("horizon", keys), " (did you mean 'horizon_months'?)");  // abbreviation
  EXPECT_EQ(did_you_mean("zzz", keys), "");
  EXPECT_EQ(did_you_mean("ho", {"horizon_months"}), "");           // too short to be an abbreviation
  EXPECT_EQ(did_you_mean("hor", {"horizon_a", "horizon_b"}), "");  // ambiguous abbreviation
}

TEST(ClosestMatch, ASwapOfNeighboursIsOneEdit) {
  EXPECT_EQ(closest_match("mael", {"male", "female"}), "male");  // length 4: one edit allowed
}

TEST(EscapeControl, ShowsControlCharactersEscaped) {
  EXPECT_EQ(escape_control(std::string("a\0b", 3)), "a\\x00b");
  EXPECT_EQ(escape_control("\x1b[31mred\x1b[0m"), "\\x1b[31mred\\x1b[0m");
  EXPECT_EQ(escape_control("tab\there\nline\x7f"), "tab\\x09here\\x0aline\\x7f");
  EXPECT_EQ(escape_control("\xc2\x9b"), "\\u009b");  // C1 CSI as UTF-8
  EXPECT_EQ(escape_control("\x9b"
                           "2J"),
            "\\x9b"
            "2J");  // a lone byte that is not UTF-8
  EXPECT_EQ(escape_control("K\xc3\xb8"
                           "benhavn \xe2\x82\xac"),
            "K\xc3\xb8"
            "benhavn \xe2\x82\xac");                             // UTF-8 kept
  EXPECT_EQ(escape_control("\xc3"), "\\xc3");                    // a cut sequence
  EXPECT_EQ(escape_control("\xed\xa0\x80"), "\\xed\\xa0\\x80");  // a UTF-16 surrogate is not UTF-8
}

TEST(EscapeControl, ANulByteDoesNotCutTheMessageShort) {
  const std::string value("abc\0def\x1b[2J", 11);
  try {
    fail_input({"x.toml", 3, 8}, "[scenario] name", quote_value(value), "a name");
    FAIL() << "no InputError";
  } catch (const InputError& e) {
    EXPECT_EQ(std::string(e.what()),
              "x.toml:3:8: [scenario] name is 'abc\\x00def\\x1b[2J', but must be a name");
    EXPECT_EQ(e.value(), "'" + value + "'");  // the part as given, for code that needs it
  }
  EXPECT_EQ(std::string(InternalError(std::string("a\0b", 3)).what()), "internal error: a\\x00b");
  EXPECT_EQ(std::string(InputError(std::string("m\0n", 3)).what()), "m\\x00n");
  EXPECT_EQ(std::string(InputError(SourcePosition{"f", 1, 0}, "\x1b").what()), "f:1: \\x1b");
}

TEST(QuoteValue, QuotesAndNamesTheEmptyValue) {
  EXPECT_EQ(quote_value("abc"), "'abc'");
  EXPECT_EQ(quote_value(""), "empty");
}

}  // namespace
}  // namespace integrasim
