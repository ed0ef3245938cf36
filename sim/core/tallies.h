// Accumulators of a run (docs/developing.md principle 5, like OpenMC tallies): sums and sums
// of squares per arm variant, subgroup and metric; paired cross-products for the
// differences we report; integer counts for the monthly table and the first-job
// histogram. Floating-point sums are kept per fixed chunk of persons and merged in chunk
// order (core/ordered_fold.h), so totals are bit-identical for any number of threads.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "core/compiled_model.h"
#include "core/mechanisms/municipal_costs.h"
#include "core/metrics.h"
#include "core/queue_report.h"

namespace integrasim {

// Sums kept per (variant, group, metric): x, w, x^2, w^2, x*w.
inline constexpr int k_variant_sum_count = 5;
// Money measures of calendar.csv: the CostMeasures, then the municipal net cost.
inline constexpr int k_money_measure_count = k_cost_measure_count + 1;
inline constexpr int k_money_net = k_cost_measure_count;
// Sums kept per (pair, group, metric): x1*x2, x1*w2, w1*x2, w1*w2.
inline constexpr int k_pair_sum_count = 4;
// Sums kept per (arm slot with a comparator, group, mean metric) over the arm's
// participants, for the effect per participant: a, a^2, a*d, where d is the person's
// participants column (its weight) and a = d's person's x_arm - x_comparator (0 for
// non-participants). The ratio sum(a) / sum(d) is the effect on those who took part.
inline constexpr int k_participant_sum_count = 3;
// Resolution of the first-job histogram: bins per month.
inline constexpr int k_first_job_bins_per_month = 8;
// The joint first-job histogram (TallyLayout::first_job_joint) counts in bins of whole
// months, one month up to a horizon of this many months, wider beyond it: it has bins^2
// counts per arm and report cell, so its size must not grow with the horizon squared.
// docs/uncertainty.md says why a month is fine enough for the paired SE of a median.
inline constexpr int k_first_job_joint_max_bins = 120;

struct TallyLayout {
  int variants = 0;
  int pairs = 0;
  int groups = 0;         // report cells (disjoint; see ReportGroup)
  int report_groups = 0;  // the subgroups reported (CompiledModel::groups), unions of cells
  int metrics = 0;        // tally columns (see core/metrics.h)
  int monthly_slots = 0;  // arms incl. no_intervention
  // the states, one per intervention (in it that month), then one per intervention again
  // (has begun it by that month: the share per intervention of `participants`);
  // core/model_types.h programme_series and began_series.
  int series = 0;
  int months = 0;                 // H + 2 (diff arrays need one past the end)
  int first_job_bins = 0;         // H * bins per month + 1 ("never")
  int first_job_joint_width = 1;  // months per bin of the joint histogram
  int first_job_joint_bins = 0;   // its bins: ceil(H / width), then one for "never"
  int money_months = 0;           // planner runs: H (Tallies::calendar_money), else 0

  explicit TallyLayout(const CompiledModel& m);
  TallyLayout() = default;
  // Sum-major within a (variant, group): all metrics' sums of x, then all sums of w, ...,
  // so that the engine's per-person loop over metrics runs along contiguous rows (and the
  // compiler vectorises it); each sum gets the same additions in the same order as in any
  // other layout.
  std::size_t variant_sum(int v, int g, int k, int s) const {
    return ((static_cast<std::size_t>(v) * static_cast<std::size_t>(groups) + static_cast<std::size_t>(g)) *
                k_variant_sum_count +
            static_cast<std::size_t>(s)) *
               static_cast<std::size_t>(metrics) +
           static_cast<std::size_t>(k);
  }
  std::size_t pair_sum(int p, int g, int k, int s) const {
    return ((static_cast<std::size_t>(p) * static_cast<std::size_t>(groups) + static_cast<std::size_t>(g)) *
                k_pair_sum_count +
            static_cast<std::size_t>(s)) *
               static_cast<std::size_t>(metrics) +
           static_cast<std::size_t>(k);
  }
  // Per arm slot (as monthly_slots), for metrics k < k_mean_column_count only: the effect
  // per participant is a mean's.
  std::size_t participant_sum(int slot, int g, int k, int s) const {
    return ((static_cast<std::size_t>(slot) * static_cast<std::size_t>(groups) +
             static_cast<std::size_t>(g)) *
                k_participant_sum_count +
            static_cast<std::size_t>(s)) *
               static_cast<std::size_t>(k_mean_column_count) +
           static_cast<std::size_t>(k);
  }
  std::size_t participant_sum_size() const { return participant_sum(monthly_slots, 0, 0, 0); }
  std::size_t monthly(int slot, int g, int series_index, int month) const {
    return ((static_cast<std::size_t>(slot) * static_cast<std::size_t>(groups) +
             static_cast<std::size_t>(g)) *
                static_cast<std::size_t>(series) +
            static_cast<std::size_t>(series_index)) *
               static_cast<std::size_t>(months) +
           static_cast<std::size_t>(month);
  }
  std::size_t first_job(int v, int g, int bin) const {
    return (static_cast<std::size_t>(v) * static_cast<std::size_t>(groups) + static_cast<std::size_t>(g)) *
               static_cast<std::size_t>(first_job_bins) +
           static_cast<std::size_t>(bin);
  }
  // Per arm slot (as monthly_slots; the comparator's own slot stays empty) and report
  // group (not cell: the counts are bins^2 per group, and a run reporting by every
  // dimension has hundreds of cells but a few dozen groups): persons by the joint bin of
  // their first job in the arm and in the comparator (bin first_job_joint_bins - 1: none
  // within the follow-up). The same persons are in both arms, so the SE of a difference
  // in medians can be paired (analysis/summarise.cpp).
  std::size_t first_job_joint(int slot, int group, int arm_bin, int comparator_bin) const {
    return ((static_cast<std::size_t>(slot) * static_cast<std::size_t>(report_groups) +
             static_cast<std::size_t>(group)) *
                static_cast<std::size_t>(first_job_joint_bins) +
            static_cast<std::size_t>(arm_bin)) *
               static_cast<std::size_t>(first_job_joint_bins) +
           static_cast<std::size_t>(comparator_bin);
  }
  // The joint bin of first-job histogram bin `bin`.
  int first_job_joint_bin(int bin) const {
    return bin == first_job_bins - 1 ? first_job_joint_bins - 1
                                     : bin / (k_first_job_bins_per_month * first_job_joint_width);
  }
  std::size_t first_job_joint_size() const { return first_job_joint(monthly_slots, 0, 0, 0); }
  std::size_t variant_sum_size() const { return variant_sum(variants, 0, 0, 0); }
  std::size_t pair_sum_size() const { return pair_sum(pairs, 0, 0, 0); }
  std::size_t monthly_size() const { return monthly(monthly_slots, 0, 0, 0); }
  std::size_t first_job_size() const { return first_job(variants, 0, 0); }
  std::size_t calendar_money(int slot, int measure, int month) const {
    return ((static_cast<std::size_t>(slot) * k_money_measure_count + static_cast<std::size_t>(measure)) *
                static_cast<std::size_t>(money_months) +
            static_cast<std::size_t>(month)) *
           2;
  }
  std::size_t calendar_money_size() const { return calendar_money(monthly_slots, 0, 0); }
};

struct Tallies {
  TallyLayout layout;
  std::vector<double> variant_sums;
  std::vector<double> pair_sums;
  std::vector<double> participant_sums;       // TallyLayout::participant_sum
  std::vector<std::int64_t> monthly_diff;     // +1/-1 at interval ends; prefix-sum for counts
  std::vector<std::int64_t> first_job_hist;   // the arms' variants only (TallyColumnPlan::variant_whole)
  std::vector<std::int64_t> first_job_joint;  // TallyLayout::first_job_joint
  std::vector<std::int64_t> group_persons;    // persons per report cell
  // Place units per report cell (CalendarLayout::place_units; = persons unless persons
  // stand for different numbers of real persons): the monthly table counts in them.
  std::vector<std::int64_t> group_units;
  std::int64_t persons = 0;
  // Planner runs: DKK by arm slot, money measure (the CostMeasures, then the municipal
  // net cost) and calendar month, summed over persons as the real persons they stand for:
  // TallyLayout::calendar_money(slot, measure, month) + s, s = 0 the sum of weight x DKK,
  // s = 1 the sum of its squares.
  std::vector<double> calendar_money;
  // The queues of the programmes with limited places, per arm (core/capacity.h).
  std::vector<QueueReport> queues;

  explicit Tallies(const TallyLayout& l);
  Tallies() = default;
  // Adds `other` (floating sums in the order of calls: callers merge in chunk order).
  void merge(const Tallies& other);
  // Adds the floating sums of one chunk (make_sum_tallies in core/ordered_fold.h), in the
  // order of calls like merge; a chunk's persons are counted with the integers.
  void add_sums(const Tallies& chunk);
  // The floating arrays that add_sums adds (one list for adding and zeroing them).
  std::array<std::vector<double>*, 4> sum_arrays() {
    return {&variant_sums, &pair_sums, &participant_sums, &calendar_money};
  }
  std::array<const std::vector<double>*, 4> sum_arrays() const {
    return {&variant_sums, &pair_sums, &participant_sums, &calendar_money};
  }
};

// What the outputs read of each variant's and pair's sums (analysis/summarise.cpp):
// every column of the arms' variants (summary.csv, budget.csv, the report) and of their
// pairs against the comparator, but only the decomposed columns (effects.csv) of the
// decomposition's other variants and pairs. The engine adds nothing else for a person,
// so the columns outputs read get the same additions in the same order as before; the
// others stay 0.
struct TallyColumnPlan {
  // Per variant: all columns and the first-job histogram (1: the arms), or only the
  // decomposed columns.
  std::vector<std::uint8_t> variant_whole;
  std::vector<std::uint8_t> pair_whole;  // per pair, likewise
  // Per pair: a variant paired with itself (an arm's rules effect A0 - N where the arm has
  // no benefit rules of its own, so that A0 is N). Its products are the variant's squares,
  // x x x, x x w and w x w, added in the same order: the engine copies them from the
  // variant's sums (fill_self_pairs) instead of adding them person by person.
  std::vector<std::uint8_t> pair_self;
  std::vector<int> decomposed_means;   // decomposed columns < k_mean_column_count
  std::vector<int> decomposed_ratios;  // decomposed columns with their own w

  explicit TallyColumnPlan(const CompiledModel& m);
};

// Sets the sums of the pairs of a variant with itself (TallyColumnPlan::pair_self) from the
// variant's sums: bit for bit what adding the products person by person gives.
void fill_self_pairs(const CompiledModel& m, const TallyColumnPlan& columns, Tallies& t);

// Adds one person's DKK by CostMeasure and calendar month (`money`, measure-major) to
// `calendar_money` for arm slot `slot`, as `weight` real persons.
void add_person_money(const TallyLayout& layout, int slot, const double* money, double weight,
                      std::vector<double>& calendar_money);

}  // namespace integrasim
