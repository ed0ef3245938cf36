// The municipal accounts (docs/model.md §12): what a person costs the municipality, and
// what the state pays it back, priced from the person's run. Benefit paid is reimbursed by
// the staircase of 2016 (a share falling with the weeks of the current benefit spell);
// programme operating costs are not reimbursed; the state pays result grants for a job or
// education and for a passed Danish test, and a basic grant per month in the integration
// programme. Every amount is in DKK, every time in months.
//
// The compile step reads the rules; the helpers are closed forms; MunicipalAccounts is the
// per-run accumulator the person simulator calls as the run goes (it draws no random
// numbers and changes no hazard, so it cannot change any other result).
#pragma once

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <limits>
#include <string_view>
#include <type_traits>

#include "core/catalogue.h"
#include "core/model_types.h"
#include "core/scenario.h"

namespace integrasim {

// The staircase's steps by weeks of the current benefit spell: weeks 1-4, 5-26, 27-52,
// 53 and later. Week w covers spell months [(w - 1) * 12 / 52, w * 12 / 52), so step k
// covers spell months [k_reimbursement_step_from_months[k], next step's from).
inline constexpr int k_reimbursement_steps = 4;
inline constexpr std::array<double, k_reimbursement_steps> k_reimbursement_step_from_months = {
    0.0, 4.0 * 12.0 / 52.0, 26.0 * 12.0 / 52.0, 52.0 * 12.0 / 52.0};

// The window of the result grants and of the integration programme, months since arrival.
inline constexpr double k_early_grant_until_months = 36.0;  // job or education before this
inline constexpr double k_programme_until_months = 60.0;    // job grant [36, 60); basic grant [0, 60)

// The compiled cost rules.
struct CostRules {
  // Share of the benefit paid that the state reimburses, by step of the staircase
  // (k_reimbursement_step_from_months), each in [0, 1]; all 0 when the catalogue has no
  // reimbursement.share.* row.
  std::array<double, k_reimbursement_steps> reimbursement_share{};
  double early_result_grant_dkk = 0.0;     // DKK per person: first job or education within 36 months
  double late_result_grant_dkk = 0.0;      // DKK per person: first ordinary job in months 36-60
  double danish_test_grant_dkk = 0.0;      // DKK per person: first passed Danish test
  double basic_grant_dkk_per_month = 0.0;  // DKK per month in the programme (months 0-60)
};

// Reads the cost rules: reimbursement.share.weeks_01_04, _05_26, _27_52, _53_up (the four
// together or none), result_grant.job_or_education_within_3y.dkk, result_grant.job_year_4_5.dkk,
// result_grant.danish_test.dkk and basic_grant.dkk_per_month. InputError if only some of the
// four shares are given, if a share is outside [0, 1] or a grant is negative. A missing
// grant is 0.
void compile_municipal_costs(const Scenario& s, const Catalogue& cat, CostRules& out);

// The share of benefit reimbursed `spell_months` into a spell (0 before the spell).
double reimbursed_share(const CostRules& r, double spell_months);

// ∫ share(u) du over spell months u in [spell_months_from, spell_months_to), exactly, piece
// by piece of the staircase (months of benefit paid in full that the state pays back); 0
// if the interval is empty. Times before the spell (u < 0) count with share 0.
inline double reimbursed_share_integral(const CostRules& r, double spell_months_from, double spell_months_to);

// What the accounts book, per person and per calendar month.
enum class CostMeasure : int { benefit = 0, programme, reimbursement, result_grants, basic_grant };
inline constexpr int k_cost_measure_count = 5;
static_assert(static_cast<int>(CostMeasure::basic_grant) + 1 == k_cost_measure_count);
// Output names of the measures, by CostMeasure (all in DKK).
inline constexpr std::array<std::string_view, k_cost_measure_count> k_cost_measure_names = {
    "benefit_dkk", "programme_dkk", "reimbursement_dkk", "result_grants_dkk", "basic_grant_dkk"};
inline constexpr std::string_view name_of(CostMeasure m) {
  return k_cost_measure_names[static_cast<std::size_t>(m)];
}

// What a run has accumulated: a small trivially copyable value, so that a run saved for
// prefix reuse (core/prefix_reuse.h) carries it (MunicipalAccounts::state / restore). The
// calendar (the `by_month` array given to bind) is not part of it: it is written as the
// run goes, so a resumed run's calendar must be carried along with the run's other
// monthly tables.
struct MunicipalAccountsState {
  std::array<double, k_cost_measure_count> dkk{};  // DKK this run, by CostMeasure
  // Months since arrival at which the person exits (emigration, pension, death); the
  // basic grant stops there. Infinity while the person stays.
  double exit_time = std::numeric_limits<double>::infinity();
  bool early_grant_paid = false;   // the grant for a job or education within 36 months
  bool late_grant_paid = false;    // the grant for an ordinary job in months 36-60
  bool danish_grant_paid = false;  // the grant for a passed Danish test
  bool finished = false;           // finish() has booked the basic grant
};
static_assert(std::is_trivially_copyable_v<MunicipalAccountsState>);

// The per-run accumulator. Time is since entry (= since arrival), in months; calendar
// month of time t is floor(t) + offset. Every call is O(1) plus O(calendar months crossed)
// when a calendar is bound, and allocates nothing.
class MunicipalAccounts {
 public:
  explicit MunicipalAccounts(const CostRules& r) : rules_(&r) {}

  // At the start of a run. Only time in [begin, end) is priced: a caseload person starts
  // mid-history (begin > 0); `end` is the end of follow-up. `by_month`: null, or an array
  // of k_cost_measure_count * months doubles (measure-major: by_month[measure * months + c])
  // to which the DKK of calendar month c = 0..months-1 are added (amounts outside [0,
  // months) are dropped from the calendar but still count in the totals). The array is
  // added to, never cleared: the caller zeroes it.
  void bind(int offset, double begin, double end, double* by_month, int months) {
    offset_ = offset;
    begin_ = begin;
    end_ = end;
    by_month_ = months > 0 ? by_month : nullptr;
    months_ = months;
  }
  // Zeroes the totals and the once-per-person flags.
  void begin_run() { state_ = MunicipalAccountsState{}; }

  // Benefit paid at `dkk_per_month` for since-entry time [from, to) of a spell that began
  // at `spell_start` (<= from); reimbursed by the staircase by duration since spell_start.
  void benefit(double spell_start, double from, double to, double dkk_per_month);
  // Programme operating cost at `dkk_per_month` over [from, to) (not reimbursed).
  void programme(double from, double to, double dkk_per_month);
  // The person leaves benefit at `time` for destination d: the result grant for the first
  // job or education before month 36 since arrival (once per person), or for the first
  // ordinary job in months [36, 60) (once, and only if the early grant was not paid).
  // Leaving to exit ends the basic grant at `time`; off_benefit earns nothing.
  void left_benefit(double time, Destination d);
  // A passed Danish test at `time`: the Danish test grant (once per person).
  void danish_test(double time);
  // At the end of the run: the basic grant for every followed month in [begin, min(end, 60,
  // exit time)), pro rata. A second call books nothing.
  void finish();

  struct Totals {
    double gross = 0.0;          // DKK: benefit + programme
    double reimbursement = 0.0;  // DKK: the state's share of the benefit
    double result_grants = 0.0;  // DKK: job, education and Danish test grants
    double basic_grant = 0.0;    // DKK
    double municipal_net = 0.0;  // DKK: gross - reimbursement - result_grants - basic_grant
  };
  Totals totals() const;

  // DKK this run of one measure.
  double total(CostMeasure m) const { return state_.dkk[static_cast<std::size_t>(m)]; }

  // The run's accumulated state, to save a run and resume it.
  const MunicipalAccountsState& state() const { return state_; }
  void restore(const MunicipalAccountsState& s) { state_ = s; }

 private:
  // Books `dkk` at time t (a point event) to the totals and t's calendar month.
  void book_at_(CostMeasure m, double t, double dkk);
  // Books `dkk_per_month` over [from, to) (already within [begin, end)) to the totals and,
  // pro rata, to the calendar months it crosses.
  void book_flat_(CostMeasure m, double from, double to, double dkk_per_month);
  // Adds amount(lo, hi) to the calendar row of `m` for each piece [lo, hi) of [from, to)
  // that lies in one since-entry month whose calendar month is in [0, months).
  template <typename Amount>
  void split_by_month_(CostMeasure m, double from, double to, Amount amount);
  bool priced_(double t) const { return t >= begin_ && t < end_; }

  const CostRules* rules_;
  int offset_ = 0;
  double begin_ = 0.0;
  double end_ = 0.0;
  double* by_month_ = nullptr;
  int months_ = 0;
  MunicipalAccountsState state_{};
};

// ---- the accumulator's hot calls, inline: the person simulator calls them per spell ----

inline double reimbursed_share_integral(const CostRules& r, double spell_months_from,
                                        double spell_months_to) {
  const double from = std::max(spell_months_from, 0.0);
  double sum = 0.0;
  for (std::size_t k = 0; k < k_reimbursement_step_from_months.size(); ++k) {
    const double lo = std::max(from, k_reimbursement_step_from_months[k]);
    const double hi = k + 1 < k_reimbursement_step_from_months.size()
                          ? std::min(spell_months_to, k_reimbursement_step_from_months[k + 1])
                          : spell_months_to;
    if (hi > lo && r.reimbursement_share[k] != 0.0) sum += r.reimbursement_share[k] * (hi - lo);
  }
  return sum;
}

inline void MunicipalAccounts::book_at_(CostMeasure m, double t, double dkk) {
  const auto i = static_cast<std::size_t>(m);
  state_.dkk[i] += dkk;
  if (by_month_ == nullptr) return;
  const double c = std::floor(t) + offset_;
  if (c >= 0.0 && c < months_)
    by_month_[i * static_cast<std::size_t>(months_) + static_cast<std::size_t>(c)] += dkk;
}

inline void MunicipalAccounts::book_flat_(CostMeasure m, double from, double to, double dkk_per_month) {
  const auto i = static_cast<std::size_t>(m);
  state_.dkk[i] += dkk_per_month * (to - from);
  if (by_month_ == nullptr) return;
  split_by_month_(m, from, to, [&](double lo, double hi) { return dkk_per_month * (hi - lo); });
}

template <typename Amount>
inline void MunicipalAccounts::split_by_month_(CostMeasure m, double from, double to, Amount amount) {
  // The since-entry months whose calendar month is in [0, months).
  const double first = std::max(std::floor(from), static_cast<double>(-offset_));
  const double last = std::min(std::ceil(to), static_cast<double>(months_ - offset_));  // exclusive
  double* row = by_month_ + static_cast<std::size_t>(m) * static_cast<std::size_t>(months_);
  for (double t = first; t < last; t += 1.0) {
    const double lo = std::max(from, t);
    const double hi = std::min(to, t + 1.0);
    if (hi > lo) row[static_cast<std::size_t>(t + offset_)] += amount(lo, hi);
  }
}

inline void MunicipalAccounts::benefit(double spell_start, double from, double to, double dkk_per_month) {
  const double a = std::max(from, begin_);
  const double b = std::min(to, end_);
  if (!(b > a)) return;
  book_flat_(CostMeasure::benefit, a, b, dkk_per_month);
  const auto ri = static_cast<std::size_t>(CostMeasure::reimbursement);
  state_.dkk[ri] += dkk_per_month * reimbursed_share_integral(*rules_, a - spell_start, b - spell_start);
  if (by_month_ == nullptr) return;
  split_by_month_(CostMeasure::reimbursement, a, b, [&](double lo, double hi) {
    return dkk_per_month * reimbursed_share_integral(*rules_, lo - spell_start, hi - spell_start);
  });
}

inline void MunicipalAccounts::programme(double from, double to, double dkk_per_month) {
  const double a = std::max(from, begin_);
  const double b = std::min(to, end_);
  if (b > a) book_flat_(CostMeasure::programme, a, b, dkk_per_month);
}

inline void MunicipalAccounts::left_benefit(double time, Destination d) {
  if (d == Destination::exit) state_.exit_time = std::min(state_.exit_time, time);
  if (!priced_(time)) return;
  if (d != Destination::employed && d != Destination::education) return;
  if (state_.early_grant_paid || state_.late_grant_paid) return;
  if (time < k_early_grant_until_months) {
    state_.early_grant_paid = true;
    book_at_(CostMeasure::result_grants, time, rules_->early_result_grant_dkk);
  } else if (d == Destination::employed && time < k_programme_until_months) {
    state_.late_grant_paid = true;
    book_at_(CostMeasure::result_grants, time, rules_->late_result_grant_dkk);
  }
}

inline void MunicipalAccounts::danish_test(double time) {
  if (state_.danish_grant_paid || !priced_(time)) return;
  state_.danish_grant_paid = true;
  book_at_(CostMeasure::result_grants, time, rules_->danish_test_grant_dkk);
}

}  // namespace integrasim
