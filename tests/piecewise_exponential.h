// Closed forms for a single destination with piecewise-constant hazard, shared by the
// unit and stat tiers.
#pragma once

#include <algorithm>
#include <cmath>
#include <utility>
#include <vector>

namespace integrasim::testing {

// A single-destination survival curve with piecewise-constant hazard: hazard[i] applies
// on [breaks[i], breaks[i+1]).
struct PiecewiseExponential {
  std::vector<double> breaks;  // starts at 0, ends at the horizon
  std::vector<double> hazard;  // per month

  double survival(double t) const {
    double cumulative = 0;
    for (std::size_t i = 0; i < hazard.size(); ++i) {
      const double a = breaks[i];
      const double b = breaks[i + 1];
      if (t <= a) break;
      cumulative += hazard[i] * (std::min(t, b) - a);
    }
    return std::exp(-cumulative);
  }
  // E[min(T, H)] = integral of S, and E[min(T, H)^2] = 2 * integral of t S(t).
  std::pair<double, double> moments() const {
    double m1 = 0;
    double m2 = 0;
    for (std::size_t i = 0; i < hazard.size(); ++i) {
      const double a = breaks[i];
      const double length = breaks[i + 1] - a;
      const double h = hazard[i];
      const double s = survival(a);
      const double e = std::exp(-h * length);
      if (h == 0) {
        m1 += s * length;
        m2 += 2 * s * (a * length + length * length / 2);
        continue;
      }
      m1 += s * (1 - e) / h;
      m2 += 2 * s * (a * (1 - e) / h + (1 - e * (1 + h * length)) / (h * h));
    }
    return {m1, m2};
  }
  // E[min(T, H)].
  double mean() const { return moments().first; }
  // Standard error of the mean of min(T, H) over n persons.
  double se(double n) const {
    const auto [m1, m2] = moments();
    return std::sqrt(std::max(0.0, m2 - m1 * m1) / n);
  }
};

}  // namespace integrasim::testing
