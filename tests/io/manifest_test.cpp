#include "io/manifest.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <cstdint>
#include <limits>
#include <string>

namespace integrasim {
namespace {

Manifest example_manifest() {
  Manifest m;
  m.version = "0.1.0";
  m.git_revision = "3ed83e1";
  m.build_type = "Release";
  m.command_line = "integrasim run scenarios/default.toml --seed 42";
  m.scenario_name = "default";
  m.description = "Newcomers in København, 2024";
  m.seed = 42;
  m.persons = 100000;
  m.draws = 1;
  m.threads = 8;
  m.horizon_months = 120;
  m.csv_dialect = "standard";
  m.started_utc = "2024-05-01T12:00:00Z";
  m.wall_seconds = 1.25;
  m.inputs = {{"scenarios/default.toml", "ab12"}, {"<built-in>/evidence/effects.csv", "cd34"}};
  m.outputs = {{"summary.csv", "ef56"}};
  return m;
}

TEST(Manifest, FieldsInFixedOrderWithTwoSpaceIndent) {
  const std::string expected = R"({
  "tool": "integrasim",
  "version": "0.1.0",
  "git_revision": "3ed83e1",
  "build_type": "Release",
  "command_line": "integrasim run scenarios/default.toml --seed 42",
  "scenario": "default",
  "description": "Newcomers in København, 2024",
  "seed": 42,
  "persons": 100000,
  "draws": 1,
  "threads": 8,
  "horizon_months": 120,
  "csv_dialect": "standard",
  "started_utc": "2024-05-01T12:00:00Z",
  "wall_seconds": 1.25,
  "inputs": [
    {
      "name": "scenarios/default.toml",
      "sha256": "ab12"
    },
    {
      "name": "<built-in>/evidence/effects.csv",
      "sha256": "cd34"
    }
  ],
  "outputs": [
    {
      "name": "summary.csv",
      "sha256": "ef56"
    }
  ]
}
)";
  EXPECT_EQ(manifest_json(example_manifest()), expected);
}

TEST(Manifest, NoInputsOrOutputsAreEmptyArrays) {
  Manifest m = example_manifest();
  m.inputs.clear();
  m.outputs.clear();
  const std::string json = manifest_json(m);
  EXPECT_NE(json.find("\n  \"inputs\": [],\n  \"outputs\": []\n}\n"), std::string::npos) << json;
}

TEST(Manifest, LargeSeedIsWrittenAsExactDigits) {
  Manifest m = example_manifest();
  m.seed = std::numeric_limits<std::uint64_t>::max();
  EXPECT_NE(manifest_json(m).find("\"seed\": 18446744073709551615,"), std::string::npos);
  m.seed = std::uint64_t{1} << 63;
  EXPECT_NE(manifest_json(m).find("\"seed\": 9223372036854775808,"), std::string::npos);
}

TEST(Manifest, NonFiniteWallTimeIsNull) {
  Manifest m = example_manifest();
  m.wall_seconds = std::numeric_limits<double>::quiet_NaN();
  EXPECT_NE(manifest_json(m).find("\"wall_seconds\": null,"), std::string::npos);
}

TEST(Manifest, EscapesStrings) {
  Manifest m = example_manifest();
  m.command_line = std::string("a\"b\\c\nd\re\tf\bg\fh\x01i\x1fj") + std::string(1, '\0');
  EXPECT_NE(manifest_json(m).find(R"("command_line": "a\"b\\c\nd\re\tf\bg\fh\u0001i\u001fj\u0000",)"),
            std::string::npos)
      << manifest_json(m);
}

TEST(Manifest, KeepsUtf8AndSlashes) {
  Manifest m = example_manifest();
  m.scenario_name = "København/æøå €";
  EXPECT_NE(manifest_json(m).find("\"scenario\": \"København/æøå €\","), std::string::npos);
}

// A Latin-1 path ("\xE6" = æ) is not UTF-8; the manifest must still be valid JSON. Each
// maximal ill-formed subpart becomes one U+FFFD (the Unicode standard's recommended
// practice, chapter 3 "U+FFFD Substitution of Maximal Subparts").
TEST(Manifest, ReplacesMalformedUtf8) {
  Manifest m = example_manifest();
  m.scenario_name = "k\xE6r";       // Latin-1 æ: a lead byte without its continuation
  m.build_type = "\xC0\xAF";        // overlong '/': neither byte can start a sequence
  m.git_revision = "\xED\xA0\x80";  // UTF-16 surrogate: ED A0 is no valid prefix
  m.csv_dialect = "\xF0\x9F\x98";   // a 4-byte sequence cut short: one maximal subpart
  const std::string json = manifest_json(m);
  const std::string replacement = "\xEF\xBF\xBD";
  EXPECT_NE(json.find("\"scenario\": \"k" + replacement + "r\","), std::string::npos) << json;
  EXPECT_NE(json.find("\"build_type\": \"" + replacement + replacement + "\","), std::string::npos) << json;
  EXPECT_NE(json.find("\"git_revision\": \"" + replacement + replacement + replacement + "\","),
            std::string::npos)
      << json;
  EXPECT_NE(json.find("\"csv_dialect\": \"" + replacement + "\","), std::string::npos) << json;
  const auto parsed = nlohmann::json::parse(json);  // throws if the text is not valid JSON
  EXPECT_EQ(parsed.at("scenario").get<std::string>(), "k" + replacement + "r");
}

// What a reader of manifest.json gets back: the values as given, the seed as an exact
// unsigned integer and the inputs in order.
TEST(Manifest, ParsesBackToTheValuesWritten) {
  Manifest m = example_manifest();
  m.seed = std::numeric_limits<std::uint64_t>::max();
  m.command_line = "integrasim run \"a b.toml\"";
  const auto parsed = nlohmann::json::parse(manifest_json(m));
  EXPECT_EQ(parsed.at("seed").get<std::uint64_t>(), m.seed);
  EXPECT_EQ(parsed.at("command_line").get<std::string>(), m.command_line);
  EXPECT_EQ(parsed.at("persons").get<std::int64_t>(), m.persons);
  EXPECT_EQ(parsed.at("wall_seconds").get<double>(), m.wall_seconds);
  ASSERT_EQ(parsed.at("inputs").size(), 2U);
  EXPECT_EQ(parsed.at("inputs")[1].at("name").get<std::string>(), "<built-in>/evidence/effects.csv");
  EXPECT_EQ(parsed.at("inputs")[1].at("sha256").get<std::string>(), "cd34");
}

// FIPS 180-2 appendix B / NIST CAVS example vectors.
TEST(Sha256, NistVectors) {
  EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(sha256_hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  EXPECT_EQ(sha256_hex("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjk"
                       "lmnopqklmnopqrlmnopqrsmnopqrstnopqrstu"),
            "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1");
}

TEST(Sha256, OneMillionA) {
  EXPECT_EQ(sha256_hex(std::string(1000000, 'a')),
            "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

// Lengths around the 64-byte block and the 56-byte padding limit, where padding bugs
// hide; expected digests from Python's hashlib.
TEST(Sha256, PaddingBoundaries) {
  const auto message = [](std::size_t length) {
    std::string bytes;
    for (std::size_t i = 0; i < length; ++i) bytes.push_back(static_cast<char>((i * 7) % 256));
    return bytes;
  };
  EXPECT_EQ(sha256_hex(message(55)), "576a1bf8d4478657e6dc4af9398544765c2a92cde28478b019235cfed315fc09");
  EXPECT_EQ(sha256_hex(message(56)), "9b20501dfd1d99161c257950f3444f3e49230c351c5c8e0943ef369f85f5205d");
  EXPECT_EQ(sha256_hex(message(63)), "30b345906b493f06f69444b6521113511c242f30e29840462950035043682f1e");
  EXPECT_EQ(sha256_hex(message(64)), "d8bc63b4fc1156e5e7d95a418b9bf54cd3174bedbc2db40f74895349b229b3c0");
  EXPECT_EQ(sha256_hex(message(65)), "1ee23b0fbcaecc1aff4a9e8f1645f35ab2c8e13609cd73b68df8b5e3f63ce073");
  EXPECT_EQ(sha256_hex(message(119)), "7a6589821178918ca8d9edaba5abfc1e9b2669564f4469b66885379c1530b2c8");
  EXPECT_EQ(sha256_hex(message(120)), "655250427d56b1b0eeb8497d21428704273458a01772d6881b65c0abac0f8a98");
  EXPECT_EQ(sha256_hex(message(128)), "54c9eb041badfd7064645067b107661fed6113197ce2dd066ba69618abd3732f");
}

}  // namespace
}  // namespace integrasim
