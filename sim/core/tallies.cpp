#include "core/tallies.h"

#include <algorithm>

namespace integrasim {

TallyLayout::TallyLayout(const CompiledModel& m)
    : variants(static_cast<int>(m.variants.size())),
      pairs(static_cast<int>(m.pairs.size())),
      groups(m.report_cell_count),
      report_groups(static_cast<int>(m.groups.size())),
      metrics(m.tally_columns),
      monthly_slots(static_cast<int>(m.arm_names.size())),
      series(
          began_series(static_cast<int>(m.interventions.size()), static_cast<int>(m.interventions.size()))),
      months(m.horizon_months + 2),
      first_job_bins(m.horizon_months * k_first_job_bins_per_month + 1),
      first_job_joint_width(
          std::max(1, (m.horizon_months + k_first_job_joint_max_bins - 1) / k_first_job_joint_max_bins)),
      first_job_joint_bins((m.horizon_months + first_job_joint_width - 1) / first_job_joint_width + 1),
      money_months(m.budget_years > 0 ? m.horizon_months : 0) {}

TallyColumnPlan::TallyColumnPlan(const CompiledModel& m)
    : variant_whole(m.variants.size(), 0), pair_whole(m.pairs.size(), 0), pair_self(m.pairs.size(), 0) {
  for (std::size_t v = 0; v < variant_whole.size(); ++v)
    variant_whole[v] = m.is_arm_variant(static_cast<int>(v));
  for (const int p : m.vs_comparator_pair)
    if (p >= 0) pair_whole[static_cast<std::size_t>(p)] = 1;
  for (const int k : decomposed_columns(metric_columns(m.employment_rate_months)))
    (k < k_mean_column_count ? decomposed_means : decomposed_ratios).push_back(k);
  for (std::size_t p = 0; p < m.pairs.size(); ++p) {
    const VariantPair& pair = m.pairs[p];
    // The variant must keep every column the pair does (it does: only N pairs with itself).
    const bool covered = variant_whole[static_cast<std::size_t>(pair.first)] != 0 || pair_whole[p] == 0;
    pair_self[p] = pair.first == pair.second && covered;
  }
}

Tallies::Tallies(const TallyLayout& l)
    : layout(l),
      variant_sums(l.variant_sum_size(), 0.0),
      pair_sums(l.pair_sum_size(), 0.0),
      participant_sums(l.participant_sum_size(), 0.0),
      monthly_diff(l.monthly_size(), 0),
      first_job_hist(l.first_job_size(), 0),
      first_job_joint(l.first_job_joint_size(), 0),
      group_persons(static_cast<std::size_t>(l.groups), 0),
      group_units(static_cast<std::size_t>(l.groups), 0),
      calendar_money(l.calendar_money_size(), 0.0) {}

namespace {
template <typename T>
void add_into(std::vector<T>& into, const std::vector<T>& from) {
  for (std::size_t i = 0; i < into.size(); ++i) into[i] += from[i];
}
}  // namespace

void Tallies::merge(const Tallies& other) {
  add_into(variant_sums, other.variant_sums);
  add_into(pair_sums, other.pair_sums);
  add_into(participant_sums, other.participant_sums);
  add_into(monthly_diff, other.monthly_diff);
  add_into(first_job_hist, other.first_job_hist);
  add_into(first_job_joint, other.first_job_joint);
  add_into(group_persons, other.group_persons);
  add_into(group_units, other.group_units);
  add_into(calendar_money, other.calendar_money);
  persons += other.persons;
}

void Tallies::add_sums(const Tallies& chunk) {
  const auto to = sum_arrays();
  const auto from = chunk.sum_arrays();
  for (std::size_t i = 0; i < to.size(); ++i) add_into(*to[i], *from[i]);
}

void fill_self_pairs(const CompiledModel& m, const TallyColumnPlan& columns, Tallies& t) {
  const TallyLayout& l = t.layout;
  const std::size_t stride = static_cast<std::size_t>(l.metrics);  // between a pair's sums
  for (int p = 0; p < l.pairs; ++p) {
    if (columns.pair_self[static_cast<std::size_t>(p)] == 0) continue;
    const int v = m.pairs[static_cast<std::size_t>(p)].first;
    const bool whole = columns.pair_whole[static_cast<std::size_t>(p)] != 0;
    for (int g = 0; g < l.groups; ++g) {
      const auto from = [&](int k, int s) { return t.variant_sums[l.variant_sum(v, g, k, s)]; };
      const auto mean = [&](int k) { t.pair_sums[l.pair_sum(p, g, k, 0)] = from(k, 2); };  // x1 x2 = x^2
      const auto ratio = [&](int k) {
        double* to = &t.pair_sums[l.pair_sum(p, g, k, 0)];
        to[0] = from(k, 2);           // x1 x2 = x^2
        to[stride] = from(k, 4);      // x1 w2 = x w
        to[2 * stride] = from(k, 4);  // w1 x2 = w x, the same product
        to[3 * stride] = from(k, 3);  // w1 w2 = w^2
      };
      // The columns the engine would have added (ChunkRunner::accumulate_).
      if (whole) {
        for (int k = 0; k < k_mean_column_count; ++k) mean(k);
        for (int k = k_mean_column_count; k < l.metrics; ++k) ratio(k);
      } else {
        for (const int k : columns.decomposed_means) mean(k);
        for (const int k : columns.decomposed_ratios) ratio(k);
      }
    }
  }
}

void add_person_money(const TallyLayout& layout, int slot, const double* money, double weight,
                      std::vector<double>& calendar_money) {
  const int months = layout.money_months;
  const auto add = [&](int measure, int c, double dkk) {
    const double y = weight * dkk;
    double* s = calendar_money.data() + layout.calendar_money(slot, measure, c);
    s[0] += y;
    s[1] += y * y;
  };
  for (int measure = 0; measure < k_cost_measure_count; ++measure)
    for (int c = 0; c < months; ++c) add(measure, c, money[measure * months + c]);
  const auto at = [&](CostMeasure m, int c) { return money[static_cast<int>(m) * months + c]; };
  for (int c = 0; c < months; ++c)
    add(k_money_net, c,
        at(CostMeasure::benefit, c) + at(CostMeasure::programme, c) - at(CostMeasure::reimbursement, c) -
            at(CostMeasure::result_grants, c) - at(CostMeasure::basic_grant, c));
}

}  // namespace integrasim
