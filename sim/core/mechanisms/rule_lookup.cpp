#include "core/mechanisms/rule_lookup.h"

#include <algorithm>
#include <array>
#include <cmath>

#include "core/compiled_model.h"
#include "core/diagnostics.h"

namespace integrasim {
namespace {

std::string where_of(const CatalogueValue& v) {
  return v.file + ":" + std::to_string(v.line) + ": ";
}

// Every rule id (or pattern, '*' for any run of characters) some compile step reads. The
// other rows of rules.csv (other benefit rates, the Danish bonus, wage subsidies, IGU pay,
// sanction deductions) document the law for later model versions; an override of one of
// them would change nothing, so it is refused.
constexpr std::array<std::string_view, 19> k_rules_read = {
    "benefit.single_provider.dkk_per_month",
    "benefit_cut.*",
    "labour_market.*",
    "placement.*",
    "sanction.violation_probability_per_month.*",
    "sanction.months",
    "sanction.benefit_cut_share",
    "sanction.fade_months",
    "sanction.threat_hr.employed.*",
    "sanction.after_hr.employed.*",
    "sanction.after_off_benefit_hazard.*",
    "reimbursement.share.weeks_01_04",
    "reimbursement.share.weeks_05_26",
    "reimbursement.share.weeks_27_52",
    "reimbursement.share.weeks_53_up",
    "result_grant.job_or_education_within_3y.dkk",
    "result_grant.job_year_4_5.dkk",
    "result_grant.danish_test.dkk",
    "basic_grant.dkk_per_month",
};

}  // namespace

bool model_reads_rule(std::string_view id) {
  return std::any_of(k_rules_read.begin(), k_rules_read.end(),
                     [&](std::string_view pattern) { return id_matches_pattern(id, pattern); });
}

const RuleRow* find_rule(const Catalogue& cat, std::string_view id) {
  if (!model_reads_rule(id))
    fail_internal("rule '" + std::string(id) + "' is read but not listed in k_rules_read (rule_lookup.cpp)");
  for (const auto& r : cat.rules)
    if (r.value.id == id) return &r;
  return nullptr;
}

double rule_value(const Scenario& s, const Catalogue& cat, std::string_view id, bool needed,
                  std::string_view why, double fallback) {
  const RuleRow* rule = find_rule(cat, id);
  if (rule == nullptr && needed)
    fail_input_message(
        s.where, std::string(why) + ", but the catalogue has no rule '" + std::string(id) + "' (rules.csv)");
  if (rule == nullptr) return fallback;
  if (!std::isfinite(rule->value.value))
    throw InputError(where_of(rule->value) + "'" + rule->value.id + "' must be a finite number");
  return rule->value.value;
}

}  // namespace integrasim
