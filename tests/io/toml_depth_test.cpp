// Rule 8 of the TOML guard: keys, table headers and nested values are bounded before
// toml++ sees them, because toml++ 3.3.0 recurses once per level and overflows the stack
// on deep input (SIGSEGV at about 230,000 dotted parts in Release builds). Inputs at the
// bounds are parsed; inputs just past them, and 1 MB inputs, are an InputError from every
// TOML reader.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <string>

#include "core/diagnostics.h"
#include "io/calibration_config.h"
#include "io/explore_spec.h"
#include "io/scenario_reader.h"
#include "io/toml_guard.h"
#include "io/toml_support.h"
#include "io/validation_registry.h"
#include "test_support.h"

namespace integrasim {
namespace {

constexpr int k_parts = 32;     // the guard's k_max_key_parts
constexpr int k_length = 1024;  // its k_max_key_length
constexpr int k_nesting = 32;   // its k_max_nesting
constexpr std::size_t k_huge = 1 << 20;

// "a.a.a" with `parts` parts.
std::string dotted(int parts) {
  std::string key = "a";
  for (int i = 1; i < parts; ++i) key.append(".a");
  return key;
}

// `depth` nested arrays around 1, e.g. "[[1]]" for depth 2.
std::string nested_arrays(int depth) {
  return std::string(static_cast<std::size_t>(depth), '[') + "1" +
         std::string(static_cast<std::size_t>(depth), ']');
}

// `depth` nested inline tables, e.g. "{ a = { a = 1 } }" for depth 2.
std::string nested_tables(int depth) {
  std::string text = "1";
  for (int i = 0; i < depth; ++i) text = "{ a = " + text + " }";
  return text;
}

// The guard's message, or "" if it accepts the text; toml++ then parses what it accepts.
std::string guard_error(const std::string& text) {
  try {
    toml_support::parse_guarded(text, "d.toml");
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

TEST(TomlDepth, AcceptsKeysAndHeadersWithTheMaximumParts) {
  EXPECT_EQ(guard_error("[" + dotted(k_parts) + "]\n"), "");
  EXPECT_EQ(guard_error("[[" + dotted(k_parts) + "]]\n"), "");
  EXPECT_EQ(guard_error(dotted(k_parts) + " = 1\n"), "");
  EXPECT_EQ(guard_error("t = { " + dotted(k_parts) + " = 1 }\n"), "");
  EXPECT_EQ(guard_error("[ \"x.y\" . b ]\n\"p.q.r\".s = 1\n"), "");  // dots in quotes are no parts
  EXPECT_EQ(guard_error("d = 1979-05-27T07:32:00.999\nf = [1.5, 2.5, 3.5]\n"), "");
}

TEST(TomlDepth, RefusesOnePartMore) {
  const std::string too_deep = dotted(k_parts + 1);
  const char* message = "a dotted key or table header has more than 32 parts";
  EXPECT_EQ(guard_error("[" + too_deep + "]\n").rfind(std::string("d.toml:1:") + "65: " + message, 0), 0U);
  EXPECT_TRUE(contains(guard_error("[[" + too_deep + "]]\n"), message));
  EXPECT_EQ(guard_error("x = 1\n" + too_deep + " = 1\n").rfind("d.toml:2:64: ", 0), 0U);
  EXPECT_TRUE(contains(guard_error("t = { b = 2, " + too_deep + " = 1 }\n"), message));
  EXPECT_TRUE(contains(guard_error("t = [ { " + too_deep + " = 1 } ]\n"), message));
}

TEST(TomlDepth, BoundsKeyLength) {
  const std::string longest(k_length, 'k');
  EXPECT_EQ(guard_error(longest + " = 1\n"), "");
  EXPECT_EQ(guard_error("[\"" + std::string(k_length - 2, 'q') + "\"]\n"), "");
  EXPECT_EQ(guard_error("s = \"" + std::string(k_huge, 'v') + "\"\n"), "");  // values are not keys
  const char* message = "a key or table header is longer than 1024 characters";
  EXPECT_TRUE(contains(guard_error(longest + "k = 1\n"), message));
  EXPECT_TRUE(contains(guard_error("[\"" + std::string(k_length - 1, 'q') + "\"]\n"), message));
  EXPECT_TRUE(contains(guard_error("a." + longest + " = 1\n"), message));
}

TEST(TomlDepth, BoundsNestedArraysAndInlineTables) {
  EXPECT_EQ(guard_error("x = " + nested_arrays(k_nesting) + "\n"), "");
  EXPECT_EQ(guard_error("x = " + nested_tables(k_nesting) + "\n"), "");
  const char* message = "arrays and inline tables nest more than 32 deep";
  EXPECT_EQ(guard_error("x = " + nested_arrays(k_nesting + 1) + "\n").rfind("d.toml:1:37: ", 0), 0U);
  EXPECT_TRUE(contains(guard_error("x = " + nested_arrays(k_nesting + 1) + "\n"), message));
  EXPECT_TRUE(contains(guard_error("x = " + nested_tables(k_nesting + 1) + "\n"), message));
  // Closed values do not count: many arrays side by side are fine.
  std::string side_by_side = "x = [";
  for (int i = 0; i < 100; ++i) side_by_side.append(nested_arrays(k_nesting - 1)).append(", ");
  EXPECT_EQ(guard_error(side_by_side + "]\n"), "");
}

// The deepest tree the bounds allow: a header with the most parts, then a key with the
// most parts whose value nests inline tables with such keys as deep as allowed.
TEST(TomlDepth, TheDeepestAllowedTreeParses) {
  std::string value = "1";
  for (int i = 0; i < k_nesting; ++i) value = "{ " + dotted(k_parts) + " = " + value + " }";
  const std::string text = "[" + dotted(k_parts) + "]\n" + dotted(k_parts) + " = " + value + "\n";
  EXPECT_EQ(guard_error(text), "");
}

// Inputs of about 1 MB (and past the size toml++ crashed on) that each break one bound.
std::vector<std::string> huge_inputs() {
  std::vector<std::string> out;
  std::string header = "[a";
  while (header.size() < k_huge) header.append(".a");
  out.push_back(header + "]\n");
  std::string key = "a";
  while (key.size() < k_huge) key.append(".a");
  out.push_back(key + " = 1\n");
  out.push_back("x = { t = 1, " + key + " = 1 }\n");
  out.push_back(std::string(k_huge, 'k') + " = 1\n");
  out.push_back("x = " + std::string(k_huge, '['));
  std::string tables = "x = ";
  while (tables.size() < k_huge) tables.append("{a=");
  out.push_back(tables);
  return out;
}

// Every TOML reader: each huge input is an InputError naming the file and a bound.
void expect_every_huge_input_refused(const std::function<void(const std::string&)>& read) {
  for (const std::string& text : huge_inputs()) {
    std::string message;
    try {
      read(text);
    } catch (const InputError& e) {
      message = e.what();
    }
    EXPECT_TRUE(contains(message, "more than 32") || contains(message, "longer than 1024"))
        << text.substr(0, 40) << "... gave: " << message.substr(0, 200);
  }
}

// Inputs of about 1 MB within the bounds: the readers answer them (an InputError for
// what they do not know, or a result) without crashing.
std::vector<std::string> huge_inputs_within_bounds() {
  std::vector<std::string> out;
  out.push_back("# " + std::string(k_huge, 'c') + "\n");
  out.push_back("[scenario]\nname = \"" + std::string(k_huge, 'n') + "\"\n");
  std::string keys;
  for (int i = 0; keys.size() < k_huge; ++i) keys.append("k").append(std::to_string(i)).append(" = 1\n");
  out.push_back(keys);
  std::string array = "x = [";
  while (array.size() < k_huge) array.append("[1, {a.b = 2}], ");
  out.push_back(array + "]\n");
  return out;
}

void expect_every_huge_input_answered(const std::function<void(const std::string&)>& read) {
  for (const std::string& text : huge_inputs_within_bounds()) {
    try {
      read(text);
    } catch (const InputError& e) {
      EXPECT_NE(std::string(e.what()).find(".toml:"), std::string::npos) << e.what();
    }
  }
}

TEST(TomlDepth, EveryReaderAnswersHugeInputsWithinTheBounds) {
  const Catalogue catalogue = testing::tiny_catalogue();
  expect_every_huge_input_answered(
      [&](const std::string& text) { parse_scenario(text, "s.toml", catalogue); });
  expect_every_huge_input_answered(
      [&](const std::string& text) { parse_explore_spec(text, "e.toml", ".", catalogue); });
  expect_every_huge_input_answered(
      [&](const std::string& text) { parse_calibration_config(text, "c.toml", ".", catalogue); });
}

TEST(TomlDepth, ScenarioReaderRefusesHugeInputs) {
  const Catalogue catalogue = testing::tiny_catalogue();
  expect_every_huge_input_refused(
      [&](const std::string& text) { parse_scenario(text, "s.toml", catalogue); });
}

TEST(TomlDepth, ExploreSpecReaderRefusesHugeInputs) {
  const Catalogue catalogue = testing::tiny_catalogue();
  expect_every_huge_input_refused(
      [&](const std::string& text) { parse_explore_spec(text, "e.toml", ".", catalogue); });
}

TEST(TomlDepth, CalibrationConfigReaderRefusesHugeInputs) {
  const Catalogue catalogue = testing::tiny_catalogue();
  expect_every_huge_input_refused(
      [&](const std::string& text) { parse_calibration_config(text, "c.toml", ".", catalogue); });
}

// Registry scenarios are the files targets.csv names, read by the registry's loader.
TEST(TomlDepth, RegistryScenarioFilesRefuseHugeInputs) {
  const Catalogue catalogue = testing::tiny_catalogue();
  const std::string dir = testing::make_temp_dir("toml_depth");
  Target target;
  target.scenario = "huge.toml";
  const ScenarioLoader load = registry_scenario_loader(dir, catalogue);
  expect_every_huge_input_refused([&](const std::string& text) {
    std::ofstream(dir + "/huge.toml", std::ios::binary) << text;
    load(target);
  });
}

}  // namespace
}  // namespace integrasim
