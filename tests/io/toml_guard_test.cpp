// The TOML guard: valid TOML passes untouched, and every input that once crashed toml++
// 3.3.0 (tests/fixtures/toml_crashes/, found by scripts/fuzz.sh) is an InputError.
#include "io/toml_guard.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "core/diagnostics.h"
#include "io/scenario_reader.h"
#include "test_support.h"

namespace integrasim {
namespace {

// The guard's message for `text`, or "" if it accepts it.
std::string guard_error(const std::string& text) {
  try {
    guard_toml_text(text, "g.toml");
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}

TEST(TomlGuard, AcceptsValidToml) {
  const char* valid[] = {
      "",
      "# only a comment: æøå Ωмир 🙂\n",
      "[scenario]\nname = \"Århus\" # Århus kommune\n",
      "a = 'Æble'\nb = \"\\u00e6 \\\"quoted\\\" \\\\\"\n",
      "s = \"\"\"\nmulti\nlinje: æøå\n\"\"\"\n",
      "s = '''literal \\ æ'''\n",
      "s = \"\"\"a \\\n   b\"\"\"\n",             // line-ending backslash, ASCII after
      "s = \"\"\"quotes at the end\"\"\"\"\"\n",  // 5 closing quotes: 2 belong to the text
      "x = [\n  [1, 2],\n  [3],\n]\n",            // nested arrays at line starts are values
      "[[pathway]]\n[[pathway.step]]\n[ \"quoted header\" ]\n[a . b]\n[\"æ\".c]\n",
      "t = { a = 1, b = [ { c = 2 } ] }\n[x]\n",
      "d = 1979-05-27T07:32:00Z\nf = -0.5e-3\ni = 0x1F\nj = +inf\nk = -nan\nl = 1_000\n",
      "d = 1979-05-27 07:32:00.999-07:00 # space instead of T\nt = 07:32:00\nday = 1979-05-27\n",
      "a = [1979-05-27, 1979-05-27T07:32:00, 1, -2.5, \"x\", 'y', true]\n",
      "t = { \"quoted key\" = 1, a.\"b\" = 2, n = [ ] }\n",
      "a = 1\r\nb = 2\r\n",
      "\xEF\xBB\xBFx = 1\n",  // UTF-8 byte order mark (Notepad)
      "k = \"tab\tinside\"\t# tab\tcomment\n",
  };
  for (const char* text : valid) EXPECT_EQ(guard_error(text), "") << text;
}

TEST(TomlGuard, AcceptsEveryScenarioFixture) {
  for (const auto& entry :
       std::filesystem::directory_iterator(testing::source_path("tests/fixtures/scenarios"))) {
    EXPECT_EQ(guard_error(read_text_file(entry.path().string())), "") << entry.path();
  }
}

struct Rejected {
  const char* text;
  const char* message_start;  // position and the start of the message
};

TEST(TomlGuard, RejectsWhatTomlPlusPlusMishandles) {
  const Rejected rejected[] = {
      {"[&", "g.toml:1:2: table header: expected a table name"},
      {"x = 1\n[[ &x]]\n", "g.toml:2:4: table header: expected a table name"},
      {"[\n", "g.toml:1:2: table header: expected a table name"},
      {"[",
       "g.toml:1:2: table header: expected a table name (letters, digits, '_', '-' or a quoted name) after "
       "'[', but found the end of the file"},
      {"x = 1\xD0\x98\n", "g.toml:1:6: character U+0418 outside a string or comment"},
      {"\xC2\xA0x = 1\n", "g.toml:1:1: character U+00A0 outside a string or comment"},
      {"s = \"\"\"\\\xD0\x98\"\"\"\n", "g.toml:1:9: character U+0418 right after a backslash"},
      {"s = \"\"\"a\\\n  \xD0\x98\"\"\"\n", "g.toml:2:3: character U+0418 right after a backslash"},
      {"x = 1\x01\n", "g.toml:1:6: control character U+0001"},
      {"# bell \x07\n", "g.toml:1:8: control character U+0007"},
      {"x = \"\xFF\"\n", "g.toml:1:6: invalid UTF-8 (byte 0xFF)"},
      {"x = \"\xC0\xAF\"\n", "g.toml:1:6: invalid UTF-8"},          // overlong '/'
      {"x = \"\xED\xA0\x80\"\n", "g.toml:1:6: invalid UTF-8"},      // surrogate
      {"x = \"\xF4\x90\x80\x80\"\n", "g.toml:1:6: invalid UTF-8"},  // above U+10FFFF
      {"x = \"\xE2\x82\"", "g.toml:1:6: invalid UTF-8"},            // truncated at the end
      {"a=[},", "g.toml:1:4: '}' where an array element was expected"},
      {"a = [1,\n # c\n }", "g.toml:3:2: '}' where an array element was expected"},
      // A quote inside a number, date or time does not start a string for toml++.
      {"x = 1\"\xD0\x98\"\n", "g.toml:1:7: character U+0418 outside a string"},
      {"x = 6'''\xD0\x98'''\n", "g.toml:1:9: character U+0418 outside a string"},
      {"x = 1979-05-27 0\"\xD0\x98\"\n", "g.toml:1:18: character U+0418 outside a string"},
      {"x = 1979-05-27T:00:00\n", "g.toml:1:16: a date-time needs the time (digits) right after 'T'"},
      {"x = 1979-05-27T", "g.toml:1:16: a date-time needs the time"},
      {"x = 1979-05-27 0 \n", "g.toml:1:17: a date and its time must be written like"},
      {"x = [1980-05-{{ 0]\n", "g.toml:1:18: a date and its time must be written like"},
  };
  for (const auto& r : rejected) {
    const std::string message = guard_error(r.text);
    EXPECT_EQ(message.rfind(r.message_start, 0), 0U) << "input: " << r.text << "\nmessage: " << message;
  }
}

// Every crash the fuzzer ever found must now be an orderly InputError from the same path
// the CLI takes (guard, then parse); anything else - another exception, an abort, a
// sanitizer report - fails this test.
TEST(TomlGuard, EveryRecordedCrashIsAnInputError) {
  Catalogue catalogue = testing::tiny_catalogue();
  int files = 0;
  for (const auto& entry :
       std::filesystem::directory_iterator(testing::source_path("tests/fixtures/toml_crashes"))) {
    ++files;
    const std::string text = read_text_file(entry.path().string());
    bool rejected = false;
    try {
      guard_toml_text(text, entry.path().filename().string());
      parse_scenario(text, entry.path().filename().string(), catalogue);
    } catch (const InputError&) {
      rejected = true;
    }
    EXPECT_TRUE(rejected) << entry.path();
  }
  EXPECT_GE(files, 4);  // the two known crashers and their multi-line-string relatives at least
}

}  // namespace
}  // namespace integrasim
