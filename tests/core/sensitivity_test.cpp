// One-way sensitivity and value of information on a small in-memory scenario
// (analysis/sensitivity.h): with common random numbers a value that does not enter the
// model has swing exactly 0; rows are ordered by swing; the draws feed EVPI/EVPPI with the
// scenario's arms as the options.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <string>

#include "analysis/sensitivity.h"
#include "test_support.h"

namespace integrasim::testing {
namespace {

void make_uncertain(Catalogue& c, const std::string& id, double low, double high) {
  for (CatalogueValue* v : c.all_values_mutable())
    if (v->id == id) {
      v->distribution = Distribution::lognormal;
      v->has_interval = true;
      v->ci_low = low;
      v->ci_high = high;
      return;
    }
  FAIL() << "no catalogue value " << id;
}

// The policy arm gets a four-month course; "language" is in the catalogue but in no
// pathway, so its lock-in effect does not enter the model.
struct Fixture {
  Scenario scenario = bare_scenario(36, 3000, 17);
  Catalogue catalogue = tiny_catalogue();
  Fixture() {
    give_pathway(scenario, "policy", "course_first", {step("course", 1, 4)});
    make_uncertain(catalogue, "effect.course.post", 1.1, 2.0);
    make_uncertain(catalogue, "effect.course.lock_in", 0.45, 0.55);
    make_uncertain(catalogue, "effect.language.lock_in", 0.7, 1.1);
    make_uncertain(catalogue, "baseline.employed", 0.015, 0.025);
  }
};

const TornadoRow& row_of(const std::vector<TornadoRow>& rows, const std::string& id) {
  for (const TornadoRow& r : rows)
    if (r.parameter == id) return r;
  throw std::runtime_error("no tornado row " + id);
}

TEST(Sensitivity, TornadoValueOutsideTheModelHasSwingExactlyZero) {
  const Fixture f;
  const std::vector<TornadoRow> rows = tornado(f.scenario, f.catalogue, DecisionMetric{}, 2);
  ASSERT_EQ(rows.size(), 4u);
  const TornadoRow& language = row_of(rows, "effect.language.lock_in");
  EXPECT_EQ(language.swing, 0.0);
  EXPECT_EQ(language.metric_at_low, language.metric_at_point);
  EXPECT_EQ(language.metric_at_high, language.metric_at_point);
  EXPECT_EQ(language.arm, "policy");
  EXPECT_EQ(language.low_value, 0.7);
  EXPECT_EQ(language.high_value, 1.1);
  // A larger post effect means more months of self-support for the course arm.
  const TornadoRow& post = row_of(rows, "effect.course.post");
  EXPECT_GT(post.metric_at_high, post.metric_at_low);
  EXPECT_GT(post.swing, 0.0);
}

TEST(Sensitivity, TornadoIsOrderedBySwing) {
  const Fixture f;
  const std::vector<TornadoRow> rows = tornado(f.scenario, f.catalogue, DecisionMetric{}, 1);
  for (std::size_t i = 0; i < rows.size(); ++i) {
    EXPECT_EQ(rows[i].rank, static_cast<int>(i) + 1);
    if (i > 0) {
      EXPECT_GE(rows[i - 1].swing, rows[i].swing);
    }
    EXPECT_DOUBLE_EQ(rows[i].swing, std::abs(rows[i].metric_at_high - rows[i].metric_at_low));
  }
  EXPECT_EQ(rows.back().parameter, "effect.language.lock_in");
}

TEST(Sensitivity, TornadoPointEqualsAPlainRun) {
  const Fixture f;
  const std::vector<TornadoRow> rows = tornado(f.scenario, f.catalogue, DecisionMetric{}, 1);
  const Results plain = run_in_memory(f.scenario, f.catalogue);
  const double expected = difference(plain, "policy", "all", "months_self_support").value;
  EXPECT_NEAR(rows.front().metric_at_point, expected, 1e-9);
}

TEST(Sensitivity, ThreadCountDoesNotChangeTheTornado) {
  const Fixture f;
  const auto one = tornado(f.scenario, f.catalogue, DecisionMetric{}, 1);
  const auto three = tornado(f.scenario, f.catalogue, DecisionMetric{}, 3);
  ASSERT_EQ(one.size(), three.size());
  for (std::size_t i = 0; i < one.size(); ++i) {
    EXPECT_EQ(one[i].parameter, three[i].parameter);
    EXPECT_EQ(one[i].metric_at_low, three[i].metric_at_low);
    EXPECT_EQ(one[i].metric_at_high, three[i].metric_at_high);
  }
}

TEST(Sensitivity, ValueOfInformationFromDraws) {
  Fixture f;
  f.scenario.persons = 1000;
  const DecisionMetric metric;
  const DrawTable table = simulate_draws(f.scenario, f.catalogue, metric, 40, false, 2);
  ASSERT_EQ(table.x.rows(), 40);
  ASSERT_EQ(table.x.cols(), 4);
  ASSERT_EQ(table.metric.cols(), 2);  // comparator and policy
  const VoiReport report =
      value_of_information(table, metric, 5000.0, {{"course effects", {"effect.course.*"}}});
  ASSERT_FALSE(report.rows.empty());
  const VoiRow& all = report.rows.front();
  EXPECT_EQ(all.name, "EVPI");
  EXPECT_EQ(all.kind, "all");
  EXPECT_EQ(all.parameters, 4);
  EXPECT_EQ(report.unit, "months per person");
  EXPECT_DOUBLE_EQ(all.cohort, all.per_person * 5000.0);
  const Eigen::VectorXd diff = table.metric.col(1) - table.metric.col(0);
  const double difference_sd = std::sqrt((diff.array() - diff.mean()).square().sum() / 39.0);
  bool saw_group = false;
  for (const VoiRow& r : report.rows) {
    EXPECT_GE(r.per_person, 0.0);
    EXPECT_LE(r.per_person, all.per_person + 1e-12);
    if (r.name == "course effects") {
      saw_group = true;
      EXPECT_EQ(r.parameters, 2);
    }
    // The value outside the model: 0 up to fitting noise, within the 99.9 % bound
    // sd(policy - comparator) sqrt(chi2_{p, 0.999} / draws), p = 5 terms (voi_test.cpp).
    if (r.name == "effect.language.lock_in") {
      EXPECT_LE(r.per_person, difference_sd * std::sqrt(20.52 / 40.0));
    }
  }
  EXPECT_TRUE(saw_group);
  // Built-in groups appear only with members: "programme effects" has three here.
  const auto effects = std::find_if(report.rows.begin(), report.rows.end(),
                                    [](const VoiRow& r) { return r.name == "programme effects"; });
  ASSERT_NE(effects, report.rows.end());
  EXPECT_EQ(effects->parameters, 3);
  EXPECT_TRUE(std::none_of(report.rows.begin(), report.rows.end(),
                           [](const VoiRow& r) { return r.name == "combination effects"; }));
}

TEST(Sensitivity, UserGroupMatchingNothingIsAnError) {
  const Fixture f;
  SensitivityOptions options;
  options.draws = 2;
  options.tornado = false;
  options.groups = {{"typo", {"effect.cours.*"}}};
  EXPECT_THROW(run_sensitivity(f.scenario, f.catalogue, options), InputError);
}

TEST(Sensitivity, DecisionMetrics) {
  EXPECT_NO_THROW(check_decision_metric(DecisionMetric{}));
  EXPECT_THROW(check_decision_metric({"programme_months", std::nullopt}), InputError);
  EXPECT_THROW(check_decision_metric({"no_such_metric", std::nullopt}), InputError);
  EXPECT_THROW(check_decision_metric({k_net_monetary_value, std::nullopt}), InputError);
  EXPECT_THROW(check_decision_metric({"months_employed", 1000.0}), InputError);
  EXPECT_FALSE(higher_is_better({"months_on_benefit", std::nullopt}));
  EXPECT_TRUE(higher_is_better({"employment_rate_m12", std::nullopt}));
  EXPECT_TRUE(higher_is_better({k_net_monetary_value, 1.0}));
  EXPECT_EQ(decision_metric_unit({k_net_monetary_value, 1.0}), "DKK per person");
  EXPECT_EQ(decision_metric_unit({"ever_employed", std::nullopt}), "share");

  const Fixture f;
  const Results r = run_in_memory(f.scenario, f.catalogue);
  const int policy = 1;
  const double nmv = decision_metric_value(r, policy, {k_net_monetary_value, 20000.0});
  const double expected = 20000.0 * metric(r, "policy", "all", "months_self_support").value -
                          metric(r, "policy", "all", "cost_programmes_dkk").value -
                          metric(r, "policy", "all", "cost_benefit_dkk").value;
  EXPECT_DOUBLE_EQ(nmv, expected);
}

TEST(Sensitivity, IdPatterns) {
  EXPECT_TRUE(
      id_matches_pattern("effect.internship_private.lock_in.employed.all", "effect.internship_*.lock_in.*"));
  EXPECT_FALSE(
      id_matches_pattern("effect.internship_private.post.employed.all", "effect.internship_*.lock_in.*"));
  EXPECT_TRUE(id_matches_pattern("interaction.a.b.employed.all", "interaction.*"));
  EXPECT_TRUE(id_matches_pattern("baseline.employed", "baseline.employed"));
  EXPECT_FALSE(id_matches_pattern("baseline.employed.x", "baseline.employed"));
  EXPECT_TRUE(id_matches_pattern("anything", "*"));
  EXPECT_TRUE(id_matches_pattern("aXbYc", "a*b*c"));
  EXPECT_FALSE(id_matches_pattern("aXbY", "a*b*c"));
}

}  // namespace
}  // namespace integrasim::testing
