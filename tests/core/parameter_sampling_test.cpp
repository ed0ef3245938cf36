// Parameter sampling for the probabilistic sensitivity analysis (docs/model.md §13): quantiles of
// each distribution, keyed determinism, independence of draws and parameters, fix and
// widen, Sobol points, the across-draw summary, and byte-identical files for any
// thread count through the binary.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "analysis/parameter_sampling.h"
#include "analysis/uncertainty.h"
#include "process_support.h"
#include "test_support.h"

namespace integrasim {
namespace {

constexpr double k_z975 = 1.959963984540054;

UncertainParameter make(Distribution d, double value, double lo, double hi) {
  UncertainParameter p;
  p.id = "x";
  p.distribution = d;
  p.value = value;
  p.ci_low = lo;
  p.ci_high = hi;
  return p;
}

// Mean and standard deviation of a distribution from its quantile function (midpoint rule).
std::pair<double, double> moments(const UncertainParameter& p) {
  const int n = 20000;
  double m = 0, m2 = 0;
  for (int i = 0; i < n; ++i) {
    const double x = sample_quantile(p, (i + 0.5) / n);
    m += x / n;
    m2 += x * x / n;
  }
  return {m, std::sqrt(std::max(0.0, m2 - m * m))};
}

TEST(ParameterSampling, LognormalHasTheValueAsMedianAndTheIntervalAsItsTwoAndAHalfPercentPoints) {
  const UncertainParameter p = make(Distribution::lognormal, 2.0, 1.0, 4.0);
  EXPECT_NEAR(sample_quantile(p, 0.5), 2.0, 1e-12);
  EXPECT_NEAR(sample_quantile(p, 0.025), 1.0, 1e-9);
  EXPECT_NEAR(sample_quantile(p, 0.975), 4.0, 1e-9);
  // An interval asymmetric around the value keeps the median; its log width sets sigma.
  const UncertainParameter q = make(Distribution::lognormal, 2.0, 1.84, 2.5);
  const double sigma = std::log(2.5 / 1.84) / (2 * k_z975);
  EXPECT_NEAR(sample_quantile(q, 0.5), 2.0, 1e-12);
  EXPECT_NEAR(sample_quantile(q, 0.975), 2.0 * std::exp(sigma * k_z975), 1e-9);
}

TEST(ParameterSampling, NormalHasTheValueAsMeanAndTheIntervalAsItsTwoAndAHalfPercentPoints) {
  const UncertainParameter p = make(Distribution::normal, 0.03, 0.02, 0.04);
  EXPECT_NEAR(sample_quantile(p, 0.5), 0.03, 1e-15);
  EXPECT_NEAR(sample_quantile(p, 0.025), 0.02, 1e-12);
  EXPECT_NEAR(sample_quantile(p, 0.975), 0.04, 1e-12);
}

TEST(ParameterSampling, BetaAndGammaHaveTheValueAsMeanAndTheIntervalWidthOver3_92AsSd) {
  for (const auto& p :
       {make(Distribution::beta, 0.3, 0.1, 0.5), make(Distribution::beta, 0.03, 0.008, 0.1),
        make(Distribution::gamma, 6.0, 3.0, 12.0), make(Distribution::gamma, 0.05, 0.01, 0.15)}) {
    const auto [mean, sd] = moments(p);
    EXPECT_NEAR(mean, p.value, 2e-3 * p.value) << name_of(p.distribution) << " " << p.value;
    EXPECT_NEAR(sd, (p.ci_high - p.ci_low) / (2 * k_z975), 5e-3 * sd)
        << name_of(p.distribution) << " " << p.value;
  }
  // Beta draws stay shares, gamma draws stay positive.
  for (const double u : {1e-12, 0.001, 0.5, 0.999, 1 - 1e-12}) {
    const double b = sample_quantile(make(Distribution::beta, 0.03, 0.008, 0.1), u);
    EXPECT_GE(b, 0.0);
    EXPECT_LE(b, 1.0);
    EXPECT_GE(sample_quantile(make(Distribution::gamma, 0.05, 0.01, 0.15), u), 0.0);
  }
}

TEST(ParameterSampling, FixedOrDegenerateValuesStayAtTheirValue) {
  EXPECT_EQ(sample_quantile(make(Distribution::fixed, 1.3, 1.0, 2.0), 0.9), 1.3);
  EXPECT_EQ(sample_quantile(make(Distribution::lognormal, 1.3, 1.3, 1.3), 0.9), 1.3);
}

void make_lognormal(CatalogueValue& v, double value, double lo, double hi) {
  v.value = value;
  v.ci_low = lo;
  v.ci_high = hi;
  v.has_interval = true;
  v.distribution = Distribution::lognormal;
}

// tiny_catalogue with three uncertain rows: the course's post HR (lognormal), its lock-in
// HR (lognormal) and the job-finding baseline (gamma).
Parameters uncertain_tiny() {
  Catalogue c = testing::tiny_catalogue();
  for (EffectRow& e : c.effects) {
    if (e.intervention != "course") continue;
    if (e.phase == Phase::post) make_lognormal(e.hazard_ratio, 1.5, 1.1, 2.0);
    if (e.phase == Phase::lock_in) make_lognormal(e.hazard_ratio, 0.5, 0.4, 0.6);
  }
  CatalogueValue& base = c.baselines.front().hazard;
  base.ci_low = 0.5 * base.value;
  base.ci_high = 1.5 * base.value;
  base.has_interval = true;
  base.distribution = Distribution::gamma;
  Parameters p;
  p.values = c;
  return p;
}

double value_of(const Parameters& p, const std::string& id) {
  for (const CatalogueValue* v : p.values.all_values())
    if (v->id == id) return v->value;
  ADD_FAILURE() << "no " << id;
  return 0;
}

TEST(ParameterSampling, UncertainParametersAreTheRowsWithADistributionInCatalogueOrder) {
  const Parameters base = uncertain_tiny();
  const auto u = uncertain_parameters(base);
  ASSERT_EQ(u.size(), 3U);
  for (std::size_t i = 1; i < u.size(); ++i) EXPECT_LT(u[i - 1].stream_index, u[i].stream_index);
  EXPECT_EQ(u[0].id, base.values.baselines.front().hazard.id);
}

TEST(ParameterSampling, DrawsAreKeyedDeterministicAndDrawZeroIsThePointEstimates) {
  const Parameters base = uncertain_tiny();
  const auto ids = uncertain_parameters(base);
  const Parameters a = sample_parameters(base, 11, 3, false);
  const Parameters b = sample_parameters(base, 11, 3, false);
  const Parameters other_draw = sample_parameters(base, 11, 4, false);
  const Parameters other_seed = sample_parameters(base, 12, 3, false);
  const Parameters point = sample_parameters(base, 11, 0, false);
  for (const auto& p : ids) {
    EXPECT_EQ(value_of(a, p.id), value_of(b, p.id)) << p.id;
    EXPECT_NE(value_of(a, p.id), value_of(other_draw, p.id)) << p.id;
    EXPECT_NE(value_of(a, p.id), value_of(other_seed, p.id)) << p.id;
    EXPECT_EQ(value_of(point, p.id), p.value) << p.id;
    EXPECT_NE(value_of(a, p.id), p.value) << p.id;
  }
  // Rows without a distribution never move.
  EXPECT_EQ(value_of(a, "effect.course.anticipation"), value_of(base, "effect.course.anticipation"));
}

TEST(ParameterSampling, DrawsAndParametersAreIndependentUniforms) {
  const Parameters base = uncertain_tiny();
  const auto ids = uncertain_parameters(base);
  const int n = 4000;
  std::vector<std::vector<double>> u(ids.size());
  for (int d = 1; d <= n; ++d) {
    const auto x = parameter_uniforms(ids, 99, static_cast<std::uint32_t>(d), false);
    for (std::size_t i = 0; i < ids.size(); ++i) u[i].push_back(x[i]);
  }
  // Mean 1/2 (sd 1/sqrt(12 n)), lag-1 and cross correlations 0 (sd 1/sqrt(n)): 4 sd.
  for (std::size_t i = 0; i < ids.size(); ++i) {
    double mean = 0;
    for (const double x : u[i]) mean += x / n;
    EXPECT_NEAR(mean, 0.5, 4 / std::sqrt(12.0 * n));
    const auto corr = [&](const std::vector<double>& a, const std::vector<double>& b, int lag) {
      double s = 0;
      for (std::size_t k = 0; k + static_cast<std::size_t>(lag) < a.size(); ++k)
        s += (a[k] - 0.5) * (b[k + static_cast<std::size_t>(lag)] - 0.5);
      return s / (n - lag) * 12.0;
    };
    EXPECT_NEAR(corr(u[i], u[i], 1), 0.0, 4 / std::sqrt(n)) << "draw-to-draw correlation";
    for (std::size_t j = i + 1; j < ids.size(); ++j)
      EXPECT_NEAR(corr(u[i], u[j], 0), 0.0, 4 / std::sqrt(n)) << "correlation between parameters";
  }
}

TEST(ParameterSampling, FixHoldsAValueAndLeavesTheOtherDrawsUnchanged) {
  const Parameters base = uncertain_tiny();
  const auto ids = uncertain_parameters(base);
  Parameters fixed = base;
  UncertaintySpec spec;
  spec.fix = {ids[1].id};
  apply_uncertainty_spec(fixed, spec);
  ASSERT_EQ(uncertain_parameters(fixed).size(), 2U);
  const Parameters a = sample_parameters(base, 5, 7, false);
  const Parameters b = sample_parameters(fixed, 5, 7, false);
  EXPECT_EQ(value_of(b, ids[1].id), ids[1].value);
  EXPECT_EQ(value_of(a, ids[0].id), value_of(b, ids[0].id));
  EXPECT_EQ(value_of(a, ids[2].id), value_of(b, ids[2].id));
}

TEST(ParameterSampling, WidenScalesTheIntervalOnTheLogScaleForLognormalAndLinearlyOtherwise) {
  Parameters p = uncertain_tiny();
  const auto ids = uncertain_parameters(p);
  UncertaintySpec spec;
  spec.widen = {{ids[0].id, 2.0}, {ids[2].id, 2.0}};  // gamma baseline, lognormal post HR
  apply_uncertainty_spec(p, spec);
  const auto w = uncertain_parameters(p);
  const double v = ids[0].value;
  EXPECT_NEAR(w[0].ci_low, v - 2 * (v - ids[0].ci_low), 1e-15);
  EXPECT_NEAR(w[0].ci_high, v + 2 * (ids[0].ci_high - v), 1e-15);
  EXPECT_NEAR(w[2].ci_low, 1.5 * std::pow(1.1 / 1.5, 2), 1e-12);
  EXPECT_NEAR(w[2].ci_high, 1.5 * std::pow(2.0 / 1.5, 2), 1e-12);
  // Twice the sd on the log scale: the 97.5 % point's log distance from the median doubles.
  EXPECT_NEAR(std::log(sample_quantile(w[2], 0.975) / 1.5),
              2 * std::log(sample_quantile(ids[2], 0.975) / 1.5), 1e-9);
}

TEST(ParameterSampling, VaryGivesAFixedRowADistribution) {
  Parameters p = uncertain_tiny();
  UncertaintySpec spec;
  spec.vary.push_back({"effect.course.anticipation", {true, Distribution::lognormal, 1.0, 1.44, {}}});
  apply_uncertainty_spec(p, spec);
  EXPECT_EQ(uncertain_parameters(p).size(), 4U);
  EXPECT_THROW(apply_uncertainty_spec(p, UncertaintySpec{{"no.such.id"}, {}, {}, {}, {}, {}, {}}),
               InputError);
}

TEST(ParameterSampling, SobolPointsAreInsideTheUnitIntervalAndDifferFromPseudoRandom) {
  const Parameters base = uncertain_tiny();
  const auto ids = uncertain_parameters(base);
  EXPECT_EQ(parameter_uniforms(ids, 1, 1, true), std::vector<double>(ids.size(), 0.5));
  std::vector<double> first;
  for (std::uint32_t d = 1; d <= 255; ++d) {
    const auto s = parameter_uniforms(ids, 1, d, true);
    const auto r = parameter_uniforms(ids, 1, d, false);
    for (const double x : s) {
      EXPECT_GT(x, 0.0);
      EXPECT_LT(x, 1.0);
    }
    EXPECT_NE(s, r);
    first.push_back(s[0]);
  }
  // Draws 1..255 of a base-2 sequence are the points k/256 in every dimension.
  std::sort(first.begin(), first.end());
  for (std::size_t k = 0; k < first.size(); ++k)
    EXPECT_DOUBLE_EQ(first[k], static_cast<double>(k + 1) / 256.0);
  // A Sobol draw does not depend on the seed, and does on the draw.
  EXPECT_EQ(value_of(sample_parameters(base, 1, 9, true), ids[2].id),
            value_of(sample_parameters(base, 2, 9, true), ids[2].id));
  EXPECT_NE(value_of(sample_parameters(base, 1, 9, true), ids[2].id),
            value_of(sample_parameters(base, 1, 10, true), ids[2].id));
}

TEST(ParameterSampling, ScenarioKnobsAreNumberedAfterTheCatalogueAndClampedToTheirRange) {
  const Parameters base = uncertain_tiny();
  Scenario s = testing::bare_scenario(12, 100);
  s.municipality.caseload = 1.0;
  s.uncertainty.caseload = {true, Distribution::lognormal, 0.5, 2.0, {}};
  s.uncertainty.company_collaboration = {true, Distribution::normal, 0.0, 2.0, {}};
  const auto all = all_uncertain_parameters(base, s);
  ASSERT_EQ(all.size(), 5U);
  EXPECT_EQ(all[3].id, "municipality.company_collaboration");
  EXPECT_EQ(all[4].id, "municipality.caseload");
  EXPECT_EQ(all[3].stream_index, base.values.all_values().size() + 1);
  bool clamped = false;
  for (std::uint32_t d = 1; d <= 200; ++d) {
    const SampledDraw draw = sample_draw(base, s, 3, d, false);
    ASSERT_EQ(draw.values.size(), 5U);
    EXPECT_EQ(draw.scenario.municipality.caseload, draw.values[4]);
    EXPECT_EQ(draw.scenario.municipality.company_collaboration, draw.values[3]);
    EXPECT_GE(draw.values[3], 0.0);
    clamped = clamped || draw.values[3] == 0.0;
    // The catalogue part equals sample_parameters' draw.
    EXPECT_EQ(value_of(draw.parameters, all[0].id),
              value_of(sample_parameters(base, 3, d, false), all[0].id));
  }
  EXPECT_TRUE(clamped) << "normal(1, 0.51) falls below 0 in about 2.5 % of 200 draws";
}

TEST(UncertaintySummary, PercentileVarianceSplitAndDirections) {
  EXPECT_DOUBLE_EQ(percentile({4, 1, 3, 2}, 0.5), 2.5);
  EXPECT_DOUBLE_EQ(percentile({1, 2, 3, 4, 5}, 0.25), 2.0);
  EXPECT_DOUBLE_EQ(percentile({1, 2}, 0.975), 1.975);
  EXPECT_TRUE(std::isnan(percentile({}, 0.5)));
  const VarianceSplit v = variance_split({1, 3}, {1, 1});  // total 2, MC 1
  EXPECT_DOUBLE_EQ(v.total, 2.0);
  EXPECT_DOUBLE_EQ(v.monte_carlo, 1.0);
  EXPECT_DOUBLE_EQ(v.share_parameter, 0.5);
  EXPECT_DOUBLE_EQ(variance_split({1, 3}, {5, 5}).share_parameter, 0.0);
  EXPECT_EQ(metric_direction("months_employed"), MetricDirection::higher_is_better);
  EXPECT_EQ(metric_direction("employment_rate_m60"), MetricDirection::higher_is_better);
  EXPECT_EQ(metric_direction("months_on_benefit"), MetricDirection::lower_is_better);
  EXPECT_EQ(metric_direction("cost_benefit_dkk"), MetricDirection::lower_is_better);
  EXPECT_EQ(metric_direction("months_education"), MetricDirection::none);
}

TEST(UncertaintySummary, AllArmsOfADrawShareRandomNumbersAndDrawsRerunAlone) {
  Catalogue c = testing::tiny_catalogue();
  for (EffectRow& e : c.effects)
    if (e.intervention == "course" && e.phase == Phase::post) make_lognormal(e.hazard_ratio, 1.5, 1.1, 2.0);
  Scenario s = testing::bare_scenario(24, 2000, 5);
  SimulationOptions options;
  options.seed = 5;
  const DrawSet set = run_draws(s, c, options, 4, false);
  ASSERT_EQ(set.draws.size(), 4U);
  // No pathway in either arm: with common random numbers the arms are identical.
  for (const DrawResult& d : set.draws)
    EXPECT_EQ(testing::difference(d.results, "policy", "all", "months_employed").value, 0.0);
  // Draw 3 alone is draw 3 of the set; draws differ in their Monte Carlo noise.
  const DrawResult alone = run_draw(s, c, options, 3, false);
  EXPECT_EQ(alone.values, set.draws[2].values);
  EXPECT_EQ(testing::metric(alone.results, "comparator", "all", "months_employed").value,
            testing::metric(set.draws[2].results, "comparator", "all", "months_employed").value);
  EXPECT_NE(testing::metric(set.draws[0].results, "comparator", "all", "months_employed").value,
            testing::metric(set.draws[1].results, "comparator", "all", "months_employed").value);
  const UncertaintySummary summary = summarise_draws(set);
  const UncertaintyRow* row = find_row(summary, 1, 0, "months_employed");
  ASSERT_NE(row, nullptr);
  EXPECT_DOUBLE_EQ(row->prob_better, 0.5) << "ties count half";
}

TEST(CliDraws, SameBytesForOneAndTwoThreadsAndPseudoRandomDiffersFromSobol) {
  const std::string dir = testing::make_temp_dir("cli-draws");
  for (const std::string threads : {"1", "2"}) {
    const auto r = testing::run_integrasim({"run", "--persons", "1500", "--draws", "3", "--threads", threads,
                                            "--out", dir + "/t" + threads, "--quiet"});
    ASSERT_EQ(r.exit_code, 0) << testing::describe(r);
  }
  const auto r = testing::run_integrasim(
      {"run", "--persons", "1500", "--draws", "3", "--sobol", "--out", dir + "/sobol", "--quiet"});
  ASSERT_EQ(r.exit_code, 0) << testing::describe(r);
  for (const std::string file : {"draws.csv", "parameters.csv", "uncertainty.csv", "summary.csv"}) {
    const std::string one = testing::read_file_bytes(dir + "/t1/" + file);
    EXPECT_FALSE(one.empty()) << file;
    EXPECT_TRUE(one == testing::read_file_bytes(dir + "/t2/" + file))
        << file << " differs between 1 and 2 threads";
  }
  EXPECT_NE(testing::read_file_bytes(dir + "/t1/parameters.csv"),
            testing::read_file_bytes(dir + "/sobol/parameters.csv"));
  const auto draws = testing::parse_csv(testing::read_file_bytes(dir + "/t1/draws.csv"));
  ASSERT_FALSE(draws.empty());
  EXPECT_EQ(draws[0], (std::vector<std::string>{"draw", "arm", "subgroup", "metric", "value", "se",
                                                "diff_vs_comparator", "diff_se"}));
  const auto parameters = testing::parse_csv(testing::read_file_bytes(dir + "/t1/parameters.csv"));
  ASSERT_GT(parameters.size(), 1U);
  EXPECT_EQ(parameters[1][0], "0") << "draw 0 holds the point estimates";
  EXPECT_NE(testing::read_file_bytes(dir + "/t1/manifest.json").find("\"draws\": 3"), std::string::npos);
}

TEST(CliDraws, BadDrawOptionsExitTwo) {
  EXPECT_EQ(testing::run_integrasim({"run", "--persons", "100", "--draws", "-1", "--quiet"}).exit_code, 2);
  EXPECT_EQ(testing::run_integrasim({"run", "--persons", "100", "--sobol", "--quiet"}).exit_code, 2);
  EXPECT_EQ(testing::run_integrasim({"run", "--persons", "100", "--draw", "-2", "--quiet"}).exit_code, 2);
  EXPECT_EQ(testing::run_integrasim({"run", "--persons", "100", "--draw", "2", "--draws", "3", "--quiet"})
                .exit_code,
            2);
}

TEST(CliDraws, OneDrawReRunAloneGivesTheNumbersOfThatDraw) {
  const std::string dir = testing::make_temp_dir("cli-one-draw");
  auto r =
      testing::run_integrasim({"run", "--persons", "1500", "--draws", "3", "--out", dir + "/all", "--quiet"});
  ASSERT_EQ(r.exit_code, 0) << testing::describe(r);
  r = testing::run_integrasim({"run", "--persons", "1500", "--draw", "2", "--out", dir + "/two", "--quiet"});
  ASSERT_EQ(r.exit_code, 0) << testing::describe(r);
  const auto draws = testing::parse_csv(testing::read_file_bytes(dir + "/all/draws.csv"));
  const auto summary = testing::parse_csv(testing::read_file_bytes(dir + "/two/summary.csv"));
  ASSERT_GT(summary.size(), 1U);
  std::size_t column = 0;
  for (std::size_t i = 0; i < summary[0].size(); ++i)
    if (summary[0][i] == "months_employed") column = i;
  ASSERT_GT(column, 0U);
  int compared = 0;
  for (const auto& d : draws) {
    if (d.size() < 5 || d[0] != "2" || d[2] != "all" || d[3] != "months_employed") continue;
    for (const auto& row : summary)
      if (row[0] == d[1] && row[2] == "all") {
        EXPECT_EQ(row[column], d[4]) << "arm " << d[1];
        ++compared;
      }
  }
  EXPECT_GE(compared, 2);
}

}  // namespace
}  // namespace integrasim
