#include "core/tallies.h"

namespace integrasim {

TallyLayout::TallyLayout(const CompiledModel& m)
    : variants(static_cast<int>(m.variants.size())),
      pairs(static_cast<int>(m.pairs.size())),
      groups(m.report_cell_count),
      metrics(tally_column_count(m.employment_rate_months)),
      monthly_slots(static_cast<int>(m.arm_names.size())),
      series(k_state_count + static_cast<int>(m.interventions.size())),
      months(m.horizon_months + 2),
      first_job_bins(m.horizon_months * k_first_job_bins_per_month + 1) {}

Tallies::Tallies(const TallyLayout& l)
    : layout(l),
      variant_sums(l.variant_sum_size(), 0.0),
      pair_sums(l.pair_sum_size(), 0.0),
      monthly_diff(l.monthly_size(), 0),
      first_job_hist(l.first_job_size(), 0),
      group_persons(static_cast<std::size_t>(l.groups), 0),
      group_units(static_cast<std::size_t>(l.groups), 0) {}

namespace {
template <typename T>
void add_into(std::vector<T>& into, const std::vector<T>& from) {
  for (std::size_t i = 0; i < into.size(); ++i) into[i] += from[i];
}
}  // namespace

void Tallies::merge(const Tallies& other) {
  add_into(variant_sums, other.variant_sums);
  add_into(pair_sums, other.pair_sums);
  add_into(monthly_diff, other.monthly_diff);
  add_into(first_job_hist, other.first_job_hist);
  add_into(group_persons, other.group_persons);
  add_into(group_units, other.group_units);
  persons += other.persons;
}

}  // namespace integrasim
