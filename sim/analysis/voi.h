// Value of information from a probabilistic sensitivity analysis (docs/model.md §13): pure
// estimators on matrices, no simulation. `nb` is draws x options (net benefit of each
// option in each parameter draw, higher is better); `x` is draws x parameters (the
// sampled values). docs/sensitivity.md explains the numbers for readers.
//
// EVPI  = mean_i max_j nb(i, j) - max_j mean_i nb(i, j).
// EVPPI of a set of parameters (columns of x) by a regression metamodel: each option's
// net benefit is regressed (least squares, with an intercept) on a basis of those
// parameters, g_j = fitted values, and
// EVPPI = mean_i max_j g(i, j) - max_j mean_i g(i, j), clamped to [0, EVPI].
// (Least squares with an intercept keeps mean_i g = mean_i nb, so the second term is
// the same as EVPI's.)
//
// The basis, per parameter (t terms, t = 1..5, see evppi_terms_per_parameter): a cubic
// regression spline in the standardised parameter z = (x - mean) / sd, truncated power
// form: z, z^2, z^3, then (z - k)^3_+ at K = t - 3 knots k at the sample quantiles
// m / (K + 1), m = 1..K (so the knots follow the draws, skewed or not). A net benefit
// linear in the parameter is fitted exactly whatever t; t = 3 is a cubic polynomial.
// A group of parameters gets the sum of its members' bases (an additive model, like a
// GAM without smoothing penalty; no interaction terms). Terms are taken in that order,
// so t = 1 is a linear regression.
//
// Bias (stated for the tests and the report):
// - Fitting noise pushes the estimate up. If nb does not depend on the parameters, the
//   fitted value of draw i is the option's mean plus noise e_i with variance
//   sd^2 (h_ii - 1/n) (h_ii the leverage of draw i in the regression, sd the spread of
//   nb_j - nb_best over draws); since max(0, d_1 + e_1, ...) <= sum_j max(0, d_j + e_j),
//   E[EVPPI] <= mean_i sum over options j != best of E[max(0, e_ij - gap_j)]
//   = tau phi(gap / tau) - gap Phi(-gap / tau), tau = sd_j sqrt(h_ii - 1/n), gap_j =
//   mean(nb_best - nb_j) >= 0 (normal noise). That is `noise_bound`: about
//   sum_j sd_j sqrt(p / n) / sqrt(2 pi) when the options are close on average (p = basis
//   terms, n = draws), much less when one option is far ahead. It is the tolerance of
//   "a parameter with no effect has EVPPI 0".
// - Lack of fit pushes it down: |EVPI - EVPPI| <= mean_i max_j |r(i, j)| with r the
//   residuals (|max a - max b| <= max |a - b|). When nb depends on these parameters only,
//   the residuals are pure lack of fit, so `residual_bound` bounds the gap to EVPI
//   (exactly 0 if nb is linear in one parameter).
#pragma once

#include <Eigen/Dense>
#include <vector>

namespace integrasim {

// Expected value of perfect information, >= 0 (0 if one option is best in every draw).
double evpi(const Eigen::MatrixXd& nb);

struct EvppiEstimate {
  double value = 0.0;           // clamped to [0, EVPI]
  double raw = 0.0;             // before clamping
  int terms = 0;                // basis terms besides the intercept (p)
  double noise_bound = 0.0;     // bound on the expected upward bias from fitting noise
  double residual_bound = 0.0;  // mean_i max_j |residual|: bounds |EVPI - raw| if nb
                                // depends on these parameters only
};

// Basis terms per parameter for a group of `group_size` parameters and `draws` draws:
// clamp(floor(2 sqrt(draws) / group_size), 1, 5). (More knots let a lone extreme draw
// pull its own fitted value, which inflates EVPPI when few draws change the decision.)
int evppi_terms_per_parameter(int draws, int group_size);

// The basis of one parameter column (n values), t terms as described above; columns
// that do not vary (e.g. every draw has the same value) come out as zeros.
Eigen::MatrixXd evppi_basis(const Eigen::VectorXd& values, int terms);

// EVPPI of the parameters `columns` (indices into x's columns) for net benefits `nb`.
// A parameter that never varies contributes nothing; with no varying parameter the
// result is exactly 0. Throws InternalError on mismatched sizes.
EvppiEstimate evppi(const Eigen::MatrixXd& nb, const Eigen::MatrixXd& x, const std::vector<int>& columns);

}  // namespace integrasim
