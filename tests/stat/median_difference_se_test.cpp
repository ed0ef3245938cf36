// The paired SE of a difference in medians (analysis/summarise.cpp median_difference,
// docs/uncertainty.md "Differences in medians"): arm and comparator simulate the same
// persons, so the SE uses the joint first-job histogram. Checked against the spread of
// the difference over independent seeds, against the same formula with each person's own
// first-job time (brute force), and on an arm that is its comparator (SE 0, where the
// unpaired SE is not).
#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

#include "analysis/paired_runs.h"
#include "analysis/summarise.h"
#include "core/compiled_model.h"
#include "core/engine.h"
#include "test_support.h"

namespace integrasim::testing {
namespace {

constexpr const char* k_median = "median_time_to_first_job";

Catalogue job_catalogue() {
  // Median first job near month 25 in the comparator: reached well within the horizon.
  return constant_hazard_catalogue(0.03, 0.005, 0.002, 0.01, 0.01);
}

TEST(MedianDifference, AnArmThatIsItsComparatorHasStandardErrorZero) {
  // bare_scenario's arms have no programmes: the policy arm is the comparator.
  Scenario s = bare_scenario(60, 20000, 31);
  s.frailty.variance = 0.5;
  const Results r = run_in_memory(s, job_catalogue());
  const Estimate a = metric(r, "policy", "all", k_median);
  const Estimate c = metric(r, "comparator", "all", k_median);
  ASSERT_FALSE(std::isnan(a.value));
  ASSERT_GT(a.se, 0.0);
  const Estimate d = difference(r, "policy", "all", k_median);
  EXPECT_EQ(d.value, 0.0);
  EXPECT_EQ(d.se, 0.0);
  // What the unpaired SE said instead: sqrt(2) times either arm's.
  RecordProperty("unpaired_se", std::to_string(std::hypot(a.se, c.se)));
  EXPECT_GT(std::hypot(a.se, c.se), 0.1);
}

// Over `runs` seeds: the SD of the difference in medians, the mean paired SE summary.csv
// claims and the mean unpaired SE (either arm's SE, as if the arms were independent).
struct Spread {
  double mean = 0, observed = 0, claimed = 0, unpaired = 0;
};

Spread spread_over_seeds(const Catalogue& c, const PathwayStep& course, int runs) {
  std::vector<double> diffs;
  Spread out;
  for (int seed = 1; seed <= runs; ++seed) {
    Scenario s = bare_scenario(60, 4000, static_cast<std::uint64_t>(seed));
    s.frailty.variance = 0.5;
    give_pathway(s, "policy", "course", {course});
    const Results r = run_in_memory(s, c);
    const Estimate d = difference(r, "policy", "all", k_median);
    EXPECT_FALSE(std::isnan(d.se)) << "seed " << seed;
    diffs.push_back(d.value);
    out.claimed += d.se / runs;
    out.unpaired +=
        std::hypot(metric(r, "policy", "all", k_median).se, metric(r, "comparator", "all", k_median).se) /
        runs;
  }
  for (const double x : diffs) out.mean += x / runs;
  double ss = 0;
  for (const double x : diffs) ss += (x - out.mean) * (x - out.mean);
  out.observed = std::sqrt(ss / (runs - 1));
  return out;
}

TEST(MedianDifference, PairedStandardErrorMatchesTheSpreadOverSeeds) {
  // Tolerance: over R independent seeds the sample SD of the difference has relative SE
  // 1 / sqrt(2 (R - 1)) for a normal difference (R = 200: 0.050). The mean claimed SE
  // over 200 runs has a relative SE of its own well below that (each run's SE estimate
  // varies by a few per cent), and the Bahadur SE's bias at n = 4000 (the density from a
  // window of +-1 month, D interpolated between whole months) is of order 1 / sqrt(n).
  // The ratio SD / claimed must be within 4 of those SEs, +-0.2, of 1.
  constexpr int k_runs = 200;
  // A course that locks in and then helps: from month 6 for 6 months (HR 0.5, then 1.5:
  // the median comes about 5 months earlier), and from entry for 18 months (HR 0.2, then
  // 1.5: about 8 months later). Most persons' first jobs move little or not at all, so
  // the paired SE is far below the unpaired one.
  const struct {
    double lock_in_hr;
    PathwayStep course;
  } cases[] = {{0.5, step("course", 6, 6)}, {0.2, step("course", 0, 18)}};
  for (const auto& [lock_in_hr, course] : cases) {
    Catalogue c = job_catalogue();
    set_effect(c, "course", Phase::lock_in, lock_in_hr);
    set_effect(c, "course", Phase::post, 1.5);
    const Spread s = spread_over_seeds(c, course, k_runs);
    const std::string what = "lock-in HR " + std::to_string(lock_in_hr) + ": observed SD " +
                             std::to_string(s.observed) + ", claimed SE " + std::to_string(s.claimed) +
                             ", unpaired SE " + std::to_string(s.unpaired) + ", mean " +
                             std::to_string(s.mean);
    RecordProperty("case_" + std::to_string(course.duration_months), what);
    EXPECT_NEAR(s.observed / s.claimed, 1.0, 0.2) << what;
    // The unpaired SE overstates the spread by far more than the tolerance.
    EXPECT_GT(s.unpaired / s.observed, 1.5) << what;
    // The course does move the median.
    EXPECT_GT(std::abs(s.mean), 4 * s.observed / std::sqrt(k_runs)) << what;
  }
}

TEST(MedianDifference, InterpolatedShareOnDifferentSidesIsCloseToThePersonsOwn) {
  // D, the share of persons on different sides of the two medians, is interpolated from
  // the joint histogram's whole months. Brute force: D from each person's own first-job
  // time (time_to_first_job is min(first job, H), and both medians are below H), put into
  // the same formula with the same densities (from the arms' SEs, sqrt(1/4n) / f). Both
  // come from the same persons, so no Monte Carlo noise separates them: the tolerance
  // bounds the interpolation error alone (measured 0.2 to 1.8 % of the SE here).
  const struct {
    double lock_in_hr;
    PathwayStep course;
  } cases[] = {{0.5, step("course", 6, 6)}, {0.2, step("course", 0, 18)}, {0.9, step("course", 3, 2)}};
  for (const auto& [lock_in_hr, course] : cases) {
    Catalogue c = job_catalogue();
    set_effect(c, "course", Phase::lock_in, lock_in_hr);
    set_effect(c, "course", Phase::post, 1.5);
    Scenario s = bare_scenario(60, 200000, 11);
    s.frailty.variance = 0.5;
    give_pathway(s, "policy", "course", {course});
    const CompiledModel m = compile_model(s, resolve_parameters(c, s));
    PersonOutcomes persons(m, tally_column_count(m.employment_rate_months));
    SimulationOptions options;
    options.seed = s.seed;
    options.threads = 2;
    options.person_outcomes = persons.recorder();
    const Results r = summarise(m, simulate(m, options));
    const Estimate a = metric(r, "policy", "all", k_median);
    const Estimate cm = metric(r, "comparator", "all", k_median);
    const Estimate d = difference(r, "policy", "all", k_median);
    const double n = static_cast<double>(persons.persons());
    const double fa = std::sqrt(0.25 / n) / a.se;
    const double fc = std::sqrt(0.25 / n) / cm.se;
    const int policy = 1;  // bare_scenario's arms: comparator, policy
    ASSERT_EQ(r.arms[policy].name, "policy");
    const int k = column(Metric::time_to_first_job);
    double different = 0;
    for (std::int64_t i = 0; i < persons.persons(); ++i)
      different += (persons.x(i, policy, k) < a.value) != (persons.x(i, 0, k) < cm.value) ? 1.0 : 0.0;
    const double gap = 1 / fa - 1 / fc;
    const double brute = std::sqrt((0.25 * gap * gap + different / n / (fa * fc)) / n);
    EXPECT_NEAR(d.se / brute, 1.0, 0.05)
        << "lock-in HR " << lock_in_hr << ": SE " << d.se << ", brute force " << brute;
    EXPECT_LT(d.se, 0.5 * std::hypot(a.se, cm.se));
  }
}

TEST(MedianDifference, StandardErrorIsTheSameForAnyNumberOfThreads) {
  Catalogue c = job_catalogue();
  set_effect(c, "course", Phase::lock_in, 0.5);
  set_effect(c, "course", Phase::post, 1.5);
  Scenario s = bare_scenario(60, 30000, 5);
  s.frailty.variance = 0.5;
  give_pathway(s, "policy", "course", {step("course", 6, 6)});
  const Estimate one = difference(run_in_memory(s, c, 1), "policy", "all", k_median);
  const Estimate three = difference(run_in_memory(s, c, 3), "policy", "all", k_median);
  ASSERT_FALSE(std::isnan(one.se));
  EXPECT_EQ(one.value, three.value);
  EXPECT_EQ(one.se, three.se);
}

}  // namespace
}  // namespace integrasim::testing
