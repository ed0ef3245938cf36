// The benefit cut (docs/model.md §5 benefit level): an arm that cuts benefits raises the
// job hazard, at full strength for the first months of a spell and then fading towards
// a lasting floor.
#pragma once

#include <array>
#include <cstddef>

#include "core/catalogue.h"
#include "core/mechanisms/mechanism.h"
#include "core/model_types.h"
#include "core/scenario.h"

namespace integrasim {

// Response of the job hazard to a benefit cut: log HR per unit of cut share, by sex.
struct BenefitCutResponse {
  std::array<double, 2> log_hr_per_full_cut{};  // by Sex
  double full_response_months = 3.0;            // months at full strength
  double fade_half_life_months = 6.0;           // months
  double floor_share = 0.0;                     // share of the response that lasts
  // Share of the full response `s` months into a spell.
  double profile(double s) const;
};

// Reads the response from the catalogue's rules (needed when an arm cuts benefits; then
// the job hazard carries effects).
void compile_benefit_cut(const Scenario& s, const Catalogue& cat, BenefitCutResponse& r,
                         bool& employed_has_effects);

class BenefitCut {
 public:
  explicit BenefitCut(const BenefitCutResponse& response) : response_(response) {}

  // Persons who do not respond keep exactly the hazards, and so the results, of standard
  // rules.
  void bind(double cut_share, Sex sex) {
    beta_ = response_.log_hr_per_full_cut[static_cast<std::size_t>(sex)];
    cut_share_ = cut_share;
    responds_ = cut_share > 0.0 && beta_ != 0.0;
  }

  // While the response fades, hazards change every month.
  bool reevaluate() const { return responds_; }
  int next_change(int month) const { return responds_ ? month + 1 : k_no_change; }

  // `spell_month`: months since the spell's anchor.
  double log_hr(Destination j, int spell_month) const {
    if (!responds_ || j != Destination::employed) return 0.0;
    return beta_ * cut_share_ * response_.profile(spell_month);
  }

 private:
  const BenefitCutResponse& response_;
  double beta_ = 0.0;
  double cut_share_ = 0.0;
  bool responds_ = false;
};

}  // namespace integrasim
