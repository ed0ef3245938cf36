#include "core/person_tally.h"

#include <algorithm>

namespace integrasim {

PersonTally::PersonTally(const CompiledModel& m, const TallyLayout& layout)
    : m_(m),
      layout_(layout),
      columns_(m),
      first_job_bin_(static_cast<std::size_t>(layout.variants)),
      groups_of_cell_(static_cast<std::size_t>(layout.groups)) {
  for (std::size_t g = 0; g < m.groups.size(); ++g)
    for (const int c : m.groups[g].cells)
      groups_of_cell_[static_cast<std::size_t>(c)].push_back(static_cast<int>(g));
}

void PersonTally::add(const PersonWindow& window, int cell, const double* x, const double* w,
                      const double* first_job, Tallies& sums, Tallies& counts) {
  counts.persons += 1;
  counts.group_persons[static_cast<std::size_t>(cell)] += 1;
  counts.group_units[static_cast<std::size_t>(cell)] += m_.calendar.place_units(window);
  add_variant_sums_(cell, x, w, sums);
  add_first_job_(window, cell, first_job, counts);
  add_first_job_joint_(cell, counts);
  add_pair_sums_(cell, x, w, sums);
  add_participant_sums_(cell, x, sums);
}

// Means (w = 1) come first in the tally columns (core/metrics.h), so only the ratios
// after them pay for the sums of w. Each sum is a separate accumulator, so the order in
// which a person's sums are added is not part of the results; the order of persons is.
void PersonTally::add_variant_sums_(int cell, const double* x_all, const double* w_all, Tallies& sums) const {
  const int metrics = layout_.metrics;
  for (int v = 0; v < layout_.variants; ++v) {
    const double* __restrict x = x_all + v * metrics;
    const double* __restrict w = w_all + v * metrics;
    const auto row = [&](int i) -> double* {
      return sums.variant_sums.data() + layout_.variant_sum(v, cell, 0, i);
    };
    double* __restrict sx = row(0);
    double* __restrict sw = row(1);
    double* __restrict sxx = row(2);
    double* __restrict sww = row(3);
    double* __restrict sxw = row(4);
    const auto add_ratio = [&](int k) {
      sx[k] += x[k];
      sw[k] += w[k];
      sxx[k] += x[k] * x[k];
      sww[k] += w[k] * w[k];
      sxw[k] += x[k] * w[k];
    };
    if (columns_.variant_whole[static_cast<std::size_t>(v)] != 0) {
      for (int k = 0; k < k_mean_column_count; ++k) {
        sx[k] += x[k];
        sxx[k] += x[k] * x[k];
      }
      for (int k = k_mean_column_count; k < metrics; ++k) add_ratio(k);
    } else {
      for (const int k : columns_.decomposed_means) {
        sx[k] += x[k];
        sxx[k] += x[k] * x[k];
      }
      for (const int k : columns_.decomposed_ratios) add_ratio(k);
    }
  }
}

void PersonTally::add_first_job_(const PersonWindow& window, int cell, const double* first_job,
                                 Tallies& counts) {
  for (int v = 0; v < layout_.variants; ++v) {
    // Only the arms' histograms are read (summary.csv's median time to the first job, and
    // the joint histogram of each arm and the comparator): the variants of which every
    // column is read (TallyColumnPlan).
    if (columns_.variant_whole[static_cast<std::size_t>(v)] == 0) continue;
    // Months from the start of follow-up; "never" if not within it.
    const double fj = first_job[v];
    const int bin = fj < window.end ? static_cast<int>((fj - window.begin) * k_first_job_bins_per_month)
                                    : layout_.first_job_bins - 1;
    first_job_bin_[static_cast<std::size_t>(v)] = std::min(bin, layout_.first_job_bins - 1);
    counts.first_job_hist[layout_.first_job(v, cell, first_job_bin_[static_cast<std::size_t>(v)])] += 1;
  }
}

// The joint first-job histogram (TallyLayout::first_job_joint): each arm's bin of the
// first job against the comparator's, for the same person, in each group it is in.
void PersonTally::add_first_job_joint_(int cell, Tallies& counts) const {
  const auto joint = [&](int v) {
    return layout_.first_job_joint_bin(first_job_bin_[static_cast<std::size_t>(v)]);
  };
  const int comparator = m_.arm_full_variant[static_cast<std::size_t>(m_.comparator_arm)];
  for (int slot = 0; slot < layout_.monthly_slots; ++slot) {
    if (m_.vs_comparator_pair[static_cast<std::size_t>(slot)] < 0) continue;
    const int arm = m_.arm_full_variant[static_cast<std::size_t>(slot)];
    for (const int g : groups_of_cell_[static_cast<std::size_t>(cell)])
      counts.first_job_joint[layout_.first_job_joint(slot, g, joint(arm), joint(comparator))] += 1;
  }
}

void PersonTally::add_pair_sums_(int cell, const double* x, const double* w, Tallies& sums) const {
  const int metrics = layout_.metrics;
  for (int p = 0; p < layout_.pairs; ++p) {
    if (columns_.pair_self[static_cast<std::size_t>(p)] != 0) continue;  // fill_self_pairs, at the end
    const VariantPair& pair = m_.pairs[static_cast<std::size_t>(p)];
    const double* __restrict x1 = x + pair.first * metrics;
    const double* __restrict w1 = w + pair.first * metrics;
    const double* __restrict x2 = x + pair.second * metrics;
    const double* __restrict w2 = w + pair.second * metrics;
    const auto row = [&](int i) -> double* {
      return sums.pair_sums.data() + layout_.pair_sum(p, cell, 0, i);
    };
    double* __restrict sx1x2 = row(0);
    double* __restrict sx1w2 = row(1);
    double* __restrict sw1x2 = row(2);
    double* __restrict sw1w2 = row(3);
    const auto add_ratio = [&](int k) {
      sx1x2[k] += x1[k] * x2[k];
      sx1w2[k] += x1[k] * w2[k];
      sw1x2[k] += w1[k] * x2[k];
      sw1w2[k] += w1[k] * w2[k];
    };
    if (columns_.pair_whole[static_cast<std::size_t>(p)] != 0) {
      for (int k = 0; k < k_mean_column_count; ++k) sx1x2[k] += x1[k] * x2[k];
      for (int k = k_mean_column_count; k < metrics; ++k) add_ratio(k);
    } else {
      for (const int k : columns_.decomposed_means) sx1x2[k] += x1[k] * x2[k];
      for (const int k : columns_.decomposed_ratios) add_ratio(k);
    }
  }
}

// The effect per participant (TallyLayout::participant_sum): each arm's participants'
// differences from the comparator, the same persons in both.
void PersonTally::add_participant_sums_(int cell, const double* x, Tallies& sums) const {
  const int metrics = layout_.metrics;
  for (int slot = 0; slot < layout_.monthly_slots; ++slot) {
    const int p = m_.vs_comparator_pair[static_cast<std::size_t>(slot)];
    if (p < 0) continue;
    const VariantPair& pair = m_.pairs[static_cast<std::size_t>(p)];
    const double* __restrict x1 = x + pair.first * metrics;
    const double* __restrict x2 = x + pair.second * metrics;
    const double d = x1[column(Metric::participants)];  // 0, or the person's weight
    if (d == 0.0) continue;
    const auto row = [&](int i) -> double* {
      return sums.participant_sums.data() + layout_.participant_sum(slot, cell, 0, i);
    };
    double* __restrict sa = row(0);
    double* __restrict saa = row(1);
    double* __restrict sad = row(2);
    for (int k = 0; k < k_mean_column_count; ++k) {
      const double a = x1[k] - x2[k];
      sa[k] += a;
      saa[k] += a * a;
      sad[k] += a * d;
    }
  }
}

}  // namespace integrasim
