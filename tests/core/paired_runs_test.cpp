// Sweep points and the paired SEs between them (analysis/sweep.h, analysis/paired_runs.h):
// each point is exactly a run of the scenario with its value put in, the recorded
// per-person values add up to the reported estimates, the paired SE equals a brute-force
// computation over persons, it is below the unpaired SE when the points are positively
// correlated, and nothing depends on the thread count.
#include "analysis/paired_runs.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>

#include "analysis/summarise.h"
#include "analysis/sweep.h"
#include "core/compiled_model.h"
#include "test_support.h"

namespace integrasim {
namespace {

using testing::bare_scenario;
using testing::give_pathway;
using testing::step;
using testing::tiny_catalogue;

Scenario course_scenario() {
  Scenario s = bare_scenario(36, 3000, 5);
  give_pathway(s, "policy", "p", {step("course", 3, 6)});
  return s;
}

// Coverage of the policy arm's course: 1 at the first point, then lower.
SweepSpec coverage_sweep(std::vector<double> values) {
  SweepSpec spec;
  SweepDimension d;
  d.target.name = "pathway.p.step.1.coverage";
  d.target.knob = SweepKnob::step_coverage;
  d.target.pathway = 0;
  d.target.step = 0;
  d.values = std::move(values);
  spec.dimensions.push_back(d);
  return spec;
}

SimulationOptions options(std::uint64_t seed, int threads) {
  SimulationOptions o;
  o.seed = seed;
  o.threads = threads;
  return o;
}

bool same_bits(double a, double b) {
  return std::memcmp(&a, &b, sizeof a) == 0;
}

void expect_same_rows(const Results& a, const Results& b) {
  ASSERT_EQ(a.summary.size(), b.summary.size());
  for (std::size_t r = 0; r < a.summary.size(); ++r)
    for (std::size_t k = 0; k < a.metrics.size(); ++k) {
      EXPECT_TRUE(same_bits(a.summary[r].metrics[k].value, b.summary[r].metrics[k].value)) << r << " " << k;
      EXPECT_TRUE(same_bits(a.summary[r].metrics[k].se, b.summary[r].metrics[k].se)) << r << " " << k;
    }
}

std::size_t metric_index(const Results& r, const std::string& name) {
  for (std::size_t k = 0; k < r.metrics.size(); ++k)
    if (r.metrics[k].name == name) return k;
  throw std::runtime_error("no metric " + name);
}

TEST(SweepPoints, EachPointIsTheRunOfTheScenarioWithItsValue) {
  const Scenario base = course_scenario();
  const Catalogue catalogue = tiny_catalogue();
  const SweepSpec spec = coverage_sweep({1.0, 0.5, 0.2});
  const SweepResults sweep = run_sweep(base, spec, catalogue, options(base.seed, 1));
  ASSERT_EQ(sweep.points.size(), 3U);
  for (const SweepPoint& p : sweep.points) {
    Scenario alone = base;
    alone.pathways[0].steps[0].coverage = p.values[0];
    expect_same_rows(p.results, testing::run_in_memory(alone, catalogue));
  }
  EXPECT_TRUE(sweep.points[0].vs_first.empty());
  EXPECT_EQ(sweep.points[1].vs_first.size(), sweep.points[1].results.summary.size());
}

TEST(SweepPoints, ThreadsChangeNoBit) {
  const Scenario base = course_scenario();
  const SweepSpec spec = coverage_sweep({1.0, 0.4});
  const SweepResults one = run_sweep(base, spec, tiny_catalogue(), options(base.seed, 1));
  const SweepResults two = run_sweep(base, spec, tiny_catalogue(), options(base.seed, 2));
  for (std::size_t p = 0; p < one.points.size(); ++p) {
    expect_same_rows(one.points[p].results, two.points[p].results);
    ASSERT_EQ(one.points[p].vs_first.size(), two.points[p].vs_first.size());
    for (std::size_t r = 0; r < one.points[p].vs_first.size(); ++r)
      for (std::size_t k = 0; k < one.points[p].vs_first[r].size(); ++k) {
        EXPECT_TRUE(same_bits(one.points[p].vs_first[r][k].value, two.points[p].vs_first[r][k].value));
        EXPECT_TRUE(same_bits(one.points[p].vs_first[r][k].se, two.points[p].vs_first[r][k].se));
      }
  }
}

struct RecordedRun {
  CompiledModel model;
  Results results;
  std::unique_ptr<PersonOutcomes> outcomes;
};

RecordedRun recorded_run(double coverage) {
  Scenario s = course_scenario();
  s.pathways[0].steps[0].coverage = coverage;
  RecordedRun run;
  run.model = compile_model(s, resolve_parameters(tiny_catalogue(), s));
  run.outcomes =
      std::make_unique<PersonOutcomes>(run.model, tally_column_count(run.model.employment_rate_months));
  SimulationOptions o = options(s.seed, 2);
  o.person_outcomes = run.outcomes->recorder();
  run.results = summarise(run.model, simulate(run.model, o));
  return run;
}

TEST(PairedRuns, PairedSeEqualsABruteForceComputationOverPersons) {
  const RecordedRun a = recorded_run(1.0);
  const RecordedRun b = recorded_run(0.5);
  const auto diffs = paired_run_differences(a.model, a.results, *a.outcomes, b.results, *b.outcomes);
  const int policy = 1;
  std::size_t row = 0;  // policy arm, subgroup "all"
  while (!(b.results.summary[row].arm == policy && b.results.summary[row].subgroup == 0)) ++row;
  const double n = static_cast<double>(a.outcomes->persons());

  // A mean: the recorded values add up to the estimate, and the SE of the difference is
  // the SD of the per-person differences over sqrt(n).
  const std::size_t k = metric_index(a.results, "months_employed");
  const int m = static_cast<int>(k);
  double sum_a = 0, sum_d = 0;
  for (std::int64_t i = 0; i < a.outcomes->persons(); ++i) {
    sum_a += a.outcomes->x(i, policy, m);
    sum_d += b.outcomes->x(i, policy, m) - a.outcomes->x(i, policy, m);
  }
  EXPECT_NEAR(sum_a / n, a.results.summary[row].metrics[k].value, 1e-12 * std::abs(sum_a / n));
  double ss = 0;
  for (std::int64_t i = 0; i < a.outcomes->persons(); ++i) {
    const double d = b.outcomes->x(i, policy, m) - a.outcomes->x(i, policy, m) - sum_d / n;
    ss += d * d;
  }
  const double brute_se = std::sqrt(ss / (n - 1) / n);
  EXPECT_NEAR(diffs[row][k].se, brute_se, 1e-9 * brute_se);
  EXPECT_NEAR(diffs[row][k].value, sum_d / n, 1e-9);

  // A ratio (employment at month 36 among those who have not exited): the linearised SE
  // of r_b - r_a, from the persons' numerators and denominators.
  const std::size_t kr = metric_index(a.results, "employment_rate_m36");
  const int mr = static_cast<int>(kr);
  double xa = 0, wa = 0, xb = 0, wb = 0;
  for (std::int64_t i = 0; i < a.outcomes->persons(); ++i) {
    xa += a.outcomes->x(i, policy, mr);
    wa += a.outcomes->w(i, policy, mr);
    xb += b.outcomes->x(i, policy, mr);
    wb += b.outcomes->w(i, policy, mr);
  }
  EXPECT_NEAR(xa / wa, a.results.summary[row].metrics[kr].value, 1e-12);
  double ssr = 0;
  for (std::int64_t i = 0; i < a.outcomes->persons(); ++i) {
    const double za = (a.outcomes->x(i, policy, mr) - xa / wa * a.outcomes->w(i, policy, mr)) / (wa / n);
    const double zb = (b.outcomes->x(i, policy, mr) - xb / wb * b.outcomes->w(i, policy, mr)) / (wb / n);
    ssr += (zb - za) * (zb - za);
  }
  EXPECT_NEAR(diffs[row][kr].se, std::sqrt(ssr / (n * (n - 1))), 1e-9);
}

TEST(PairedRuns, PairedSeIsBelowTheUnpairedSeForCorrelatedPoints) {
  const RecordedRun a = recorded_run(1.0);
  const RecordedRun b = recorded_run(0.7);
  const auto diffs = paired_run_differences(a.model, a.results, *a.outcomes, b.results, *b.outcomes);
  for (std::size_t row = 0; row < b.results.summary.size(); ++row) {
    if (b.results.summary[row].persons == 0) continue;  // bare_scenario has men only
    for (const char* name : {"months_employed", "months_on_benefit", "employment_rate_m36"}) {
      const std::size_t k = metric_index(b.results, name);
      const double unpaired =
          std::hypot(a.results.summary[row].metrics[k].se, b.results.summary[row].metrics[k].se);
      if (b.results.summary[row].arm != 1) {
        // The comparator and no_intervention do not change between the points: the same
        // persons, the same runs.
        EXPECT_EQ(diffs[row][k].value, 0.0);
        EXPECT_EQ(diffs[row][k].se, 0.0);
        continue;
      }
      EXPECT_GT(diffs[row][k].se, 0.0) << name;
      EXPECT_LT(diffs[row][k].se, 0.5 * unpaired)
          << name << " paired " << diffs[row][k].se << " unpaired " << unpaired;
    }
  }
}

}  // namespace
}  // namespace integrasim
