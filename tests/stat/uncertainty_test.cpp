// Probabilistic sensitivity analysis against a closed form (docs/model.md §13). One uncertain
// value — the post-programme hazard ratio of a course, lognormal with median 1.5 and
// 95 % interval [1.1, 2.05] — and everything else fixed. Months on benefit of the policy
// arm is then a known, strictly decreasing function m(HR) (a piecewise-exponential
// survival curve), so
//   (1) each draw's simulated value must match m(HR_d) at that draw's sampled HR, within
//       its Monte Carlo error (checked on the standardised residuals), and
//   (2) the 2.5 / 50 / 97.5 % percentiles over draws must match the analytical quantiles
//       of the metric, q_m(p) = m(q_HR(1 - p)) (decreasing, hence 1 - p).
// Tolerances: 4 standard errors. For (2) the standard error of a sample p-quantile over N
// draws is sqrt(p (1 - p) / N) / f(q_m(p)), with f the density of m(HR) from the lognormal
// density and |m'|; the draws also carry Monte Carlo noise (sd s_mc per draw, from the
// closed form), which moves a quantile by less than s_mc when s_mc is small against the
// spread, so s_mc is added in quadrature.
#include <gtest/gtest.h>

#include <boost/math/distributions/lognormal.hpp>

#include <algorithm>
#include <cmath>
#include <vector>

#include "analysis/uncertainty.h"
#include "piecewise_exponential.h"
#include "test_support.h"

namespace integrasim::testing {
namespace {

constexpr double k_h = 0.03;  // job-finding hazard per month
constexpr int k_horizon = 36;
constexpr std::int64_t k_persons = 20000;
constexpr int k_draws = 400;
constexpr double k_median_hr = 1.5;
constexpr double k_low = 1.1;
constexpr double k_high = 2.05;

// Months on benefit (= min(T, H)) for a course from month 0 to 6 (lock-in 0.5), then `hr`.
PiecewiseExponential curve_at(double hr) {
  return PiecewiseExponential{{0, 6, static_cast<double>(k_horizon)}, {0.5 * k_h, hr * k_h}};
}

struct PsaSetup {
  Scenario scenario;
  Catalogue catalogue;
};

PsaSetup setup() {
  PsaSetup s{bare_scenario(k_horizon, k_persons, 4242), constant_hazard_catalogue(k_h, 0, 0, 0, 0)};
  give_pathway(s.scenario, "policy", "course", {step("course", 0, 6)});
  s.catalogue.interventions[0].anticipation_months.value = 0;
  bool found = false;
  for (EffectRow& e : s.catalogue.effects) {
    if (e.intervention != "course" || e.phase != Phase::post) continue;
    e.hazard_ratio.value = k_median_hr;
    e.hazard_ratio.ci_low = k_low;
    e.hazard_ratio.ci_high = k_high;
    e.hazard_ratio.has_interval = true;
    e.hazard_ratio.distribution = Distribution::lognormal;
    found = true;
  }
  EXPECT_TRUE(found);
  return s;
}

TEST(Uncertainty, SingleLognormalHazardRatioReproducesTheAnalyticalQuantilesOfTheMetric) {
  const PsaSetup s = setup();
  SimulationOptions options;
  options.seed = s.scenario.seed;
  options.threads = 2;
  const DrawSet set = run_draws(s.scenario, s.catalogue, options, k_draws, false);
  ASSERT_EQ(set.parameters.size(), 1U) << "exactly one uncertain value";
  ASSERT_EQ(set.draws.size(), static_cast<std::size_t>(k_draws));

  // (1) Per draw: standardised residuals against the closed form at the sampled HR.
  const Results& first = set.draws.front().results;
  int policy = -1;
  for (std::size_t a = 0; a < first.arms.size(); ++a)
    if (first.arms[a].name == "policy") policy = static_cast<int>(a);
  ASSERT_GE(policy, 0);
  std::vector<double> z;
  double mc_sd = 0;
  for (const DrawResult& d : set.draws) {
    const double hr = d.values.at(0);
    const auto [m1, m2] = curve_at(hr).moments();
    const double se = std::sqrt((m2 - m1 * m1) / static_cast<double>(k_persons));
    mc_sd = std::max(mc_sd, se);
    const Estimate e = metric(d.results, "policy", "all", "months_on_benefit");
    z.push_back((e.value - m1) / se);
    EXPECT_LT(std::abs(z.back()), 5.0) << "draw " << d.draw << " HR " << hr;
  }
  double mean = 0, var = 0;
  for (const double x : z) mean += x / k_draws;
  for (const double x : z) var += (x - mean) * (x - mean) / (k_draws - 1);
  EXPECT_NEAR(mean, 0.0, 4.0 / std::sqrt(k_draws)) << "mean standardised residual";
  EXPECT_NEAR(var, 1.0, 4.0 * std::sqrt(2.0 / (k_draws - 1))) << "variance of standardised residuals";

  // (2) Percentiles over draws against the analytical quantiles of the metric.
  const double sigma = (std::log(k_high) - std::log(k_low)) / (2 * 1.959963984540054);
  const boost::math::lognormal_distribution<double> hr_distribution(std::log(k_median_hr), sigma);
  const UncertaintySummary summary = summarise_draws(set);
  const UncertaintyRow* row = find_row(summary, policy, 0, "months_on_benefit");
  ASSERT_NE(row, nullptr);
  const std::pair<double, double> checks[] = {{0.025, row->p2_5}, {0.5, row->p50}, {0.975, row->p97_5}};
  for (const auto& [p, simulated] : checks) {
    const double hr = boost::math::quantile(hr_distribution, 1 - p);
    const double exact = curve_at(hr).mean();
    // Density of m(HR) at the quantile: f_HR(hr) / |dm/dHR| (central difference).
    const double step = 1e-4 * hr;
    const double slope = (curve_at(hr + step).mean() - curve_at(hr - step).mean()) / (2 * step);
    const double density = boost::math::pdf(hr_distribution, hr) / std::abs(slope);
    const double quantile_se = std::sqrt(p * (1 - p) / k_draws) / density;
    const double tolerance = 4.0 * std::sqrt(quantile_se * quantile_se + mc_sd * mc_sd);
    EXPECT_NEAR(simulated, exact, tolerance)
        << "percentile " << p << " (quantile SE " << quantile_se << ", Monte Carlo sd " << mc_sd << ")";
  }
  // Nearly all the spread is the HR's: the Monte Carlo share is small at 20000 persons.
  EXPECT_GT(row->share_parameter_variance, 0.8);
  EXPECT_LT(row->share_parameter_variance, 1.0);
  // Whether the course pays off depends on the draw (lock-in 0.5 against post HR > 1).
  EXPECT_GE(row->prob_better, 0.0);
  EXPECT_LE(row->prob_better, 1.0);
}

TEST(Uncertainty, SobolDrawsCoverTheQuantilesEvenly) {
  // With a Sobol sequence in one dimension, draws 1..N-1 with N a power of 2 are the
  // points k / N: the sampled HRs are the exact quantiles at those probabilities.
  const PsaSetup s = setup();
  SimulationOptions options;
  options.seed = s.scenario.seed;
  Scenario small = s.scenario;
  small.persons = 200;
  const DrawSet set = run_draws(small, s.catalogue, options, 15, true);
  const double sigma = (std::log(k_high) - std::log(k_low)) / (2 * 1.959963984540054);
  const boost::math::lognormal_distribution<double> hr_distribution(std::log(k_median_hr), sigma);
  std::vector<double> hrs;
  for (const DrawResult& d : set.draws) hrs.push_back(d.values.at(0));
  std::sort(hrs.begin(), hrs.end());
  for (std::size_t i = 0; i < hrs.size(); ++i)
    EXPECT_NEAR(hrs[i], boost::math::quantile(hr_distribution, static_cast<double>(i + 1) / 16.0), 1e-9);
}

}  // namespace
}  // namespace integrasim::testing
