// Value-of-information estimators (analysis/voi.h) on synthetic matrices whose answers
// are known: a dominated option has EVPI 0, a parameter unrelated to the net benefit has
// EVPPI within the estimator's stated noise bound of 0, a net benefit that depends on one
// parameter only gives EVPPI = EVPI (exactly if linear, within the residual bound
// otherwise), and EVPPI grows with the group.
#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <vector>

#include "analysis/voi.h"
#include "core/diagnostics.h"

namespace integrasim::testing {
namespace {

// n x k standard normal draws from a fixed seed.
Eigen::MatrixXd normals(int n, int k, unsigned seed) {
  std::mt19937_64 rng(seed);
  std::normal_distribution<double> z(0.0, 1.0);
  Eigen::MatrixXd x(n, k);
  for (int i = 0; i < n; ++i)
    for (int j = 0; j < k; ++j) x(i, j) = z(rng);
  return x;
}

TEST(Voi, EvpiMatchesDefinition) {
  Eigen::MatrixXd nb(4, 2);
  nb << 1, 0,  //
      0, 2,    //
      3, 1,    //
      0, 1;
  // mean of row maxima = (1 + 2 + 3 + 1) / 4 = 1.75; column means 1 and 1.
  EXPECT_DOUBLE_EQ(evpi(nb), 0.75);
}

TEST(Voi, DominatedOptionHasNoValueOfInformation) {
  const Eigen::MatrixXd x = normals(500, 2, 11);
  Eigen::MatrixXd nb(500, 2);
  nb.col(0) = 3.0 * x.col(0) + x.col(1);
  nb.col(1) = nb.col(0).array() - 1.0;  // always worse by 1
  EXPECT_EQ(evpi(nb), 0.0);
  EXPECT_EQ(evppi(nb, x, {0}).value, 0.0);
  EXPECT_EQ(evppi(nb, x, {0, 1}).value, 0.0);
}

TEST(Voi, ParameterThatDoesNotVaryHasExactlyZero) {
  Eigen::MatrixXd x = normals(200, 2, 5);
  x.col(1).setConstant(0.7);
  Eigen::MatrixXd nb = Eigen::MatrixXd::Zero(200, 2);
  nb.col(1) = x.col(0);
  const EvppiEstimate e = evppi(nb, x, {1});
  EXPECT_EQ(e.value, 0.0);
  EXPECT_EQ(e.raw, 0.0);
  EXPECT_EQ(e.terms, 0);
}

// NB depends on parameter 0 only; parameter 1 is unrelated. Given the data, the
// expected upward bias of EVPPI(1) is at most noise_bound (voi.h: the fitted values are
// the mean plus normal noise with variance sd^2 (h_ii - 1/n)). Over 40 independent data
// sets the average EVPPI must respect the average bound (10 % slack for the average of
// 40), and no single one may exceed the 99.9 % Cauchy-Schwarz bound
// sd sqrt(chi2_{p, 0.999} / n), p = 5 (mean_i max(0, e_i) <= sqrt(mean_i e_i^2), and
// sum_i e_i^2 / sd^2 is chi-squared with p degrees of freedom).
TEST(Voi, UnrelatedParameterIsZeroWithinTheNoiseBound) {
  const int n = 400;
  const double chi2_5_999 = 20.52;  // 99.9 % point of chi-squared with 5 degrees of freedom
  double sum = 0.0;
  double bound_sum = 0.0;
  for (unsigned seed = 1; seed <= 40; ++seed) {
    const Eigen::MatrixXd x = normals(n, 2, seed);
    Eigen::MatrixXd nb = Eigen::MatrixXd::Zero(n, 2);
    nb.col(1) = x.col(0);
    const EvppiEstimate e = evppi(nb, x, {1});
    ASSERT_EQ(e.terms, 5);
    EXPECT_GT(e.noise_bound, 0.0);
    const double sd = std::sqrt((x.col(0).array() - x.col(0).mean()).square().sum() / (n - 1));
    EXPECT_LE(e.value, sd * std::sqrt(chi2_5_999 / n)) << "seed " << seed;
    sum += e.value;
    bound_sum += e.noise_bound;
  }
  EXPECT_LE(sum, 1.1 * bound_sum);
  // and it is small next to EVPI (E max(0, Z) = 1 / sqrt(2 pi) ~ 0.399).
  EXPECT_LT(sum / 40.0, 0.1 * 0.399);
}

TEST(Voi, OnlyUncertainParameterLinearGivesEvpiExactly) {
  const Eigen::MatrixXd x = normals(300, 1, 3);
  Eigen::MatrixXd nb(300, 3);
  nb.col(0).setZero();
  nb.col(1) = 2.0 * x.col(0).array() - 0.5;
  nb.col(2) = 1.0 - x.col(0).array();
  const double full = evpi(nb);
  ASSERT_GT(full, 0.1);
  const EvppiEstimate e = evppi(nb, x, {0});
  EXPECT_NEAR(e.raw, full, 1e-9 * full);
  EXPECT_NEAR(e.value, full, 1e-9 * full);
  EXPECT_LT(e.residual_bound, 1e-9);
}

// A smooth non-linear net benefit of one skewed parameter: the gap to EVPI is lack of
// fit, bounded by mean_i max_j |residual| (voi.h), and that bound is small.
TEST(Voi, OnlyUncertainParameterNonLinearGivesEvpiWithinResidualBound) {
  const Eigen::MatrixXd z = normals(1000, 1, 8);
  Eigen::MatrixXd x(1000, 1);
  x.col(0) = (0.4 * z.col(0)).array().exp();  // lognormal hazard ratio around 1
  Eigen::MatrixXd nb(1000, 2);
  nb.col(0).setConstant(0.2);
  nb.col(1) = (x.col(0).array() - 1.0).square() + 0.5 * x.col(0).array().log();
  const double full = evpi(nb);
  ASSERT_GT(full, 0.05);
  const EvppiEstimate e = evppi(nb, x, {0});
  EXPECT_LE(std::abs(full - e.raw), e.residual_bound + 1e-12);
  EXPECT_LT(e.residual_bound, 0.05 * full);
  EXPECT_NEAR(e.value, full, 0.05 * full);
}

TEST(Voi, EvppiGrowsWithTheGroupAndReachesEvpi) {
  const int n = 2000;
  const Eigen::MatrixXd x = normals(n, 4, 21);
  Eigen::MatrixXd nb = Eigen::MatrixXd::Zero(n, 2);
  nb.col(1) = 1.0 * x.col(0) + 0.6 * x.col(1) + 0.3 * x.col(2);  // x_3 unrelated
  const double full = evpi(nb);
  const double one = evppi(nb, x, {0}).value;
  const double two = evppi(nb, x, {0, 1}).value;
  const double three = evppi(nb, x, {0, 1, 2}).value;
  const EvppiEstimate four = evppi(nb, x, {0, 1, 2, 3});
  EXPECT_LT(one, two);
  EXPECT_LT(two, three);
  EXPECT_LE(three, four.value + four.noise_bound);
  EXPECT_NEAR(three, full, 1e-9 * full);  // linear in the three: fitted exactly
  EXPECT_LE(four.value, full);
  // No single parameter is worth more than the group.
  EXPECT_LT(evppi(nb, x, {1}).value, two);
}

TEST(Voi, TermsPerParameterFollowTheBudget) {
  EXPECT_EQ(evppi_terms_per_parameter(100, 1), 5);   // at most 5
  EXPECT_EQ(evppi_terms_per_parameter(100, 5), 4);   // floor(20 / 5)
  EXPECT_EQ(evppi_terms_per_parameter(100, 32), 1);  // linear
  EXPECT_EQ(evppi_terms_per_parameter(4, 1), 4);     // floor(2 * 2)
}

TEST(Voi, BasisStandardisesAndCentres) {
  Eigen::VectorXd v(5);
  v << 1, 2, 3, 4, 100;
  const Eigen::MatrixXd b = evppi_basis(v, 5);
  ASSERT_EQ(b.cols(), 5);
  for (Eigen::Index c = 0; c < b.cols(); ++c) EXPECT_NEAR(b.col(c).mean(), 0.0, 1e-12);
  EXPECT_NEAR(std::sqrt(b.col(0).squaredNorm() / 4.0), 1.0, 1e-12);
  // One knot per term beyond the cubic, at the sample quantiles 1/3 and 2/3: the spline
  // term of the last knot (the value 4) is non-zero for the largest value only.
  EXPECT_NEAR(b(4, 4) - b(3, 4), b(4, 4) - b(0, 4), 1e-12);
  EXPECT_GT(b(4, 4) - b(3, 4), 0.0);
}

TEST(Voi, MismatchedSizesAreRejected) {
  const Eigen::MatrixXd nb = Eigen::MatrixXd::Zero(10, 2);
  const Eigen::MatrixXd x = Eigen::MatrixXd::Zero(9, 1);
  EXPECT_THROW(evppi(nb, x, {0}), InternalError);
  EXPECT_THROW(evppi(nb, Eigen::MatrixXd::Zero(10, 1), {1}), InternalError);
}

}  // namespace
}  // namespace integrasim::testing
