#include "core/mechanisms/sanctions.h"

#include <string>

#include "core/compiled_model.h"
#include "core/diagnostics.h"
#include "core/mechanisms/rule_lookup.h"

namespace integrasim {

bool any_sanctions(const Scenario& s) {
  return std::any_of(s.arms.begin(), s.arms.end(), [](const Arm& a) { return a.rules.sanctions; });
}

void compile_sanctions(const Scenario& s, const Catalogue& cat, SanctionRegime& r, bool& employed_has_effects,
                       bool& off_benefit_reachable) {
  if (!any_sanctions(s)) return;
  off_benefit_reachable = true;
  const char* why = "an arm has a sanction regime";
  const auto value = [&](const std::string& id, double lo, double hi, const char* rule) {
    const double v = rule_value(s, cat, id, true, why, 0.0);
    if (!(v >= lo && v <= hi)) fail_input(s.where, id, format_value(v), rule);
    return v;
  };
  constexpr double k_huge = 1e9;
  const char* const match[2] = {"job_ready", "activity_ready"};
  for (std::size_t g = 0; g < 2; ++g) {
    const std::string suffix = std::string(".").append(match[g]);
    const double p = value("sanction.violation_probability_per_month" + suffix, 0.0, 0.999999, "in [0, 1)");
    r.violation_rate[g] = -std::log1p(-p);
    r.threat_log_hr[g] = std::log(value("sanction.threat_hr.employed" + suffix, 1e-9, k_huge, "> 0"));
    r.after_log_hr[g] = std::log(value("sanction.after_hr.employed" + suffix, 1e-9, k_huge, "> 0"));
    r.after_off_benefit[g] = value("sanction.after_off_benefit_hazard" + suffix, 0.0, k_huge, ">= 0");
  }
  r.sanction_months = value("sanction.months", 0.0, k_huge, ">= 0");
  r.benefit_cut_share = value("sanction.benefit_cut_share", 0.0, 1.0, "in [0, 1]");
  r.fade_months = value("sanction.fade_months", 1e-9, k_huge, "> 0");
  employed_has_effects = true;
}

}  // namespace integrasim
