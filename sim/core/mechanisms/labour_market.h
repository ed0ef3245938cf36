// The local labour market (docs/model.md §3 LM_j, §5): the municipality's employment rate
// by calendar month changes the job hazard, and makes education activation's post effect
// larger when employment is low. A skilled-job share away from its reference changes the
// job baseline once, at compile time.
#pragma once

#include <algorithm>
#include <array>
#include <cstddef>
#include <vector>

#include "core/catalogue.h"
#include "core/mechanisms/mechanism.h"
#include "core/model_types.h"
#include "core/scenario.h"

namespace integrasim {

// The series compiled by calendar month c = 0..H (the cohort arrives at c = 0).
struct LabourMarketSeries {
  bool active = false;                            // the scenario gives a series
  std::array<std::vector<double>, 2> log_hr;      // to employment, by Sex and month
  std::vector<int> next_change;                   // the next month the series changes (H at most)
  std::vector<double> education_activation_gain;  // factor on education activation's post effect
};

// Reads the series' rules; makes the job hazard carry effects when active.
void compile_labour_market(const Scenario& s, const Catalogue& cat, int horizon_months,
                           LabourMarketSeries& lm, bool& employed_has_effects);

// Jobs needing medium/high skills help female immigrants, male refugees and the
// family-reunified: a log HR per percentage point of the skilled-job share above the
// reference, by sex and group, folded into the job baseline `employed_baseline` (per
// effect cell) because it does not change over time.
void compile_skilled_jobs(const Scenario& s, const Catalogue& cat,
                          std::array<std::vector<double>, k_effect_cell_count>& employed_baseline);

class LabourMarket {
 public:
  explicit LabourMarket(const LabourMarketSeries& series) : series_(series) {}

  // `offset`: calendar month minus since-entry month of this person (core/calendar.h); the
  // series runs by calendar month, the person's clock since their entry.
  void bind(Sex sex, int offset) {
    sex_ = static_cast<std::size_t>(sex);
    offset_ = offset;
  }

  // The series may change at any segment.
  bool reevaluate() const { return series_.active; }
  int next_change(int month) const {
    return series_.active ? series_.next_change[calendar_(month)] - offset_ : k_no_change;
  }
  double log_hr(Destination j, int month) const {
    if (!series_.active || j != Destination::employed) return 0.0;
    return series_.log_hr[sex_][calendar_(month)];
  }
  // Factor on the post effect of an education activation completed at `end_time`.
  double education_gain(double end_time) const {
    if (!series_.active) return 1.0;
    return series_.education_activation_gain[calendar_(static_cast<int>(end_time))];
  }

 private:
  // A followed month lies on the plan's calendar 0..H; the clamp only guards the table.
  std::size_t calendar_(int month) const {
    return static_cast<std::size_t>(
        std::clamp(month + offset_, 0, static_cast<int>(series_.next_change.size()) - 1));
  }
  const LabourMarketSeries& series_;
  std::size_t sex_ = 0;
  int offset_ = 0;
};

}  // namespace integrasim
