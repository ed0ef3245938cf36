#include "analysis/voi.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <stdexcept>

#include "core/diagnostics.h"

namespace integrasim {
namespace {

constexpr int k_max_terms = 5;

// Plain loops rather than Eigen partial reductions: g++ 12 reports false
// -Wnull-dereference inside those.
double column_mean(const Eigen::MatrixXd& m, Eigen::Index j) {
  double sum = 0.0;
  for (Eigen::Index i = 0; i < m.rows(); ++i) sum += m(i, j);
  return sum / static_cast<double>(m.rows());
}

double max_of_means(const Eigen::MatrixXd& m) {
  double best = column_mean(m, 0);
  for (Eigen::Index j = 1; j < m.cols(); ++j) best = std::max(best, column_mean(m, j));
  return best;
}

Eigen::Index best_option(const Eigen::MatrixXd& m) {
  Eigen::Index best = 0;
  for (Eigen::Index j = 1; j < m.cols(); ++j)
    if (column_mean(m, j) > column_mean(m, best)) best = j;
  return best;
}

double mean_of_maxes(const Eigen::MatrixXd& m) {
  double sum = 0.0;
  for (Eigen::Index i = 0; i < m.rows(); ++i) {
    double row_max = m(i, 0);
    for (Eigen::Index j = 1; j < m.cols(); ++j) row_max = std::max(row_max, m(i, j));
    sum += row_max;
  }
  return sum / static_cast<double>(m.rows());
}

// mean_i max_j |a(i, j) - b(i, j)|
double mean_max_abs_difference(const Eigen::MatrixXd& a, const Eigen::MatrixXd& b) {
  double sum = 0.0;
  for (Eigen::Index i = 0; i < a.rows(); ++i) {
    double row_max = 0.0;
    for (Eigen::Index j = 0; j < a.cols(); ++j) row_max = std::max(row_max, std::abs(a(i, j) - b(i, j)));
    sum += row_max;
  }
  return sum / static_cast<double>(a.rows());
}

// E[max(0, e - gap)] for e ~ N(0, tau^2), gap >= 0: tau phi(gap / tau) - gap Phi(-gap / tau).
double expected_positive_part(double gap, double tau) {
  if (!(tau > 0.0)) return 0.0;
  const double x = gap / tau;
  const double pi = 3.14159265358979323846;
  return tau * std::exp(-0.5 * x * x) / std::sqrt(2.0 * pi) - gap * 0.5 * std::erfc(x / std::sqrt(2.0));
}

}  // namespace

double evpi(const Eigen::MatrixXd& nb) {
  if (nb.rows() == 0 || nb.cols() == 0) return 0.0;
  return std::max(0.0, mean_of_maxes(nb) - max_of_means(nb));
}

int evppi_terms_per_parameter(int draws, int group_size) {
  if (group_size < 1) return 0;
  const double budget = 2.0 * std::sqrt(static_cast<double>(std::max(draws, 0)));
  const int t = static_cast<int>(std::floor(budget / group_size));
  return std::clamp(t, 1, k_max_terms);
}

Eigen::MatrixXd evppi_basis(const Eigen::VectorXd& values, int terms) {
  const Eigen::Index n = values.size();
  terms = std::clamp(terms, 1, k_max_terms);
  Eigen::MatrixXd basis = Eigen::MatrixXd::Zero(n, terms);
  if (n < 2) return basis;
  const double mean = values.mean();
  const double sd = std::sqrt((values.array() - mean).square().sum() / static_cast<double>(n - 1));
  if (!(sd > 0.0) || !std::isfinite(sd)) return basis;  // does not vary: no information
  basis.col(0) = (values.array() - mean) / sd;
  if (terms > 1) {
    const Eigen::ArrayXd z = basis.col(0).array();
    basis.col(1) = z.square();
    if (terms > 2) basis.col(2) = z.cube();
    const int knots = terms - 3;
    if (knots > 0) {
      std::vector<double> sorted(z.begin(), z.end());
      std::sort(sorted.begin(), sorted.end());
      for (int k = 0; k < knots; ++k) {
        // Knot at the sample quantile (k + 1) / (knots + 1), by the nearest order statistic.
        const double p = static_cast<double>(k + 1) / static_cast<double>(knots + 1);
        const auto at = static_cast<std::size_t>(std::lround(p * static_cast<double>(n - 1)));
        basis.col(3 + k) = (z - sorted[at]).max(0.0).cube();
      }
    }
  }
  // Centre every column (the intercept is fitted separately; this keeps QR well scaled).
  for (Eigen::Index c = 0; c < basis.cols(); ++c) basis.col(c).array() -= basis.col(c).mean();
  return basis;
}

EvppiEstimate evppi(const Eigen::MatrixXd& nb, const Eigen::MatrixXd& x, const std::vector<int>& columns) {
  if (nb.rows() != x.rows()) fail_internal("evppi: net benefits and parameters have different draw counts");
  for (const int c : columns)
    if (c < 0 || c >= x.cols()) fail_internal("evppi: parameter column out of range");
  EvppiEstimate out;
  const Eigen::Index n = nb.rows();
  if (n < 2 || nb.cols() < 2 || columns.empty()) return out;
  const double full = evpi(nb);

  const int t = evppi_terms_per_parameter(static_cast<int>(n), static_cast<int>(columns.size()));
  std::vector<Eigen::MatrixXd> parts;
  Eigen::Index width = 0;
  for (const int c : columns) {
    Eigen::MatrixXd b = evppi_basis(x.col(c), t);
    if (b.cwiseAbs().maxCoeff() == 0.0) continue;  // parameter does not vary
    width += b.cols();
    parts.push_back(std::move(b));
  }
  if (width == 0) {
    Eigen::MatrixXd means(n, nb.cols());
    for (Eigen::Index j = 0; j < nb.cols(); ++j) means.col(j).setConstant(column_mean(nb, j));
    out.residual_bound = mean_max_abs_difference(nb, means);
    return out;  // no varying parameter: exactly 0
  }
  Eigen::MatrixXd design(n, width + 1);
  design.col(0).setOnes();
  Eigen::Index at = 1;
  for (const Eigen::MatrixXd& b : parts) {
    design.middleCols(at, b.cols()) = b;
    at += b.cols();
  }
  const Eigen::ColPivHouseholderQR<Eigen::MatrixXd> qr(design);
  const Eigen::MatrixXd fitted = design * qr.solve(nb);
  const Eigen::Index rank = qr.rank();
  out.terms = static_cast<int>(rank) - 1;

  // Leverages h_i (diagonal of the hat matrix) from the thin Q of the QR.
  Eigen::MatrixXd q = Eigen::MatrixXd::Identity(n, rank);
  q.applyOnTheLeft(qr.householderQ());
  std::vector<double> leverage(static_cast<std::size_t>(n));
  for (Eigen::Index i = 0; i < n; ++i)
    leverage[static_cast<std::size_t>(i)] =
        std::max(0.0, q.row(i).squaredNorm() - 1.0 / static_cast<double>(n));

  out.raw = mean_of_maxes(fitted) - max_of_means(fitted);
  out.value = std::clamp(out.raw, 0.0, full);
  out.residual_bound = mean_max_abs_difference(nb, fitted);

  // Noise bound (voi.h): with the parameters unrelated to nb, the fitted values are
  // mean + e_i, e_i ~ N(0, sd^2 (h_i - 1/n)) per option difference.
  const Eigen::Index best = best_option(nb);
  double bound = 0.0;
  for (Eigen::Index j = 0; j < nb.cols(); ++j) {
    if (j == best) continue;
    double mean = 0.0;
    for (Eigen::Index i = 0; i < n; ++i) mean += nb(i, j) - nb(i, best);
    mean /= static_cast<double>(n);
    double ss = 0.0;
    for (Eigen::Index i = 0; i < n; ++i)
      ss += (nb(i, j) - nb(i, best) - mean) * (nb(i, j) - nb(i, best) - mean);
    const double sd = std::sqrt(ss / static_cast<double>(n - 1));
    const double gap = -mean;  // >= 0: how far option j is behind on average
    for (const double h : leverage) bound += expected_positive_part(gap, sd * std::sqrt(h));
  }
  out.noise_bound = bound / static_cast<double>(n);
  return out;
}

}  // namespace integrasim
