// Sanctions (docs/model.md §5): under an arm's sanction regime, breaches of obligations
// arrive at a constant monthly rate while on benefit, from latent thresholds like any
// other event; each breach brings a sanction (benefit withheld for some months) that
// starts at the next whole month, with an ex-post effect fading linearly to nothing;
// everyone under the regime has the ex-ante threat effect.
#pragma once

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

#include "core/catalogue.h"
#include "core/latent_draws.h"
#include "core/mechanisms/mechanism.h"
#include "core/scenario.h"

namespace integrasim {

// A sanction regime's compiled parameters. Effects are by match group. For job-ready
// cash-benefit recipients the evidence finds no job effect but more exits off benefit
// without a job, so the ex-post effect has two parts: a hazard ratio on job finding and
// an extra hazard (per month) of leaving benefit without a job — extra because nobody
// leaves that way without a sanction.
struct SanctionRegime {
  std::array<double, 2> violation_rate{};     // per month, by MatchGroup (-ln(1 - monthly probability))
  double sanction_months = 1.0;               // months the benefit is reduced
  double benefit_cut_share = 0.0;             // share of the benefit withheld meanwhile
  double fade_months = 3.0;                   // months over which the ex-post effect fades
  std::array<double, 2> threat_log_hr{};      // on job finding, everyone under the regime
  std::array<double, 2> after_log_hr{};       // on job finding, just after a sanction
  std::array<double, 2> after_off_benefit{};  // extra hazard off benefit just after a sanction, per month
};

// Whether any arm has a sanction regime (then the regime's rules are needed).
bool any_sanctions(const Scenario& s);

// Reads the regime from the catalogue's rules when an arm needs it; makes the job hazard
// carry effects and benefit leavable without a job (the extra hazard after a sanction).
void compile_sanctions(const Scenario& s, const Catalogue& cat, SanctionRegime& regime,
                       bool& employed_has_effects, bool& off_benefit_reachable);

// Sanction state of a run: the current spell's breaches and sanction periods, and the
// months the person's benefit was reduced.
struct SanctionState {
  double violation_rate = 0.0;   // breaches per month
  double violation_time = 0.0;   // time of the next breach, months since entry
  int violations = 0;            // breaches so far in this spell
  int sanction_month = 0;        // month the next sanction starts
  int last_sanction_month = 0;   // month the latest sanction started
  double sanctioned_from = 0.0;  // current sanction period [from, until), months since entry
  double sanctioned_until = 0.0;
  double sanctioned_months = 0.0;  // months on benefit under a sanction, this run
};

class Sanctions {
 public:
  explicit Sanctions(const SanctionRegime& regime) : regime_(regime) {}

  void bind(bool on, MatchGroup group, Latent& latent, int horizon) {
    on_ = on;
    group_ = static_cast<std::size_t>(group);
    latent_ = &latent;
    horizon_ = horizon;
  }

  static void begin_run(SanctionState& s) { s.sanctioned_months = 0.0; }

  void begin_spell(SanctionState& s, double t, int spell) {
    spell_ = spell;
    s.violations = 0;
    s.last_sanction_month = std::numeric_limits<int>::min() / 2;
    s.sanctioned_from = s.sanctioned_until = 0.0;
    s.violation_rate = on_ ? regime_.violation_rate[group_] : 0.0;
    s.violation_time = t;
    schedule_next_violation_(s);
  }
  // A run resumed in its first spell.
  void resume_spell(int spell) { spell_ = spell; }

  // Starts the sanctions due by `month` and counts them in `sanctions` (the metric of
  // that name); true if any (effects change).
  bool apply(SanctionState& s, int month, double& sanctions) {
    if (month < s.sanction_month) return false;
    while (month >= s.sanction_month) {
      s.last_sanction_month = s.sanction_month;
      sanctions += 1.0;
      const double from = std::max(static_cast<double>(s.sanction_month), s.sanctioned_until);
      if (from > s.sanctioned_until) s.sanctioned_from = from;
      s.sanctioned_until = from + regime_.sanction_months;
      ++s.violations;
      schedule_next_violation_(s);
    }
    return true;
  }

  // While the ex-post effect fades, hazards change every month.
  bool reevaluate(const SanctionState& s, int month) const {
    return month < s.last_sanction_month + regime_.fade_months;
  }
  int next_change(const SanctionState& s, int month) const {
    return reevaluate(s, month) ? month + 1 : s.sanction_month;
  }

  double log_hr(Destination j, const SanctionState& s, int month) const {
    if (!on_ || j != Destination::employed) return 0.0;
    return regime_.threat_log_hr[group_] + regime_.after_log_hr[group_] * fade_(s, month);
  }
  double extra_hazard(Destination j, const SanctionState& s, int month) const {
    if (j != Destination::off_benefit) return 0.0;
    return on_ ? regime_.after_off_benefit[group_] * fade_(s, month) : 0.0;
  }

  // Benefit withheld: time on benefit within a sanction period.
  static void on_benefit(SanctionState& s, double from, double to) {
    const double overlap = std::min(to, s.sanctioned_until) - std::max(from, s.sanctioned_from);
    if (overlap > 0.0) s.sanctioned_months += overlap;
  }

  // Cost: months of benefit not paid.
  double months_withheld(const SanctionState& s) const {
    return regime_.benefit_cut_share * s.sanctioned_months;
  }

 private:
  // Share of the ex-post effect left at `month`: 1 in the month the sanction starts,
  // falling linearly to 0 over the fade months.
  double fade_(const SanctionState& s, int month) const {
    const double since = month - s.last_sanction_month;
    return since < regime_.fade_months ? 1.0 - since / regime_.fade_months : 0.0;
  }

  void schedule_next_violation_(SanctionState& s) const {
    if (s.violation_rate <= 0.0) {
      s.sanction_month = std::numeric_limits<int>::max();
      return;
    }
    s.violation_time += latent_->violation_threshold(spell_, s.violations) / s.violation_rate;
    s.sanction_month = s.violation_time >= horizon_ ? std::numeric_limits<int>::max()
                                                    : static_cast<int>(std::ceil(s.violation_time));
  }

  const SanctionRegime& regime_;
  bool on_ = false;
  std::size_t group_ = 0;
  Latent* latent_ = nullptr;
  int horizon_ = 0;
  int spell_ = 0;
};

}  // namespace integrasim
