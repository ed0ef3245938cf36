#include "core/combination.h"

#include <algorithm>
#include <functional>

namespace integrasim {

double combine_post_effects(CombinationRule rule, double alpha, std::vector<double>& log_hrs) {
  switch (rule) {
    case CombinationRule::multiplicative: {
      double sum = 0.0;
      for (const double b : log_hrs) sum += b;
      return sum;
    }
    case CombinationRule::strongest:
      return log_hrs.empty() ? 0.0 : *std::max_element(log_hrs.begin(), log_hrs.end());
    case CombinationRule::diminishing: {
      std::sort(log_hrs.begin(), log_hrs.end(), std::greater<>());
      double sum = 0.0;
      double weight = 1.0;
      for (const double b : log_hrs) {
        sum += weight * b;
        weight *= alpha;
      }
      return sum;
    }
  }
  return 0.0;
}

}  // namespace integrasim
