// `integrasim sensitivity` as a user meets it: the built executable on the default
// scenario with few persons and draws writes tornado.csv and voi.csv in both CSV
// dialects, and bad options exit with status 2.
#include <gtest/gtest.h>

#include <charconv>
#include <filesystem>
#include <string>
#include <vector>

#include "process_support.h"
#include "test_support.h"

namespace integrasim::testing {
namespace {

double number(const std::string& field) {
  double value = 0;
  const auto [end, error] = std::from_chars(field.data(), field.data() + field.size(), value);
  if (error != std::errc() || end != field.data() + field.size())
    throw std::runtime_error("not a number: " + field);
  return value;
}

int column(const std::vector<std::string>& header, const std::string& name) {
  for (std::size_t i = 0; i < header.size(); ++i)
    if (header[i] == name) return static_cast<int>(i);
  throw std::runtime_error("no column " + name);
}

TEST(CliSensitivity, WritesTornadoAndVoi) {
  const std::string out = make_temp_dir("sens") + "/out";
  const CommandResult r = run_integrasim(
      {"sensitivity", source_path("scenarios/default.toml"), "--persons", "200", "--draws", "12", "--threads",
       "2", "--cohort", "1000", "--group", "wage subsidy=effect.wage_subsidy_private.*", "--out", out});
  ASSERT_EQ(r.exit_code, 0) << describe(r);
  EXPECT_NE(r.out.find("EVPI"), std::string::npos) << r.out;
  ASSERT_TRUE(std::filesystem::exists(out + "/manifest.json"));

  const auto tornado = parse_csv(read_file_bytes(out + "/tornado.csv"));
  ASSERT_GT(tornado.size(), 2u);
  const auto& th = tornado.front();
  EXPECT_EQ(th, (std::vector<std::string>{"parameter", "arm", "point_value", "low_value", "high_value",
                                          "metric_at_point", "metric_at_low", "metric_at_high", "swing",
                                          "rank", "metric", "unit"}));
  const int swing = column(th, "swing");
  for (std::size_t i = 1; i < tornado.size(); ++i) {
    EXPECT_EQ(tornado[i][static_cast<std::size_t>(column(th, "rank"))], std::to_string(i));
    if (i > 1) {
      EXPECT_GE(number(tornado[i - 1][static_cast<std::size_t>(swing)]),
                number(tornado[i][static_cast<std::size_t>(swing)]));
    }
    EXPECT_EQ(tornado[i][static_cast<std::size_t>(column(th, "metric"))], "months_self_support");
  }

  const auto voi = parse_csv(read_file_bytes(out + "/voi.csv"));
  ASSERT_GT(voi.size(), 2u);
  const auto& vh = voi.front();
  EXPECT_EQ(vh[0], "parameter_or_group");
  EXPECT_EQ(voi[1][0], "EVPI");
  const int per_person = column(vh, "evppi_per_person");
  const int cohort = column(vh, "evppi_cohort");
  const double evpi = number(voi[1][static_cast<std::size_t>(per_person)]);
  bool saw_group = false;
  for (std::size_t i = 1; i < voi.size(); ++i) {
    const double v = number(voi[i][static_cast<std::size_t>(per_person)]);
    EXPECT_GE(v, 0.0);
    EXPECT_LE(v, evpi + 1e-12);
    EXPECT_NEAR(number(voi[i][static_cast<std::size_t>(cohort)]), 1000.0 * v, 1e-9 * (1 + 1000.0 * v));
    if (voi[i][0] == "wage subsidy") saw_group = true;
  }
  EXPECT_TRUE(saw_group);
}

TEST(CliSensitivity, NetMonetaryValueInExcelDialect) {
  const std::string out = make_temp_dir("sens-da") + "/out";
  const CommandResult r = run_integrasim({"sensitivity", source_path("scenarios/default.toml"), "--persons",
                                          "100", "--draws", "4", "--value-per-month", "20000",
                                          "--csv-dialect", "excel-da", "--quiet", "--out", out});
  ASSERT_EQ(r.exit_code, 0) << describe(r);
  EXPECT_TRUE(r.out.empty()) << r.out;
  const std::string text = read_file_bytes(out + "/voi.csv");
  EXPECT_EQ(text.rfind("\xEF\xBB\xBF", 0), 0u);
  const auto voi = parse_csv(text, ';');
  ASSERT_GT(voi.size(), 1u);
  EXPECT_EQ(voi[1][0], "EVPI");
  EXPECT_EQ(voi[1][static_cast<std::size_t>(column(voi[0], "unit"))], "DKK per person");
  EXPECT_EQ(voi[1][static_cast<std::size_t>(column(voi[0], "metric"))], "net_monetary_value");
}

TEST(CliSensitivity, TornadoOnlyWithZeroDraws) {
  const std::string out = make_temp_dir("sens-t") + "/out";
  const CommandResult r = run_integrasim({"sensitivity", source_path("scenarios/default.toml"), "--persons",
                                          "100", "--draws", "0", "--quiet", "--out", out});
  ASSERT_EQ(r.exit_code, 0) << describe(r);
  EXPECT_TRUE(std::filesystem::exists(out + "/tornado.csv"));
  EXPECT_FALSE(std::filesystem::exists(out + "/voi.csv"));
}

TEST(CliSensitivity, BadOptionsExitTwo) {
  const std::string scenario = source_path("scenarios/default.toml");
  for (const std::vector<std::string>& args : std::vector<std::vector<std::string>>{
           {"sensitivity", scenario, "--draws", "1"},
           {"sensitivity", scenario, "--metric", "programme_months"},
           {"sensitivity", scenario, "--metric", "net_monetary_value"},
           {"sensitivity", scenario, "--value-per-month", "-5"},
           {"sensitivity", scenario, "--group", "no-equals-sign"},
           {"sensitivity", scenario, "--persons", "50", "--draws", "2", "--group", "typo=effect.no_such.*"},
       }) {
    const CommandResult r = run_integrasim(args);
    EXPECT_EQ(r.exit_code, 2) << describe(r);
    EXPECT_NE(r.err.find("error"), std::string::npos) << describe(r);
  }
}

}  // namespace
}  // namespace integrasim::testing
