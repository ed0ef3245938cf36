// `integrasim check` text (io/scenario_check.h): every table and every key the scenario
// reader accepts (io/scenario_keys.h, the reader's own list) is printed with the value in
// force and its source, so a key added to the format without being shown fails here.
#include "io/scenario_check.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <sstream>
#include <string>
#include <vector>

#include "core/diagnostics.h"
#include "core/model_types.h"
#include "io/catalogue_reader.h"
#include "io/scenario_keys.h"
#include "io/scenario_reader.h"
#include "test_support.h"

namespace integrasim {
namespace {

struct Checked {
  std::string path;  // the scenario file, as the messages name it
  std::string file_text;
  std::string text;  // what `check` prints
  std::vector<std::string> lines;
};

Checked check_text(const std::string& relative) {
  Checked c;
  c.path = testing::source_path(relative);
  c.file_text = read_text_file(c.path);
  const Catalogue catalogue = read_embedded_catalogue();
  const Scenario s = parse_scenario(c.file_text, c.path, catalogue);
  c.text = resolved_scenario_text(s, resolve_parameters(catalogue, s),
                                  scenario_key_positions(c.file_text, c.path));
  std::istringstream in(c.text);
  for (std::string line; std::getline(in, line);) c.lines.push_back(line);
  return c;
}

std::string trimmed(const std::string& line) {
  const std::size_t first = line.find_first_not_of(' ');
  return first == std::string::npos ? "" : line.substr(first);
}

bool is_header(const std::string& line) {
  return trimmed(line).starts_with("[");
}

// The blocks of lines under each header "[name]" or "[[name]]" (up to the next header).
std::vector<std::vector<std::string>> blocks_of(const Checked& c, const std::string& name) {
  std::vector<std::vector<std::string>> blocks;
  for (std::size_t i = 0; i < c.lines.size(); ++i) {
    const std::string t = trimmed(c.lines[i]);
    if (!t.starts_with("[" + name + "]") && !t.starts_with("[[" + name + "]]")) continue;
    blocks.emplace_back();
    for (std::size_t j = i + 1; j < c.lines.size() && !is_header(c.lines[j]); ++j)
      blocks.back().push_back(c.lines[j]);
  }
  return blocks;
}

// The 1-based line of the file that holds `needle` (0 if none).
int line_of(const Checked& c, const std::string& needle) {
  const std::size_t at = c.file_text.find(needle);
  if (at == std::string::npos) return 0;
  return 1 +
         static_cast<int>(std::count(c.file_text.begin(), c.file_text.begin() + static_cast<long>(at), '\n'));
}

bool has_line(const Checked& c, const std::string& line) {
  return std::find(c.lines.begin(), c.lines.end(), line) != c.lines.end();
}

// Each key of table `name` starts a line of every block of that table, and that line
// ends with where the value came from.
void expect_every_key(const Checked& c, const ScenarioTable& table) {
  const auto blocks = blocks_of(c, table.name);
  for (const auto& block : blocks)
    for (const std::string& key : table.keys) {
      const auto line = std::find_if(block.begin(), block.end(), [&](const std::string& l) {
        return trimmed(l).starts_with(key + " = ");
      });
      ASSERT_NE(line, block.end()) << "[" << table.name << "] " << key << " is not printed in\n" << c.text;
      EXPECT_TRUE(line->ends_with(")") && line->find("  (") != std::string::npos)
          << "no source on: " << *line;
    }
}

// Keys of nested value tables ({ male = 0.6, ... }, { distribution = ..., low, high })
// are printed inside the value of the key that holds them.
void expect_inline_keys(const Checked& c, const std::string& section, const std::string& holder,
                        const std::vector<std::string>& keys) {
  const auto blocks = blocks_of(c, section);
  ASSERT_FALSE(blocks.empty()) << section;
  const auto line = std::find_if(blocks[0].begin(), blocks[0].end(), [&](const std::string& l) {
    return trimmed(l).starts_with(holder + " = ");
  });
  ASSERT_NE(line, blocks[0].end()) << section << " " << holder;
  for (const std::string& key : keys)
    EXPECT_NE(line->find(" " + key + " = "), std::string::npos) << key << " not in: " << *line;
}

void expect_every_table_and_key(const Checked& c, bool has_assign_rules) {
  for (const ScenarioTable& table : scenario_tables()) {
    if (table.name.empty()) {
      for (const std::string& key : table.keys)
        EXPECT_TRUE(!blocks_of(c, key).empty()) << "no [" << key << "] section in\n" << c.text;
      continue;
    }
    if (table.name.starts_with("population.")) {
      expect_inline_keys(c, "population", table.name.substr(table.name.find('.') + 1), table.keys);
      continue;
    }
    if (table.name == "uncertainty.distribution") {
      if (has_assign_rules) expect_inline_keys(c, "uncertainty", "caseload", table.keys);
      continue;
    }
    if ((table.name == "arm.assign" || table.name == "arm.capacity") && !has_assign_rules) {
      EXPECT_TRUE(blocks_of(c, table.name).empty());
      continue;
    }
    EXPECT_FALSE(blocks_of(c, table.name).empty()) << "no [" << table.name << "] in\n" << c.text;
    expect_every_key(c, table);
  }
}

TEST(ScenarioCheck, EveryTableAndKeyOfAFullScenarioIsPrintedWithItsSource) {
  expect_every_table_and_key(check_text("tests/fixtures/scenarios/check_every_table.toml"), true);
}

TEST(ScenarioCheck, EveryTableAndKeyIsPrintedEvenWhenTheFileLeavesThemOut) {
  expect_every_table_and_key(check_text("scenarios/default.toml"), false);
}

TEST(ScenarioCheck, ValuesSetInTheFileNameTheirLine) {
  const Checked c = check_text("tests/fixtures/scenarios/check_every_table.toml");
  const auto at = [&](const std::string& needle) {
    return c.path + ":" + std::to_string(line_of(c, needle));
  };
  EXPECT_TRUE(has_line(c, "  seed = 20261127  (" + at("seed = ") + ")")) << c.text;
  EXPECT_TRUE(has_line(c, "  sanctions = true  (" + at("sanctions = true") + ")")) << c.text;
  EXPECT_TRUE(has_line(c, "  benefit_cut = 0.3  (" + at("benefit_cut = 0.3") + ")")) << c.text;
  EXPECT_TRUE(has_line(c, "  caseload = 1.5  (" + at("caseload = 1.5") + ")")) << c.text;
  EXPECT_TRUE(
      has_line(c, "  reference_skilled_job_share = 0.35  (" + at("reference_skilled_job_share") + ")"))
      << c.text;
  EXPECT_TRUE(has_line(c, "  caseload = { distribution = \"gamma\", low = 1, high = 2 }  (" +
                              at("caseload = { distribution") + ")"))
      << c.text;
  EXPECT_TRUE(has_line(c, "  decomposition = false  (" + at("decomposition = false") + ")")) << c.text;
}

TEST(ScenarioCheck, DefaultsAreShownAsDefaults) {
  const Checked c = check_text("tests/fixtures/scenarios/check_every_table.toml");
  // The comparator arm sets neither sanctions nor a benefit cut.
  const auto arm = blocks_of(c, "arm").at(0);
  EXPECT_NE(std::find(arm.begin(), arm.end(), "  sanctions = false  (built-in default: no sanction regime)"),
            arm.end())
      << c.text;
  EXPECT_NE(std::find(arm.begin(), arm.end(), "  benefit_cut = 0  (built-in default: no cut)"), arm.end())
      << c.text;
  const Checked d = check_text("scenarios/default.toml");
  EXPECT_TRUE(has_line(d, "  company_collaboration = 1  (built-in default: the reference organisation)"))
      << d.text;
  EXPECT_TRUE(has_line(d, "  employment_rate = []  (built-in default: the reference rate throughout)"))
      << d.text;
  EXPECT_TRUE(has_line(d, "  caseload = not uncertain  (built-in default: the value in force)")) << d.text;
}

TEST(ScenarioCheck, StepDurationsLeftOutNameTheirCatalogueRow) {
  const Checked c = check_text("tests/fixtures/scenarios/check_every_table.toml");
  const Catalogue catalogue = read_embedded_catalogue();
  const CatalogueValue& row = catalogue.find_intervention("wage_subsidy_private")->default_duration;
  const std::string expected = "    duration_months = " + std::to_string(std::lround(row.value)) +
                               "  (catalogue row " + row.id + " = " + format_value(row.value) + ": " +
                               std::string(name_of(row.status)) + "; source " + row.source + "; " + row.file +
                               ":" + std::to_string(row.line) + ")";
  EXPECT_TRUE(has_line(c, expected)) << expected << "\n" << c.text;
}

TEST(ScenarioCheck, OverriddenParametersNameTheScenarioLine) {
  const Checked c = check_text("tests/fixtures/scenarios/check_every_table.toml");
  const std::string line =
      std::to_string(line_of(c, "\"effect.internship_private.post.employed.male\" = 1.9"));
  EXPECT_TRUE(
      has_line(c, "  \"effect.internship_private.post.employed.male\" = 1.9  (" + c.path + ":" + line + ")"))
      << c.text;
  const auto parameter = std::find_if(c.lines.begin(), c.lines.end(), [](const std::string& l) {
    return l.starts_with("  effect.internship_private.post.employed.male = 1.9");
  });
  ASSERT_NE(parameter, c.lines.end()) << c.text;
  EXPECT_NE(parameter->find("(override; source scenario override (" + c.path + ":" + line + ")"),
            std::string::npos)
      << *parameter;
}

}  // namespace
}  // namespace integrasim
