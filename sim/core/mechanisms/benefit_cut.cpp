#include "core/mechanisms/benefit_cut.h"

#include <algorithm>
#include <cmath>

#include "core/mechanisms/rule_lookup.h"

namespace integrasim {

double BenefitCutResponse::profile(double s) const {
  if (s < full_response_months) return 1.0;
  if (fade_half_life_months <= 0.0) return floor_share;
  return floor_share + (1.0 - floor_share) * std::exp2(-(s - full_response_months) / fade_half_life_months);
}

void compile_benefit_cut(const Scenario& s, const Catalogue& cat, BenefitCutResponse& r,
                         bool& employed_has_effects) {
  const bool needed =
      std::any_of(s.arms.begin(), s.arms.end(), [](const Arm& a) { return a.rules.benefit_cut > 0.0; });
  const char* why = "an arm cuts benefits";
  r.log_hr_per_full_cut[0] = rule_value(s, cat, "benefit_cut.log_hr_per_full_cut.male", needed, why, 0.0);
  r.log_hr_per_full_cut[1] = rule_value(s, cat, "benefit_cut.log_hr_per_full_cut.female", needed, why, 0.0);
  r.full_response_months = rule_value(s, cat, "benefit_cut.full_response_months", needed, why, 3.0);
  r.fade_half_life_months = rule_value(s, cat, "benefit_cut.fade_half_life_months", needed, why, 6.0);
  r.floor_share = rule_value(s, cat, "benefit_cut.floor_share", needed, why, 0.0);
  if (needed) employed_has_effects = true;
}

}  // namespace integrasim
