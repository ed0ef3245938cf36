// Synthetic cohort (docs/model.md §3, §7): level picks, attribute shares, gamma frailty and the
// covariate factor. Shares and moments use 1e5 persons and 4 standard errors computed
// from the scenario's own shares (or the gamma's moments).
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "core/population.h"
#include "test_support.h"

namespace integrasim::testing {
namespace {

constexpr std::int64_t k_persons = 100000;
constexpr double k_z = 4.0;

CompiledModel compile(Scenario s, const Catalogue& c) {
  return compile_model(s, resolve_parameters(c, s));
}

TEST(PickLevel, BoundariesBelongToTheNextLevel) {
  const std::vector<double> shares = {0.25, 0.25, 0.5};
  EXPECT_EQ(pick_level(shares, 1e-12), 0);
  EXPECT_EQ(pick_level(shares, 0.2499999), 0);
  EXPECT_EQ(pick_level(shares, 0.25), 1);
  EXPECT_EQ(pick_level(shares, 0.4999999), 1);
  EXPECT_EQ(pick_level(shares, 0.5), 2);
  EXPECT_EQ(pick_level(shares, 1.0 - 1e-16), 2);
}

TEST(PickLevel, RoundingTailGoesToTheLastPositiveLevel) {
  // Shares summing to 1 - 1e-12: a u above the sum still picks a level that exists.
  EXPECT_EQ(pick_level({0.5, 0.5 - 1e-12}, 1.0 - 1e-13), 1);
  EXPECT_EQ(pick_level({0.5, 0.5 - 1e-12, 0.0}, 1.0 - 1e-13), 1);
  EXPECT_EQ(pick_level({0.3, 0.7 - 1e-12, 0.0, 0.0}, 0.99999999999999), 1);
}

TEST(PickLevel, ZeroSharesAreNeverPicked) {
  EXPECT_EQ(pick_level({0.0, 1.0}, 1e-300), 1);
  EXPECT_EQ(pick_level({0.5, 0.0, 0.5}, 0.5), 2);
  EXPECT_EQ(pick_level({0.5, 0.0, 0.5}, 0.4999), 0);
  EXPECT_EQ(pick_level({0.0, 0.0, 1.0, 0.0}, 0.999), 2);
  for (const double u : {1e-9, 0.1, 0.5, 0.9, 1.0 - 1e-12}) EXPECT_EQ(pick_level({0.0, 0.0, 1.0}, u), 2) << u;
}

Scenario mixed_population() {
  Scenario s = bare_scenario(12, k_persons, 11);
  s.population.shares[0].share = {0.4, 0.6};
  s.population.shares[1].share = {0.5, 0.3, 0.2};
  s.population.shares[2].share = {0.35, 0.65};
  s.population.shares[3].share = {0.1, 0.2, 0.3, 0.4};
  s.population.shares[4].share = {0.45, 0.0, 0.55};
  s.population.shares[5].share = {0.8, 0.2};
  s.population.shares[6].share = {0.7, 0.3};
  s.population.danish_level_values = {0.0, 1.0, 2.5};
  s.population.danish_level_shares = {0.5, 0.3, 0.2};
  return s;
}

TEST(DrawPerson, AttributeSharesMatchTheScenario) {
  const Scenario s = mixed_population();
  const CompiledModel m = compile(s, tiny_catalogue());
  const StreamKey key{s.seed, 0};
  std::array<std::array<double, k_max_levels>, k_dimension_count> counts{};
  std::vector<double> danish_counts(3, 0.0);
  double female_refugee = 0;
  for (std::int64_t i = 0; i < k_persons; ++i) {
    const PersonStatic p = draw_person(m, key, static_cast<std::uint64_t>(i));
    for (int d = 0; d < k_dimension_count; ++d)
      counts[static_cast<std::size_t>(d)]
            [static_cast<std::size_t>(level_of(p.attrs, static_cast<Dimension>(d)))] += 1;
    EXPECT_EQ(p.cell, effect_cell_of(p.attrs));
    bool known_level = false;
    for (std::size_t k = 0; k < 3; ++k)
      if (p.attrs.danish_level_at_entry == s.population.danish_level_values[k]) {
        danish_counts[k] += 1;
        known_level = true;
      }
    EXPECT_TRUE(known_level) << p.attrs.danish_level_at_entry;
    if (p.attrs.sex == Sex::female && p.attrs.group == Group::refugee) female_refugee += 1;
  }
  const double n = static_cast<double>(k_persons);
  const auto check = [&](double count, double share, const std::string& what) {
    const double se = std::sqrt(share * (1 - share) / n);
    if (share == 0.0) {
      EXPECT_EQ(count, 0.0) << what;
    } else {
      EXPECT_NEAR(count / n, share, k_z * se) << what;
    }
  };
  for (int d = 0; d < k_dimension_count; ++d)
    for (int l = 0; l < k_dimension_levels[static_cast<std::size_t>(d)]; ++l)
      check(counts[static_cast<std::size_t>(d)][static_cast<std::size_t>(l)],
            s.population.shares[static_cast<std::size_t>(d)].share[static_cast<std::size_t>(l)],
            std::string(level_name(static_cast<Dimension>(d), l)));
  for (std::size_t k = 0; k < 3; ++k)
    check(danish_counts[k], s.population.danish_level_shares[k], "danish level " + std::to_string(k));
  // Dimensions are drawn independently.
  check(female_refugee, 0.6 * 0.5, "female & refugee");
}

TEST(DrawPerson, SameKeyAndPersonGiveTheSamePerson) {
  Scenario s = mixed_population();
  s.frailty.variance = 0.5;
  const CompiledModel m = compile(s, tiny_catalogue());
  const StreamKey key{s.seed, 0};
  for (std::uint64_t i = 0; i < 50; ++i) {
    const PersonStatic a = draw_person(m, key, i);
    const PersonStatic b = draw_person(m, key, i);
    EXPECT_EQ(a.cell, b.cell);
    EXPECT_EQ(a.frailty, b.frailty);
    EXPECT_EQ(a.factor, b.factor);
    EXPECT_EQ(a.attrs.danish_level_at_entry, b.attrs.danish_level_at_entry);
    EXPECT_EQ(effect_cell_of(a.attrs), effect_cell_of(b.attrs));
  }
}

TEST(DrawPerson, SingleDanishLevelValueIsUsedForEveryone) {
  Scenario s = bare_scenario(12, 10);
  s.population.danish_level_values = {1.5};
  s.population.danish_level_shares = {1.0};
  const CompiledModel m = compile(s, tiny_catalogue());
  for (std::uint64_t i = 0; i < 20; ++i)
    EXPECT_EQ(draw_person(m, {1, 0}, i).attrs.danish_level_at_entry, 1.5);
}

TEST(DrawPerson, FrailtyIsGammaWithMeanOneAndVarianceSigmaSquared) {
  const double s2 = 0.5;
  Scenario s = bare_scenario(12, k_persons, 5);
  s.frailty.variance = s2;
  const CompiledModel m = compile(s, tiny_catalogue());
  const StreamKey key{s.seed, 0};
  std::vector<double> v;
  v.reserve(static_cast<std::size_t>(k_persons));
  for (std::int64_t i = 0; i < k_persons; ++i) {
    const double f = draw_person(m, key, static_cast<std::uint64_t>(i)).frailty;
    ASSERT_GT(f, 0.0);
    v.push_back(f);
  }
  double sum = 0;
  for (const double f : v) sum += f;
  const double n = static_cast<double>(k_persons);
  const double mean = sum / n;
  double ss = 0;
  for (const double f : v) ss += (f - mean) * (f - mean);
  const double variance = ss / (n - 1);
  // Gamma with shape k = 1/s2, scale theta = s2: mu4 = 3 k (k + 2) theta^4 = 3 s2^2 + 6 s2^3.
  const double mu4 = 3 * s2 * s2 + 6 * s2 * s2 * s2;
  EXPECT_NEAR(mean, 1.0, k_z * std::sqrt(s2 / n));
  EXPECT_NEAR(variance, s2, k_z * std::sqrt((mu4 - s2 * s2) / n));
}

TEST(DrawPerson, NoFrailtyWhenVarianceIsZero) {
  const Scenario s = bare_scenario(12, 10);
  const CompiledModel m = compile(s, tiny_catalogue());
  for (std::uint64_t i = 0; i < 20; ++i) {
    const PersonStatic p = draw_person(m, {3, 0}, i);
    EXPECT_EQ(p.frailty, 1.0);
    for (const double f : p.factor) EXPECT_EQ(f, 1.0);
  }
}

TEST(DrawPerson, FactorIsTheProductOfCovariateRatiosTimesFrailty) {
  Scenario s = mixed_population();
  s.frailty.variance = 0.3;
  s.frailty.applies_to = {true, false, true};  // employed and exit, not education
  Catalogue c = tiny_catalogue();
  const auto covariate = [&](Destination dest, Dimension dim, int lvl, double hr) {
    CovariateRow row;
    row.destination = dest;
    row.dimension = dim;
    row.level = lvl;
    row.hazard_ratio = test_value("cov." + std::to_string(c.covariates.size()), hr);
    c.covariates.push_back(row);
  };
  covariate(Destination::employed, Dimension::sex, 1, 0.7);
  covariate(Destination::employed, Dimension::group, 1, 1.3);
  covariate(Destination::employed, Dimension::age_band, 3, 0.5);
  covariate(Destination::employed, Dimension::children, 1, 0.8);
  covariate(Destination::education, Dimension::education, 2, 2.0);
  covariate(Destination::exit, Dimension::health, 1, 1.7);
  // The Danish level changes over time: it is not part of the static factor.
  CovariateRow danish;
  danish.destination = Destination::employed;
  danish.per_danish_level = true;
  danish.hazard_ratio = test_value("cov.danish", 1.5);
  c.covariates.push_back(danish);
  const CompiledModel m = compile(s, c);

  const StreamKey key{s.seed, 0};
  for (std::uint64_t i = 0; i < 2000; ++i) {
    const PersonStatic p = draw_person(m, key, i);
    const PersonAttributes& a = p.attrs;
    const double employed =
        (a.sex == Sex::female ? 0.7 : 1.0) * (a.group == Group::family_reunified ? 1.3 : 1.0) *
        (a.age_band == AgeBand::age_50_64 ? 0.5 : 1.0) * (a.children == Children::small_children ? 0.8 : 1.0);
    const double education = a.education == EducationLevel::tertiary ? 2.0 : 1.0;
    const double exit = a.health == Health::health_problems ? 1.7 : 1.0;
    EXPECT_DOUBLE_EQ(p.factor[0], employed * p.frailty) << i;
    EXPECT_DOUBLE_EQ(p.factor[1], education) << i;
    EXPECT_DOUBLE_EQ(p.factor[2], exit * p.frailty) << i;
  }
}

}  // namespace
}  // namespace integrasim::testing
