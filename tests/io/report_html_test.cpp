// report.html's text: number formats, escaping, the two languages, and that the JSON its
// charts draw from holds exactly what Results holds. The page in a real browser is
// tested in tests/golden/report_browser_test.cpp.
#include "io/report_html.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <regex>
#include <string>

#include "analysis/run_scenario.h"
#include "analysis/uncertainty.h"
#include "io/catalogue_reader.h"
#include "io/report_layout.h"
#include "io/report_sensitivity.h"
#include "io/scenario_reader.h"
#include "io/text_file.h"
#include "process_support.h"
#include "test_support.h"

namespace integrasim {
namespace {

using nlohmann::json;

struct ReportRun {
  Scenario scenario;
  Results results;
  Manifest manifest;
};

// The built-in default scenario (two arms, decomposition, subgroups) with few persons.
ReportRun default_run(std::int64_t persons = 600, int threads = 1) {
  static const Catalogue catalogue = read_embedded_catalogue();
  ReportRun run;
  run.scenario = parse_scenario(embedded_default_scenario(), "<default>", catalogue);
  run.scenario.persons = persons;
  SimulationOptions options;
  options.seed = run.scenario.seed;
  options.threads = threads;
  run.results = run_scenario(run.scenario, catalogue, options).results;
  run.manifest.scenario_name = run.scenario.name;
  run.manifest.description = run.scenario.description;
  run.manifest.seed = run.scenario.seed;
  run.manifest.version = "0.1.0";
  return run;
}

ReportInputs inputs_of(const ReportRun& run, ReportLanguage language = ReportLanguage::da) {
  return ReportInputs{.results = &run.results, .manifest = &run.manifest, .language = language};
}

json payload(const ReportInputs& in) {
  return json::parse(report_data_json(in));
}

std::size_t count_of(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

TEST(ReportHtml, FormatsNumbersInEachLanguage) {
  EXPECT_EQ(format_number(1234567.891, 2, ReportLanguage::da), "1.234.567,89");
  EXPECT_EQ(format_number(1234567.891, 2, ReportLanguage::en), "1,234,567.89");
  EXPECT_EQ(format_number(-0.5, 1, ReportLanguage::da), "\u22120,5");
  EXPECT_EQ(format_number(999.5, 0, ReportLanguage::da), "1.000");
  EXPECT_EQ(format_number(-0.001, 2, ReportLanguage::da), "0,00") << "no sign on a value that rounds to 0";
  EXPECT_EQ(format_number(12.0, 0, ReportLanguage::en), "12");
  EXPECT_EQ(format_number(std::nan(""), 2, ReportLanguage::en), "–");
  EXPECT_EQ(exact_number(0.1), "0.1");
  EXPECT_EQ(exact_number(-0.0), "0");
  EXPECT_EQ(exact_number(std::nan("")), "");
}

TEST(ReportHtml, EscapesHtml) {
  EXPECT_EQ(html_escape("a<b>&\"c'"), "a&lt;b&gt;&amp;&quot;c&#39;");
  EXPECT_EQ(html_escape("københavn"), "københavn");
}

TEST(ReportHtml, EscapesEveryTextFromTheInputs) {
  ReportRun run = default_run();
  run.results.arms[1].name = "<img src=x onerror=alert(1)>";
  run.manifest.scenario_name = "plan & <b>x</b>";
  run.manifest.description = "</script><script>alert('x')</script>";
  const std::string page = report_html(inputs_of(run));
  EXPECT_EQ(page.find("<img"), std::string::npos);
  EXPECT_EQ(page.find("<b>x</b>"), std::string::npos);
  EXPECT_NE(page.find("&lt;img src=x onerror=alert(1)&gt;"), std::string::npos);
  EXPECT_NE(page.find("plan &amp; &lt;b&gt;x&lt;/b&gt;"), std::string::npos);
  EXPECT_NE(page.find("&lt;/script&gt;&lt;script&gt;alert(&#39;x&#39;)"), std::string::npos);
  // Four script elements of our own (error catcher, Chart.js, data, charts); the names in
  // the JSON block cannot close it.
  EXPECT_EQ(count_of(page, "</script>"), 4u);
  EXPECT_EQ(count_of(page, "<script"), 4u);
  EXPECT_EQ(payload(inputs_of(run))["arms"][1]["name"], "<img src=x onerror=alert(1)>");
}

TEST(ReportHtml, IsSelfContained) {
  const ReportRun run = default_run();
  const std::string page = report_html(inputs_of(run));
  EXPECT_EQ(page.find("http://"), std::string::npos);
  EXPECT_EQ(page.find("src="), std::string::npos) << "no script or image is loaded from elsewhere";
  EXPECT_EQ(page.find("<link"), std::string::npos);
  EXPECT_EQ(page.find("@import"), std::string::npos);
  EXPECT_NE(page.find("Chart.js v"), std::string::npos) << "Chart.js is inlined";
  EXPECT_NE(page.find("@page { size: A4"), std::string::npos);
  EXPECT_NE(page.find("@media print"), std::string::npos);
}

TEST(ReportHtml, DanishByDefaultAndEnglishOnRequest) {
  const ReportRun run = default_run();
  const std::string da = report_html(inputs_of(run, ReportLanguage::da));
  const std::string en = report_html(inputs_of(run, ReportLanguage::en));
  EXPECT_NE(da.find("<html lang=\"da\""), std::string::npos);
  EXPECT_NE(da.find("Hovedtal pr. forløb"), std::string::npos);
  EXPECT_NE(da.find("Måneder i beskæftigelse"), std::string::npos);
  EXPECT_NE(da.find("Fastholdelseseffekt"), std::string::npos);
  EXPECT_EQ(da.find("Headline numbers"), std::string::npos);
  EXPECT_NE(en.find("<html lang=\"en\""), std::string::npos);
  EXPECT_NE(en.find("Headline numbers per arm"), std::string::npos);
  EXPECT_NE(en.find("Lock-in"), std::string::npos);
  EXPECT_EQ(en.find("Hovedtal"), std::string::npos);
  // The same number in each language's convention.
  const int column = metric_column(run.results, "months_on_benefit");
  const Estimate& e = summary_row(run.results, 0, 0).metrics[static_cast<std::size_t>(column)];
  EXPECT_NE(da.find(format_number(e.value, 2, ReportLanguage::da) + " <span"), std::string::npos);
  EXPECT_NE(en.find(format_number(e.value, 2, ReportLanguage::en) + " <span"), std::string::npos);
  EXPECT_NE(format_number(e.value, 2, ReportLanguage::da), format_number(e.value, 2, ReportLanguage::en));
  EXPECT_EQ(payload(inputs_of(run, ReportLanguage::en))["labels"]["month_axis"], "Month");
  EXPECT_EQ(payload(inputs_of(run, ReportLanguage::da))["labels"]["month_axis"], "Måned");
}

TEST(ReportHtml, HeadlineCellsCarryTheExactValues) {
  const ReportRun run = default_run();
  const std::string page = report_html(inputs_of(run));
  const std::regex cell(
      "data-arm=\"([^\"]*)\" data-subgroup=\"all\" data-metric=\"([a-z_0-9]+)\" data-kind=\"(value|diff)\" "
      "data-value=\"([^\"]*)\" data-se=\"([^\"]*)\"");
  int cells = 0;
  for (auto it = std::sregex_iterator(page.begin(), page.end(), cell); it != std::sregex_iterator(); ++it) {
    const std::smatch& m = *it;
    int arm = -1;
    for (int a = 0; a < static_cast<int>(run.results.arms.size()); ++a)
      if (run.results.arms[static_cast<std::size_t>(a)].name == m[1].str()) arm = a;
    ASSERT_GE(arm, 0) << m[1];
    const SummaryRow& row = summary_row(run.results, arm, 0);
    const auto c = static_cast<std::size_t>(metric_column(run.results, m[2].str()));
    const Estimate& e = m[3] == "value" ? row.metrics[c] : row.vs_comparator[c];
    EXPECT_EQ(m[4].str(), exact_number(e.value)) << m[0];
    EXPECT_EQ(m[5].str(), exact_number(e.se)) << m[0];
    ++cells;
  }
  // 2 arms x 4 headline metrics, the policy arm's 4 differences, and the subgroup
  // table's row "all".
  EXPECT_EQ(cells, 13);
}

TEST(ReportHtml, PayloadEqualsTheResults) {
  const ReportRun run = default_run();
  const Results& r = run.results;
  const json data = payload(inputs_of(run));
  EXPECT_EQ(data["horizon_months"], r.horizon_months);
  EXPECT_EQ(data["comparator"], "business_as_usual");
  ASSERT_EQ(data["arms"].size(), r.arms.size());
  // Employment curves: every arm's "employed" share and SE, month by month.
  for (std::size_t a = 0; a < r.arms.size(); ++a) {
    const json& series = data["employment"][a];
    EXPECT_EQ(series["arm"], r.arms[a].name);
    std::size_t k = 0;
    for (const MonthlyRow& row : r.monthly) {
      if (row.arm != static_cast<int>(a) || row.subgroup != 0 || row.kind != "state" ||
          row.name != "employed")
        continue;
      ASSERT_LT(k, series["share"].size());
      EXPECT_EQ(series["share"][k].get<double>(), row.share.value);
      EXPECT_EQ(series["se"][k].get<double>(), row.share.se);
      ++k;
    }
    EXPECT_EQ(k, static_cast<std::size_t>(r.horizon_months));
    EXPECT_EQ(series["share"].size(), k);
  }
  // State shares of the scenario arms add up to one each month.
  ASSERT_EQ(data["states"].size(), 2u);
  for (const json& arm : data["states"]) {
    EXPECT_EQ(arm["series"].size(), 5u);
    for (int m = 0; m < r.horizon_months; ++m) {
      double sum = 0.0;
      for (const json& s : arm["series"]) sum += s["share"][static_cast<std::size_t>(m)].get<double>();
      EXPECT_NEAR(sum, 1.0, 1e-12);
    }
  }
  // The decomposition: the rows of effects.csv for months employed, subgroup all.
  std::size_t effects = 0;
  for (const json& arm : data["decomposition"])
    for (const json& c : arm["components"]) {
      bool found = false;
      for (const EffectRowOut& row : r.effects)
        if (r.arms[static_cast<std::size_t>(row.arm)].name == arm["arm"] && row.subgroup == 0 &&
            row.outcome == "months_employed" && row.component == c["component"]) {
          EXPECT_EQ(c["effect"].get<double>(), row.effect.value);
          EXPECT_EQ(c["se"].get<double>(), row.effect.se);
          found = true;
        }
      EXPECT_TRUE(found) << c;
      ++effects;
    }
  EXPECT_EQ(effects, 12u) << "two arms x six components";
  // Costs per arm, and the difference in every populated subgroup.
  for (std::size_t k = 0; k < data["costs"]["metrics"].size(); ++k) {
    const auto c = static_cast<std::size_t>(metric_column(r, data["costs"]["metrics"][k]["metric"]));
    for (std::size_t a = 0; a < 2; ++a) {
      const json& v = data["costs"]["arms"][a]["values"][k];
      EXPECT_EQ(v["value"].get<double>(), summary_row(r, static_cast<int>(a), 0).metrics[c].value);
      EXPECT_EQ(v["se"].get<double>(), summary_row(r, static_cast<int>(a), 0).metrics[c].se);
    }
  }
  const std::vector<int> groups = populated_subgroups(r);
  ASSERT_EQ(data["subgroups"]["groups"].size(), groups.size());
  const auto employed = static_cast<std::size_t>(metric_column(r, "months_employed"));
  for (std::size_t g = 0; g < groups.size(); ++g) {
    EXPECT_EQ(data["subgroups"]["groups"][g]["subgroup"],
              r.subgroups[static_cast<std::size_t>(groups[g])].name);
    EXPECT_EQ(data["subgroups"]["arms"][0]["diff"][g]["value"].get<double>(),
              summary_row(r, 1, groups[g]).vs_comparator[employed].value);
  }
  EXPECT_TRUE(data["calendar"].is_null());
  EXPECT_TRUE(data["budget"].is_null());
  EXPECT_TRUE(data["draws"].is_null());
}

TEST(ReportHtml, SubgroupsWithoutPersonsAreLeftOut) {
  const ReportRun run = default_run();
  const json data = payload(inputs_of(run));
  for (const json& g : data["subgroups"]["groups"]) EXPECT_NE(g["subgroup"], "other_immigrant");
}

TEST(ReportHtml, DrawsGiveTheDistributionOfTheDifference) {
  const ReportRun run = default_run(300);
  const Catalogue catalogue = read_embedded_catalogue();
  SimulationOptions options;
  options.seed = run.scenario.seed;
  const DrawSet draws = run_draws(run.scenario, catalogue, options, 4, false);
  const UncertaintySummary summary = summarise_draws(draws);
  ReportInputs in = inputs_of(run);
  in.draws = &draws;
  in.uncertainty = &summary;
  const json data = payload(in);
  ASSERT_FALSE(data["draws"].is_null());
  const json& arm = data["draws"]["arms"][0];
  EXPECT_EQ(arm["arm"], "company_first");
  const auto employed = static_cast<std::size_t>(metric_column(run.results, "months_employed"));
  ASSERT_EQ(arm["diffs"].size(), 4u);
  for (std::size_t d = 0; d < 4; ++d)
    EXPECT_EQ(arm["diffs"][d].get<double>(),
              summary_row(draws.draws[d].results, 1, 0).vs_comparator[employed].value);
  const UncertaintyRow& u = uncertainty_row(summary, 1, 0, static_cast<int>(employed));
  EXPECT_EQ(arm["prob_better"].get<double>(), u.prob_better);
  const std::string page = report_html(in);
  EXPECT_NE(page.find("id=\"chart-draws\""), std::string::npos);
  EXPECT_NE(page.find("data-kind=\"prob_better\" data-value=\"" + exact_number(u.prob_better) + "\""),
            std::string::npos);
}

TEST(ReportHtml, PlannerRunsGetCalendarAndBudget) {
  const Catalogue catalogue = read_embedded_catalogue();
  const std::string path = testing::source_path("scenarios/municipality_plan.toml");
  ReportRun run;
  run.scenario = parse_scenario(read_text_file(path), path, catalogue);
  SimulationOptions options;
  options.seed = run.scenario.seed;
  run.results = run_scenario(run.scenario, catalogue, options).results;
  run.manifest.scenario_name = run.scenario.name;
  const json data = payload(inputs_of(run));
  ASSERT_FALSE(data["calendar"].is_null());
  ASSERT_FALSE(data["budget"].is_null());
  EXPECT_EQ(data["calendar"]["arms"][0]["on_benefit"].size(),
            static_cast<std::size_t>(run.results.horizon_months));
  EXPECT_EQ(data["calendar"]["arms"][1]["queued"][0]["intervention"], "internship_private");
  const auto net = static_cast<std::size_t>(BudgetMeasure::municipal_net_cost);
  std::size_t k = 0;
  for (const BudgetRow& row : run.results.budget) {
    if (row.arm != 1 || row.year < 0) continue;
    EXPECT_EQ(data["budget"]["arms"][1]["values"][k++]["value"].get<double>(), row.totals[net].value);
  }
  EXPECT_EQ(k, 3u);
  const std::string page = report_html(inputs_of(run));
  EXPECT_NE(page.find("id=\"chart-calendar\""), std::string::npos);
  EXPECT_NE(page.find("id=\"chart-budget\""), std::string::npos);
}

TEST(ReportHtml, SameBytesForAnyThreadCount) {
  const ReportRun one = default_run(600, 1);
  const ReportRun two = default_run(600, 2);
  EXPECT_EQ(report_html(inputs_of(one)), report_html(inputs_of(two)));
}

// The sensitivity analysis's page: its tornado and VOI tables carry the exact values of
// the result, with the largest swings first.
TEST(ReportHtml, SensitivityPageShowsTornadoAndValueOfInformation) {
  SensitivityResult result;
  for (int k = 1; k <= 20; ++k) {
    TornadoRow row;
    row.parameter = "effect.p" + std::to_string(k);
    row.arm = "company_first";
    row.metric_at_point = 0.5;
    row.metric_at_low = 0.5 - 0.01 * (21 - k);
    row.metric_at_high = 0.5 + 0.02 * (21 - k);
    row.swing = row.metric_at_high - row.metric_at_low;
    row.rank = k;
    result.tornado.push_back(row);
  }
  result.voi.rows = {{"EVPI", "all", 20, 0.25, 5000.0, 1.0, 0.0},
                     {"programme effects", "group", 20, 0.2, 4000.0, 0.8, 0.0},
                     {"effect.p1", "parameter", 1, 0.1, 2000.0, 0.4, 0.0}};
  result.simulations = 41;
  DecisionMetric metric;
  Manifest manifest;
  manifest.scenario_name = "default";
  manifest.draws = 10;
  const std::string page = sensitivity_report_html(
      {.result = &result, .metric = &metric, .manifest = &manifest, .language = ReportLanguage::da});
  EXPECT_NE(page.find("Hvilke antagelser betyder mest"), std::string::npos);
  EXPECT_NE(page.find("måneder pr. person"), std::string::npos);
  EXPECT_NE(page.find("id=\"chart-tornado-0\""), std::string::npos);
  EXPECT_NE(page.find("id=\"chart-voi\""), std::string::npos);
  EXPECT_NE(page.find("data-parameter=\"effect.p1\" data-kind=\"swing\" data-value=\"" +
                      exact_number(result.tornado[0].swing) + "\""),
            std::string::npos);
  EXPECT_NE(page.find("effect.p15\""), std::string::npos);
  EXPECT_EQ(page.find("effect.p16\""), std::string::npos) << "only the largest swings are shown";
  EXPECT_NE(page.find("data-name=\"EVPI\" data-kind=\"evppi\" data-value=\"0.25\""), std::string::npos);
  // No value of information at all: the table says so with zeros, and no blank chart is drawn.
  for (VoiRow& row : result.voi.rows) row.per_person = 0.0;
  const std::string flat = sensitivity_report_html(
      {.result = &result, .metric = &metric, .manifest = &manifest, .language = ReportLanguage::en});
  EXPECT_EQ(flat.find("id=\"chart-voi\""), std::string::npos);
  EXPECT_NE(flat.find("Value of information"), std::string::npos);
}

// The command line: report.html by default, in Danish; --language en; --no-report skips it
// and the manifest then does not list it.
TEST(ReportHtml, RunWritesItUnlessToldNot) {
  const std::string dir = testing::make_temp_dir("report-cli");
  const auto run = [&](const std::string& name, std::vector<std::string> extra) {
    std::vector<std::string> args = {"run", "--persons", "500", "--out", dir + "/" + name, "--quiet"};
    args.insert(args.end(), extra.begin(), extra.end());
    const testing::CommandResult r = testing::run_integrasim(args);
    EXPECT_EQ(r.exit_code, 0) << testing::describe(r);
    return dir + "/" + name;
  };
  const std::string da = run("da", {});
  const std::string en = run("en", {"--language", "en"});
  const std::string none = run("none", {"--no-report"});
  EXPECT_NE(testing::read_file_bytes(da + "/report.html").find("<html lang=\"da\""), std::string::npos);
  EXPECT_NE(testing::read_file_bytes(en + "/report.html").find("<html lang=\"en\""), std::string::npos);
  EXPECT_NE(testing::read_file_bytes(da + "/manifest.json").find("\"report.html\""), std::string::npos);
  EXPECT_FALSE(std::filesystem::exists(none + "/report.html"));
  EXPECT_EQ(testing::read_file_bytes(none + "/manifest.json").find("report.html"), std::string::npos);
  // The CSV files do not depend on the report's language.
  for (const std::string file : {"summary.csv", "monthly.csv", "effects.csv"})
    EXPECT_EQ(testing::read_file_bytes(da + "/" + file), testing::read_file_bytes(en + "/" + file)) << file;
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace integrasim
