// Turning tallies into estimates (docs/model.md §10): ratio estimators and their standard
// errors, paired differences, the median time to first job and the monthly table,
// checked exactly on tallies filled by hand for three persons.
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "analysis/summarise.h"
#include "core/compiled_model.h"
#include "test_support.h"

namespace integrasim::testing {
namespace {

constexpr int k_horizon = 12;
constexpr int k_comparator = 1;  // variant indices without decomposition: N, comparator, policy
constexpr int k_policy = 2;
constexpr int k_rate = k_fixed_metric_count;  // employment_rate_m12, a weighted metric
constexpr int k_benefit = column(Metric::months_on_benefit);

CompiledModel small_model() {
  Scenario s = bare_scenario(k_horizon, 3);
  return compile_model(s, resolve_parameters(tiny_catalogue(), s));
}

// One person's value of metric k in variant v, added as the engine does.
void add_value(Tallies& t, int v, int cell, int k, double x, double w = 1.0) {
  const auto s = [&](int i) -> double& { return t.variant_sums[t.layout.variant_sum(v, cell, k, i)]; };
  s(0) += x;
  s(2) += x * x;
  if (k >= k_mean_column_count) {
    s(1) += w;
    s(3) += w * w;
    s(4) += x * w;
  }
}

void add_pair(Tallies& t, int pair, int cell, int k, double x1, double w1, double x2, double w2) {
  const auto s = [&](int i) -> double& { return t.pair_sums[t.layout.pair_sum(pair, cell, k, i)]; };
  s(0) += x1 * x2;
  if (k >= k_mean_column_count) {
    s(1) += x1 * w2;
    s(2) += w1 * x2;
    s(3) += w1 * w2;
  }
}

// Reference formulas, person by person.
Estimate ratio_reference(const std::vector<double>& x, const std::vector<double>& w) {
  const double n = static_cast<double>(x.size());
  double sx = 0;
  double sw = 0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    sx += x[i];
    sw += w[i];
  }
  const double r = sx / sw;
  double ss = 0;
  for (std::size_t i = 0; i < x.size(); ++i) ss += (x[i] - r * w[i]) * (x[i] - r * w[i]);
  return {r, std::sqrt(ss / (n * (n - 1))) / (sw / n)};
}

Estimate difference_reference(const std::vector<double>& x1, const std::vector<double>& w1,
                              const std::vector<double>& x2, const std::vector<double>& w2) {
  const double n = static_cast<double>(x1.size());
  const Estimate a = ratio_reference(x1, w1);
  const Estimate b = ratio_reference(x2, w2);
  double sw1 = 0;
  double sw2 = 0;
  for (std::size_t i = 0; i < x1.size(); ++i) {
    sw1 += w1[i];
    sw2 += w2[i];
  }
  // Linearised residuals of each ratio, differenced person by person.
  double ss = 0;
  for (std::size_t i = 0; i < x1.size(); ++i) {
    const double d = (x1[i] - a.value * w1[i]) / (sw1 / n) - (x2[i] - b.value * w2[i]) / (sw2 / n);
    ss += d * d;
  }
  return {a.value - b.value, std::sqrt(ss / (n * (n - 1)))};
}

// Three persons: 0 and 1 are men (report cell 0), 2 is a woman (cell 1).
struct HandMade {
  CompiledModel model = small_model();
  Tallies tallies{TallyLayout(model)};
  std::vector<int> cell = {0, 0, 1};
  std::vector<double> benefit_comparator = {1, 2, 4};
  std::vector<double> benefit_policy = {3, 5, 7};
  std::vector<double> rate_x_comparator = {1, 0, 1};
  std::vector<double> rate_w_comparator = {1, 1, 0};  // person 2 in exit at month 12
  std::vector<double> rate_x_policy = {1, 1, 0};
  std::vector<double> rate_w_policy = {1, 1, 1};
  Results results;

  HandMade() {
    const int pair = model.vs_comparator_pair[1];
    for (std::size_t i = 0; i < 3; ++i) {
      const int c = cell[i];
      tallies.group_persons[static_cast<std::size_t>(c)] += 1;
      tallies.group_units[static_cast<std::size_t>(c)] += 1;
      add_value(tallies, k_comparator, c, k_benefit, benefit_comparator[i]);
      add_value(tallies, k_policy, c, k_benefit, benefit_policy[i]);
      add_pair(tallies, pair, c, k_benefit, benefit_policy[i], 1, benefit_comparator[i], 1);
      add_value(tallies, k_comparator, c, k_rate, rate_x_comparator[i], rate_w_comparator[i]);
      add_value(tallies, k_policy, c, k_rate, rate_x_policy[i], rate_w_policy[i]);
      add_pair(tallies, pair, c, k_rate, rate_x_policy[i], rate_w_policy[i], rate_x_comparator[i],
               rate_w_comparator[i]);
    }
    tallies.persons = 3;
    // First-job histogram (8 bins per month; the last bin is "never").
    const int never = tallies.layout.first_job_bins - 1;
    const int comparator_bins[3] = {8, 16, never};
    const int policy_bins[3] = {4, 12, 20};
    for (std::size_t i = 0; i < 3; ++i) {
      tallies.first_job_hist[tallies.layout.first_job(k_comparator, cell[i], comparator_bins[i])] += 1;
      tallies.first_job_hist[tallies.layout.first_job(k_policy, cell[i], policy_bins[i])] += 1;
      // The same persons in the joint histogram (whole months), in the policy's arm slot 1,
      // in every group their cell is in.
      const TallyLayout& l = tallies.layout;
      for (std::size_t g = 0; g < model.groups.size(); ++g)
        for (const int gc : model.groups[g].cells)
          if (gc == cell[i])
            tallies.first_job_joint[l.first_job_joint(1, static_cast<int>(g),
                                                      l.first_job_joint_bin(policy_bins[i]),
                                                      l.first_job_joint_bin(comparator_bins[i]))] += 1;
    }
    // Monthly table, comparator slot (arm 0), state benefit: the men from month 0, one of
    // them until month 5 (exclusive); the woman throughout.
    const auto diff = [&](int c, int month, std::int64_t delta) {
      tallies.monthly_diff[tallies.layout.monthly(0, c, static_cast<int>(State::benefit), month)] += delta;
    };
    diff(0, 0, 2);
    diff(0, 5, -1);
    diff(0, k_horizon + 1, -1);
    diff(1, 0, 1);
    diff(1, k_horizon + 1, -1);
    results = summarise(model, tallies);
  }
};

TEST(Summarise, LayoutOfTheHandMadeModel) {
  const HandMade h;
  EXPECT_EQ(h.tallies.layout.variants, 3);
  EXPECT_EQ(h.tallies.layout.groups, 2);
  EXPECT_EQ(h.tallies.layout.metrics, k_fixed_metric_count + 1);
  EXPECT_EQ(h.tallies.layout.first_job_bins, k_horizon * 8 + 1);
  EXPECT_EQ(h.model.arm_full_variant[0], k_comparator);
  EXPECT_EQ(h.model.arm_full_variant[1], k_policy);
  ASSERT_EQ(h.results.arms.size(), 3U);
  EXPECT_EQ(h.results.arms[2].role, "no_intervention");
  EXPECT_EQ(h.results.metrics.back().name, "median_time_to_first_job");
  EXPECT_EQ(h.results.metrics[static_cast<std::size_t>(k_rate)].name, "employment_rate_m12");
  EXPECT_EQ(h.results.persons, 3);
  EXPECT_EQ(h.results.arm_person_months, 3 * k_horizon * 3);
}

TEST(Summarise, MeanAndStandardErrorOfAPlainMetric) {
  const HandMade h;
  const Estimate all = metric(h.results, "comparator", "all", "months_on_benefit");
  EXPECT_DOUBLE_EQ(all.value, 7.0 / 3.0);
  EXPECT_DOUBLE_EQ(all.se, std::sqrt(7.0) / 3.0);  // sqrt((14/3) / (3 x 2))
  const Estimate men = metric(h.results, "comparator", "male", "months_on_benefit");
  EXPECT_DOUBLE_EQ(men.value, 1.5);
  EXPECT_DOUBLE_EQ(men.se, 0.5);
  // One person: a value but no standard error.
  const Estimate women = metric(h.results, "comparator", "female", "months_on_benefit");
  EXPECT_DOUBLE_EQ(women.value, 4.0);
  EXPECT_TRUE(std::isnan(women.se));
  const Estimate policy = metric(h.results, "policy", "all", "months_on_benefit");
  const Estimate ref = ratio_reference(h.benefit_policy, {1, 1, 1});
  EXPECT_DOUBLE_EQ(policy.value, ref.value);
  EXPECT_DOUBLE_EQ(policy.se, ref.se);
}

TEST(Summarise, RatioEstimatorAndItsStandardError) {
  const HandMade h;
  // x = (1, 0, 1), w = (1, 1, 0): r = 1, residuals (0, -1, 1), mean w = 2/3.
  const Estimate all = metric(h.results, "comparator", "all", "employment_rate_m12");
  EXPECT_DOUBLE_EQ(all.value, 1.0);
  EXPECT_DOUBLE_EQ(all.se, std::sqrt(2.0 / 6.0) / (2.0 / 3.0));
  const Estimate ref = ratio_reference(h.rate_x_comparator, h.rate_w_comparator);
  EXPECT_DOUBLE_EQ(all.se, ref.se);
  // Men: x = (1, 0), w = (1, 1): a plain proportion 1/2 with SE sqrt(0.5 / 2) ... of the
  // ratio form: residuals (0.5, -0.5), SE = sqrt(0.5 / 2) / 1.
  const Estimate men = metric(h.results, "comparator", "male", "employment_rate_m12");
  EXPECT_DOUBLE_EQ(men.value, 0.5);
  EXPECT_DOUBLE_EQ(men.se, 0.5);
  // Women: the only woman is in exit (w = 0): no estimate.
  const Estimate women = metric(h.results, "comparator", "female", "employment_rate_m12");
  EXPECT_TRUE(std::isnan(women.value));
  EXPECT_TRUE(std::isnan(women.se));
}

TEST(Summarise, PairedDifferenceOfAPlainMetric) {
  const HandMade h;
  // Differences (2, 3, 3): mean 8/3, SE sqrt((6/9) / 6) = 1/3.
  const Estimate d = difference(h.results, "policy", "all", "months_on_benefit");
  EXPECT_DOUBLE_EQ(d.value, 8.0 / 3.0);
  EXPECT_NEAR(d.se, 1.0 / 3.0, 1e-14);
  // The comparator has no difference with itself.
  for (const SummaryRow& row : h.results.summary)
    if (row.arm == 0) {
      EXPECT_TRUE(row.vs_comparator.empty());
    }
}

TEST(Summarise, PairedDifferenceOfARatioMetric) {
  const HandMade h;
  const Estimate d = difference(h.results, "policy", "all", "employment_rate_m12");
  const Estimate ref =
      difference_reference(h.rate_x_policy, h.rate_w_policy, h.rate_x_comparator, h.rate_w_comparator);
  EXPECT_DOUBLE_EQ(d.value, -1.0 / 3.0);
  EXPECT_DOUBLE_EQ(ref.value, -1.0 / 3.0);
  // By hand: residuals (1/3, 1/3, -2/3) and 1.5 x (0, -1, 1); sum of squared
  // differences 49/6; SE = sqrt((49/6) / 6) = 7/6.
  EXPECT_NEAR(ref.se, 7.0 / 6.0, 1e-14);
  EXPECT_NEAR(d.se, 7.0 / 6.0, 1e-14);
}

TEST(Summarise, MedianTimeToFirstJobFromTheHistogram) {
  const HandMade h;
  const double width = 1.0 / 8.0;
  // Comparator, all: bins 8, 16, never; n/2 = 1.5 is reached half-way into bin 16.
  // Density from bins 8..24 (17 bins) holding 2 persons.
  const Estimate all = metric(h.results, "comparator", "all", "median_time_to_first_job");
  EXPECT_DOUBLE_EQ(all.value, 16.5 * width);
  const double density_all = 2.0 / (3.0 * 17.0 * width);
  EXPECT_DOUBLE_EQ(all.se, std::sqrt(0.25 / 3.0) / density_all);
  // Men: bins 8 and 16; n/2 = 1 is reached at the end of bin 8. Bins 0..16 hold 2.
  const Estimate men = metric(h.results, "comparator", "male", "median_time_to_first_job");
  EXPECT_DOUBLE_EQ(men.value, 9.0 * width);
  EXPECT_DOUBLE_EQ(men.se, std::sqrt(0.25 / 2.0) / (2.0 / (2.0 * 17.0 * width)));
  // Women: never employed within the horizon: not reached.
  EXPECT_TRUE(std::isnan(metric(h.results, "comparator", "female", "median_time_to_first_job").value));
  // Policy, all: bins 4, 12, 20 -> median half-way into bin 12.
  const Estimate policy = metric(h.results, "policy", "all", "median_time_to_first_job");
  EXPECT_DOUBLE_EQ(policy.value, 12.5 * width);
  const double density_policy = 3.0 / (3.0 * 17.0 * width);
  EXPECT_DOUBLE_EQ(policy.se, std::sqrt(0.25 / 3.0) / density_policy);
  // The difference's paired SE: n var = (1/f_a - 1/f_c)^2 / 4 + D / (f_a f_c). Persons'
  // first-job months (policy, comparator): (0, 1), (1, 2), (2, never). At s = 1.5625
  // (policy) and t = 2.0625 (comparator) the offset is e = s - t = -0.5: D is
  // interpolated between the edges (s, t) = (1, 2), (1, 1), (2, 3), (2, 2), which have
  // 0, 1, 0, 1 persons of 3 on different sides, with weights (1 - 0.5625) * 0.5,
  // (1 - 0.5625) * 0.5, 0.5625 * 0.5, 0.5625 * 0.5 (0.5 each way in e): D = 1/6.
  const Estimate d = difference(h.results, "policy", "all", "median_time_to_first_job");
  EXPECT_DOUBLE_EQ(d.value, policy.value - all.value);
  const double gap = 1.0 / density_policy - 1.0 / density_all;
  const double discordant = 1.0 / 6.0;
  EXPECT_DOUBLE_EQ(d.se, std::sqrt((0.25 * gap * gap + discordant / (density_policy * density_all)) / 3.0));
  // Below the unpaired SE, which treats the arms as independent (D = 1/2).
  EXPECT_LT(d.se, std::hypot(policy.se, all.se));
}

TEST(Summarise, JointFirstJobBinsAreWholeMonthsUpToTheirLimit) {
  const HandMade h;
  const TallyLayout& l = h.tallies.layout;
  EXPECT_EQ(l.first_job_joint_width, 1);
  EXPECT_EQ(l.first_job_joint_bins, k_horizon + 1);
  EXPECT_EQ(l.first_job_joint_bin(20), 2);
  EXPECT_EQ(l.first_job_joint_bin(l.first_job_bins - 1), k_horizon);
  // A horizon beyond k_first_job_joint_max_bins months gets wider bins: 50 years in
  // 5-month bins, the last one for "never".
  Scenario s = bare_scenario(600, 3);
  const TallyLayout wide(compile_model(s, resolve_parameters(tiny_catalogue(), s)));
  EXPECT_EQ(wide.first_job_joint_width, 5);
  EXPECT_EQ(wide.first_job_joint_bins, 121);
  EXPECT_EQ(wide.first_job_joint_bin(5 * 8 - 1), 0);
  EXPECT_EQ(wide.first_job_joint_bin(5 * 8), 1);
  EXPECT_EQ(wide.first_job_joint_bin(600 * 8 - 1), 119);
  EXPECT_EQ(wide.first_job_joint_bin(600 * 8), 120);
}

TEST(Summarise, MonthlySharesAreIntervalCountsOverPersons) {
  const HandMade h;
  for (int m = 1; m <= k_horizon; ++m) {
    const Estimate all = monthly_share(h.results, "comparator", "all", "benefit", m);
    const double p = m < 5 ? 1.0 : 2.0 / 3.0;
    EXPECT_DOUBLE_EQ(all.value, p) << m;
    EXPECT_DOUBLE_EQ(all.se, std::sqrt(p * (1 - p) / 3.0)) << m;
    EXPECT_DOUBLE_EQ(monthly_share(h.results, "comparator", "male", "benefit", m).value, m < 5 ? 1.0 : 0.5)
        << m;
    EXPECT_DOUBLE_EQ(monthly_share(h.results, "comparator", "female", "benefit", m).value, 1.0) << m;
    EXPECT_DOUBLE_EQ(monthly_share(h.results, "policy", "all", "benefit", m).value, 0.0) << m;
  }
}

TEST(Summarise, PersonsPerSubgroup) {
  const HandMade h;
  for (const SummaryRow& row : h.results.summary) {
    const std::string& g = h.results.subgroups[static_cast<std::size_t>(row.subgroup)].name;
    EXPECT_EQ(row.persons, g == "all" ? 3 : g == "male" ? 2 : 1) << g;
  }
}

}  // namespace
}  // namespace integrasim::testing
