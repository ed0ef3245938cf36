#include "core/mechanisms/labour_market.h"

#include <cmath>
#include <string>

#include "core/mechanisms/rule_lookup.h"

namespace integrasim {

void compile_skilled_jobs(const Scenario& s, const Catalogue& cat,
                          std::array<std::vector<double>, k_effect_cell_count>& employed_baseline) {
  const auto& lm = s.labour_market;
  const double points = (lm.skilled_job_share - lm.reference_skilled_job_share) * 100.0;
  if (points == 0.0) return;
  const char* why = "the scenario sets a skilled-job share different from its reference";
  for (int cell = 0; cell < k_effect_cell_count; ++cell) {
    const PersonAttributes a = attributes_of_effect_cell(cell);
    const std::string id = std::string("labour_market.log_hr_per_skilled_point.")
                               .append(level_name(Dimension::sex, static_cast<int>(a.sex)))
                               .append(".")
                               .append(level_name(Dimension::group, static_cast<int>(a.group)));
    const double factor = std::exp(rule_value(s, cat, id, true, why, 0.0) * points);
    for (double& h : employed_baseline[static_cast<std::size_t>(cell)]) h *= factor;
  }
}

void compile_labour_market(const Scenario& s, const Catalogue& cat, int horizon_months,
                           LabourMarketSeries& out, bool& employed_has_effects) {
  const auto& lm = s.labour_market;
  if (lm.employment_rate.empty()) return;
  const char* why = "the scenario gives a local employment-rate series";
  const double male = rule_value(s, cat, "labour_market.log_hr_per_point.male", true, why, 0.0);
  const double female = rule_value(s, cat, "labour_market.log_hr_per_point.female", true, why, 0.0);
  const double gain = rule_value(s, cat, "labour_market.education_activation_gain_per_point", true, why, 0.0);
  const std::size_t months = static_cast<std::size_t>(horizon_months) + 1;
  out.active = true;
  out.log_hr = {std::vector<double>(months), std::vector<double>(months)};
  out.education_activation_gain.assign(months, 1.0);
  out.next_change.assign(months, horizon_months);
  for (std::size_t c = 0; c < months; ++c) {
    const double rate = lm.employment_rate[std::min(c, lm.employment_rate.size() - 1)];
    const double points = (rate - lm.reference_rate) * 100.0;  // percentage points
    out.log_hr[0][c] = male * points;
    out.log_hr[1][c] = female * points;
    out.education_activation_gain[c] = 1.0 + gain * std::max(0.0, -points);
  }
  for (std::size_t c = months - 1; c-- > 0;)
    out.next_change[c] = out.log_hr[0][c + 1] != out.log_hr[0][c] || out.log_hr[1][c + 1] != out.log_hr[1][c]
                             ? static_cast<int>(c + 1)
                             : out.next_change[c + 1];
  employed_has_effects = true;
}

}  // namespace integrasim
