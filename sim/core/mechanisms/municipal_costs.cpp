#include "core/mechanisms/municipal_costs.h"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <string>

#include "core/diagnostics.h"
#include "core/mechanisms/rule_lookup.h"

namespace integrasim {
namespace {

constexpr std::array<std::string_view, k_reimbursement_steps> k_share_ids = {
    "reimbursement.share.weeks_01_04", "reimbursement.share.weeks_05_26", "reimbursement.share.weeks_27_52",
    "reimbursement.share.weeks_53_up"};

// A rule's value if the catalogue has it (else 0), which must lie in [lo, hi]; InputError at
// the row otherwise (its file and line, and its id: an override changes the row's value).
double checked_rule(const Scenario& s, const Catalogue& cat, std::string_view id, double lo, double hi,
                    std::string_view rule) {
  const RuleRow* row = find_rule(cat, id);
  if (row == nullptr) return 0.0;
  const double v = rule_value(s, cat, id, true, "", 0.0);
  if (!(v >= lo && v <= hi)) {
    // Built by appending: GCC 12 warns (-Wrestrict, a false positive) on "'" + string.
    std::string field(1, '\'');
    field.append(id).push_back('\'');
    fail_input({row->value.file, row->value.line, 0}, field, format_value(v), rule);
  }
  return v;
}

}  // namespace

void compile_municipal_costs(const Scenario& s, const Catalogue& cat, CostRules& out) {
  // The staircase is all or nothing. Some shares without the others would price the
  // missing steps at 0 without a word, so that is refused. A catalogue with none of them
  // prices no reimbursement at all (every share 0: the municipality bears the whole
  // benefit), as a catalogue without cost rules (e.g. one built for a test) means.
  std::size_t present = k_reimbursement_steps;
  for (std::size_t k = 0; k < k_share_ids.size(); ++k)
    if (find_rule(cat, k_share_ids[k]) != nullptr) present = k;
  if (present < k_share_ids.size())
    for (const std::string_view id : k_share_ids)
      if (find_rule(cat, id) == nullptr)
        fail_input_message(s.where, "the catalogue has rule '" + std::string(k_share_ids[present]) +
                                        "' but no rule '" + std::string(id) +
                                        "' (rules.csv): the reimbursement staircase needs all four shares");
  for (std::size_t k = 0; k < k_share_ids.size(); ++k)
    out.reimbursement_share[k] = checked_rule(s, cat, k_share_ids[k], 0.0, 1.0, "in [0, 1]");

  // The grants: a missing one is 0 (the state pays no such grant).
  constexpr double k_huge = 1e12;
  const char* const non_negative = "a finite number >= 0";
  out.early_result_grant_dkk =
      checked_rule(s, cat, "result_grant.job_or_education_within_3y.dkk", 0.0, k_huge, non_negative);
  out.late_result_grant_dkk =
      checked_rule(s, cat, "result_grant.job_year_4_5.dkk", 0.0, k_huge, non_negative);
  out.danish_test_grant_dkk = checked_rule(s, cat, "result_grant.danish_test.dkk", 0.0, k_huge, non_negative);
  out.basic_grant_dkk_per_month =
      checked_rule(s, cat, "basic_grant.dkk_per_month", 0.0, k_huge, non_negative);
}

double reimbursed_share(const CostRules& r, double spell_months) {
  if (!(spell_months >= 0.0)) return 0.0;
  std::size_t k = 0;
  while (k + 1 < k_reimbursement_step_from_months.size() &&
         spell_months >= k_reimbursement_step_from_months[k + 1])
    ++k;
  return r.reimbursement_share[k];
}

void MunicipalAccounts::finish() {
  if (state_.finished) return;
  state_.finished = true;
  const double to = std::min({end_, k_programme_until_months, state_.exit_time});
  if (to > begin_) book_flat_(CostMeasure::basic_grant, begin_, to, rules_->basic_grant_dkk_per_month);
}

MunicipalAccounts::Totals MunicipalAccounts::totals() const {
  Totals t;
  t.gross = total(CostMeasure::benefit) + total(CostMeasure::programme);
  t.reimbursement = total(CostMeasure::reimbursement);
  t.result_grants = total(CostMeasure::result_grants);
  t.basic_grant = total(CostMeasure::basic_grant);
  t.municipal_net = t.gross - t.reimbursement - t.result_grants - t.basic_grant;
  return t;
}

}  // namespace integrasim
