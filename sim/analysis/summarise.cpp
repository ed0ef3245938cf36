#include "analysis/summarise.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <utility>
#include <vector>

#include "analysis/calendar_summary.h"
#include "analysis/finite_check.h"

namespace integrasim {
namespace {

constexpr double k_nan = std::numeric_limits<double>::quiet_NaN();

// The five sums of one metric for one variant over a group's cells.
struct RatioSums {
  double n = 0, x = 0, w = 0, xx = 0, ww = 0, xw = 0;
  double ratio() const { return w > 0 ? x / w : k_nan; }
  // Sum of squared residuals x_i - r w_i (their sum is zero by construction of r).
  double residual_ss() const {
    const double r = ratio();
    return std::max(0.0, xx - 2 * r * xw + r * r * ww);
  }
};

class Aggregator {
 public:
  Aggregator(const CompiledModel& m, const Tallies& t)
      : m_(m), t_(t), l_(t.layout), columns_(metric_columns(m.employment_rate_months)) {}

  const std::vector<MetricColumn>& columns() const { return columns_; }

  double persons(const ReportGroup& g) const {
    double n = 0;
    for (const int c : g.cells) n += static_cast<double>(t_.group_persons[static_cast<std::size_t>(c)]);
    return n;
  }

  // Tally column k (the first columns of summary.csv) has its own w.
  // Budget columns (after the metric columns) are means.
  bool has_weights(int k) const {
    return static_cast<std::size_t>(k) < columns_.size() &&
           metric_spec(columns_[static_cast<std::size_t>(k)].metric).estimator == Estimator::ratio;
  }

  RatioSums sums(int variant, const ReportGroup& g, int k) const {
    RatioSums r;
    r.n = persons(g);
    for (const int c : g.cells) {
      const auto s = [&](int i) { return t_.variant_sums[l_.variant_sum(variant, c, k, i)]; };
      r.x += s(0);
      r.xx += s(2);
      if (has_weights(k)) {
        r.w += s(1);
        r.ww += s(3);
        r.xw += s(4);
      }
    }
    if (!has_weights(k)) {  // w = 1 for every person
      r.w = r.n;
      r.ww = r.n;
      r.xw = r.x;
    }
    return r;
  }

  Estimate estimate(int variant, const ReportGroup& g, int k) const {
    const RatioSums r = sums(variant, g, k);
    if (r.n < 1 || r.w <= 0) return {k_nan, k_nan};
    const double mean_w = r.w / r.n;
    const double se = r.n > 1 ? std::sqrt(r.residual_ss() / (r.n * (r.n - 1))) / mean_w : k_nan;
    return {r.ratio(), se};
  }

  // Difference first - second of a pair, with the paired (linearised) standard error.
  Estimate difference(int pair_index, const ReportGroup& g, int k) const {
    const VariantPair& p = m_.pairs[static_cast<std::size_t>(pair_index)];
    const RatioSums a = sums(p.first, g, k);
    const RatioSums b = sums(p.second, g, k);
    if (a.n < 1 || a.w <= 0 || b.w <= 0) return {k_nan, k_nan};
    double x1x2 = 0, x1w2 = 0, w1x2 = 0, w1w2 = 0;
    for (const int c : g.cells) {
      const auto s = [&](int i) { return t_.pair_sums[l_.pair_sum(pair_index, c, k, i)]; };
      x1x2 += s(0);
      x1w2 += s(1);
      w1x2 += s(2);
      w1w2 += s(3);
    }
    if (!has_weights(k)) {
      double x1 = 0, x2 = 0;
      for (const int c : g.cells) {
        x1 += t_.variant_sums[l_.variant_sum(p.first, c, k, 0)];
        x2 += t_.variant_sums[l_.variant_sum(p.second, c, k, 0)];
      }
      x1w2 = x1;
      w1x2 = x2;
      w1w2 = a.n;
    }
    const double r1 = a.ratio();
    const double r2 = b.ratio();
    const double mw1 = a.w / a.n;
    const double mw2 = b.w / b.n;
    const double cross = x1x2 - r2 * x1w2 - r1 * w1x2 + r1 * r2 * w1w2;
    const double ss = a.residual_ss() / (mw1 * mw1) + b.residual_ss() / (mw2 * mw2) - 2 * cross / (mw1 * mw2);
    const double se = a.n > 1 ? std::sqrt(std::max(0.0, ss) / (a.n * (a.n - 1))) : k_nan;
    return {r1 - r2, se};
  }

  // The effect of arm slot `slot` against the comparator per participant (metric k, a
  // mean): sum(a) / sum(d) over the group, a = the participant's difference, d its
  // participants column (TallyLayout::participant_sum); the SE is the ratio estimator's
  // linearised one, like estimate()'s, with a and d from the same (paired) persons.
  Estimate per_participant(int slot, int variant, const ReportGroup& g, int k) const {
    double a = 0, aa = 0, ad = 0;
    for (const int c : g.cells) {
      const auto s = [&](int i) { return t_.participant_sums[l_.participant_sum(slot, c, k, i)]; };
      a += s(0);
      aa += s(1);
      ad += s(2);
    }
    const RatioSums d = sums(variant, g, column(Metric::participants));
    if (d.n < 1 || d.x <= 0) return {k_nan, k_nan};
    const double r = a / d.x;
    const double residual = std::max(0.0, aa - 2 * r * ad + r * r * d.xx);
    const double mean_d = d.x / d.n;
    const double se = d.n > 1 ? std::sqrt(residual / (d.n * (d.n - 1))) / mean_d : k_nan;
    return {r, se};
  }

  // Median of the first-job time from the histogram, with the SE of a sample median
  // (sqrt(1/4n) / density at the median).
  Estimate median_first_job(int variant, const ReportGroup& g) const {
    const FirstJobMedian m = first_job_median_(variant, g);
    return {m.months, m.density > 0 ? std::sqrt(0.25 / m.persons) / m.density : k_nan};
  }

  // Arm slot `slot`'s median minus the comparator's, with the paired SE of the Bahadur
  // representation (docs/uncertainty.md, "Simulation noise of a difference in medians"): a median is, to
  // first order, the mean of (1/2 - 1{T <= m}) / f, so with the same persons in both arms
  //   n var(m_a - m_c) = (1/f_a - 1/f_c)^2 / 4 + D / (f_a f_c),
  // D the share of persons on different sides of the two medians (a job by m_a in the arm
  // but not by m_c in the comparator, or the other way round). Independent arms have
  // D = 1/2, which gives the unpaired SE; an arm that is its comparator has D = 0.
  Estimate median_difference(int slot, int group) const {
    const ReportGroup& g = m_.groups[static_cast<std::size_t>(group)];
    const int comparator = m_.arm_full_variant[static_cast<std::size_t>(m_.comparator_arm)];
    const FirstJobMedian a = first_job_median_(m_.arm_full_variant[static_cast<std::size_t>(slot)], g);
    const FirstJobMedian c = first_job_median_(comparator, g);
    const double value = a.months - c.months;
    if (std::isnan(value) || !(a.density > 0) || !(c.density > 0)) return {value, k_nan};
    const double d = discordant_share_(slot, group, a.persons, a.months, c.months);
    const double inverse_gap = 1.0 / a.density - 1.0 / c.density;
    const double n_var = 0.25 * inverse_gap * inverse_gap + d / (a.density * c.density);
    return {value, std::sqrt(n_var / a.persons)};
  }

 private:
  struct FirstJobMedian {
    double months = k_nan;   // the median, months since the start of follow-up; NaN if not reached
    double density = k_nan;  // persons' first jobs per person and month near it
    double persons = 0;
  };

  // The median from the histogram (interpolated within its bin) and the density from the
  // bins within one month either side.
  FirstJobMedian first_job_median_(int variant, const ReportGroup& g) const {
    const int bins = l_.first_job_bins;
    std::vector<double> counts(static_cast<std::size_t>(bins), 0.0);
    for (const int c : g.cells)
      for (int b = 0; b < bins; ++b)
        counts[static_cast<std::size_t>(b)] +=
            static_cast<double>(t_.first_job_hist[l_.first_job(variant, c, b)]);
    FirstJobMedian out;
    const double n = persons(g);
    out.persons = n;
    if (n < 1) return out;
    const double width = 1.0 / k_first_job_bins_per_month;
    double cumulative = 0;
    for (int b = 0; b + 1 < bins; ++b) {
      const double here = counts[static_cast<std::size_t>(b)];
      if (cumulative + here >= n / 2 && here > 0) {
        out.months = (b + (n / 2 - cumulative) / here) * width;
        const int reach = k_first_job_bins_per_month;
        double near = 0;
        int used = 0;
        for (int i = std::max(0, b - reach); i <= std::min(bins - 2, b + reach); ++i, ++used)
          near += counts[static_cast<std::size_t>(i)];
        out.density = near / (n * used * width);
        return out;
      }
      cumulative += here;
    }
    return out;  // not reached within the horizon
  }

  // D of median_difference: the share of persons with a first job before s months in the
  // arm but not before t in the comparator, or the other way round, at s = m_a, t = m_c.
  // The joint histogram knows it at its bins' edges (whole months up to a long horizon);
  // it is interpolated bilinearly in the position u = s and the offset e = s - t, not in
  // (s, t): persons the arm leaves alone have the same first job in both arms, and their
  // part of D (those between t and s) is linear in e between edges, so an arm equal to
  // its comparator (e = 0) gets D = 0 exactly, and a small shift a D in proportion.
  double discordant_share_(int slot, int group, double n, double s, double t) const {
    const int bins = l_.first_job_joint_bins;
    const std::size_t side = static_cast<std::size_t>(bins) + 1;
    // below[i * side + k]: persons with the arm's first job in a bin before i and the
    // comparator's in one before k; row and column `bins` (all bins) are the margins.
    std::vector<double> below(side * side, 0.0);
    for (int i = 0; i < bins; ++i)
      for (int k = 0; k < bins; ++k)
        below[(static_cast<std::size_t>(i) + 1) * side + static_cast<std::size_t>(k) + 1] =
            static_cast<double>(t_.first_job_joint[l_.first_job_joint(slot, group, i, k)]);
    for (std::size_t i = 1; i < side; ++i)
      for (std::size_t k = 1; k < side; ++k)
        below[i * side + k] +=
            below[(i - 1) * side + k] + below[i * side + k - 1] - below[(i - 1) * side + k - 1];
    const auto at = [&](int i, int k) {
      const auto ci = static_cast<std::size_t>(std::clamp(i, 0, bins));
      const auto ck = static_cast<std::size_t>(std::clamp(k, 0, bins));
      const double arm_below = below[ci * side + side - 1];
      const double comparator_below = below[(side - 1) * side + ck];
      return (arm_below + comparator_below - 2 * below[ci * side + ck]) / n;
    };
    // In units of the joint bins.
    const double u = s / l_.first_job_joint_width;
    const double e = (s - t) / l_.first_job_joint_width;
    const int u0 = static_cast<int>(std::floor(u));
    const int e0 = static_cast<int>(std::floor(e));
    const double fu = u - u0;
    const double fe = e - e0;
    double d = 0;
    for (int du = 0; du <= 1; ++du)
      for (int de = 0; de <= 1; ++de) {
        const double weight = (du == 0 ? 1 - fu : fu) * (de == 0 ? 1 - fe : fe);
        if (weight > 0) d += weight * at(u0 + du, u0 + du - (e0 + de));
      }
    return d;
  }

  const CompiledModel& m_;
  const Tallies& t_;
  const TallyLayout& l_;
  std::vector<MetricColumn> columns_;
};

void add_monthly(const CompiledModel& m, const Tallies& t, Results& out) {
  const TallyLayout& l = t.layout;
  for (int arm = 0; arm < l.monthly_slots; ++arm) {
    for (std::size_t gi = 0; gi < m.groups.size(); ++gi) {
      const ReportGroup& g = m.groups[gi];
      // The table counts place units (one per person unless persons carry weights).
      double n = 0;
      for (const int c : g.cells) n += static_cast<double>(t.group_units[static_cast<std::size_t>(c)]);
      for (int series = 0; series < l.series; ++series) {
        std::int64_t running = 0;
        std::vector<std::int64_t> level(static_cast<std::size_t>(l.months), 0);
        for (int month = 0; month < l.months; ++month) {
          for (const int c : g.cells) running += t.monthly_diff[l.monthly(arm, c, series, month)];
          level[static_cast<std::size_t>(month)] = running;
        }
        // States, then each intervention in it, then each intervention begun (TallyLayout::series).
        const int interventions = static_cast<int>(m.interventions.size());
        const bool is_state = series < k_state_count;
        const bool began = series >= began_series(interventions, 0);
        const int intervention = series - (began ? began_series(interventions, 0) : programme_series(0));
        const std::string name = is_state ? std::string(name_of(static_cast<State>(series)))
                                          : m.interventions[static_cast<std::size_t>(intervention)].id;
        const char* kind = is_state ? "state" : began ? "began" : "programme";
        for (int month = 1; month <= m.horizon_months; ++month) {
          const double p = n > 0 ? static_cast<double>(level[static_cast<std::size_t>(month)]) / n : k_nan;
          const double se = n > 1 ? std::sqrt(p * (1 - p) / n) : k_nan;
          out.monthly.push_back({arm, static_cast<int>(gi), month, kind, name, {p, se}});
        }
      }
    }
  }
}

// The decomposed metrics (MetricSpec::decomposed), each as a tally column; of the
// employment-rate months only the last.
struct DecomposedOutcome {
  int metric;        // tally column
  std::string name;  // effects.csv outcome: the column name
  std::string unit;  // effects.csv unit: MetricSpec::shown_unit
  double scale;      // effects.csv values are the differences times this
};

std::vector<DecomposedOutcome> decomposed_outcomes(const std::vector<MetricColumn>& columns) {
  std::vector<DecomposedOutcome> out;
  for (const int k : decomposed_columns(columns)) {
    const MetricColumn& c = columns[static_cast<std::size_t>(k)];
    const MetricSpec& spec = metric_spec(c.metric);
    out.push_back({k, c.name, std::string(spec.shown_unit), spec.shown_scale});
  }
  return out;
}

void add_effects(const CompiledModel& m, const Aggregator& agg, Results& out) {
  const std::vector<DecomposedOutcome> outcomes = decomposed_outcomes(agg.columns());
  for (std::size_t arm = 0; arm < m.decomposition_pairs.size(); ++arm) {
    const auto& pairs = m.decomposition_pairs[arm];
    if (pairs[0] < 0) continue;
    for (std::size_t gi = 0; gi < m.groups.size(); ++gi) {
      for (const DecomposedOutcome& o : outcomes) {
        std::array<Estimate, k_component_count> e{};
        for (std::size_t c = 0; c < k_component_count; ++c) {
          e[c] = agg.difference(pairs[c], m.groups[gi], o.metric);
          e[c] = {e[c].value * o.scale, e[c].se * o.scale};
        }
        // The components are differences of the variants' point estimates; net and total
        // are defined as their sums so that they add up exactly (docs/model.md §8). The SEs of
        // net and total come from the direct pairs A3-A1 and A3-N.
        e[4].value = e[2].value + e[3].value;
        e[5].value = e[0].value + e[1].value + e[2].value + e[3].value;
        for (std::size_t c = 0; c < k_component_count; ++c)
          out.effects.push_back(
              {static_cast<int>(arm), static_cast<int>(gi), o.name, o.unit, k_component_names[c], e[c]});
      }
    }
  }
}

// budget.csv: per arm and calendar year, totals for the real persons the run stands for
// (the mean per simulated person times the real persons), with paired differences.
void add_budget(const CompiledModel& m, const Aggregator& agg, Results& out) {
  if (m.budget_years == 0) return;
  const ReportGroup& all = m.groups.front();
  const double real = m.calendar.real_persons;
  const auto scaled = [&](Estimate e) { return Estimate{e.value * real, e.se * real}; };
  for (std::size_t a = 0; a < m.arm_names.size(); ++a) {
    const int v = m.arm_full_variant[a];
    const int pair = m.vs_comparator_pair[a];
    for (int block = 0; block <= m.budget_years; ++block) {
      BudgetRow row;
      row.arm = static_cast<int>(a);
      row.year = block == m.budget_years ? -1 : block;
      for (int j = 0; j < k_budget_measure_count; ++j) {
        const int k = m.budget_column_base + block * k_budget_measure_count + j;
        row.totals.push_back(scaled(agg.estimate(v, all, k)));
        if (pair >= 0) row.vs_comparator.push_back(scaled(agg.difference(pair, all, k)));
      }
      out.budget.push_back(std::move(row));
    }
  }
}

// A subgroup nobody is in (a level given share 0, or not drawn in a small run) would fill
// every table with rows of NaN and 0 persons; it is left out here, so every writer (CSV,
// workbook, report, console) agrees. "all" stays even in a run of no persons.
void drop_empty_subgroups(Results& out) {
  std::vector<int> new_index(out.subgroups.size(), -1);
  std::vector<bool> occupied(out.subgroups.size(), false);
  for (const SummaryRow& row : out.summary)
    if (row.persons > 0) occupied[static_cast<std::size_t>(row.subgroup)] = true;
  std::vector<SubgroupInfo> kept;
  for (std::size_t g = 0; g < out.subgroups.size(); ++g) {
    if (g != 0 && !occupied[g]) continue;
    new_index[g] = static_cast<int>(kept.size());
    kept.push_back(std::move(out.subgroups[g]));
  }
  if (kept.size() == out.subgroups.size()) {
    out.subgroups = std::move(kept);
    return;
  }
  out.subgroups = std::move(kept);
  const auto renumber = [&new_index](auto& rows) {
    std::erase_if(rows, [&](const auto& r) { return new_index[static_cast<std::size_t>(r.subgroup)] < 0; });
    for (auto& r : rows) r.subgroup = new_index[static_cast<std::size_t>(r.subgroup)];
  };
  renumber(out.summary);
  renumber(out.monthly);
  renumber(out.effects);
}

}  // namespace

Results summarise(const CompiledModel& m, const Tallies& t) {
  require_finite_tallies(m, t);
  Results out;
  const Aggregator agg(m, t);
  for (std::size_t a = 0; a < m.arm_names.size(); ++a) out.arms.push_back({m.arm_names[a], m.arm_roles[a]});
  out.comparator_arm = m.comparator_arm;
  for (const ReportGroup& g : m.groups) out.subgroups.push_back({g.name, g.dimension});
  for (const MetricColumn& c : agg.columns())
    out.metrics.push_back({c.name, std::string(metric_spec(c.metric).unit), c.metric, c.month});

  for (std::size_t a = 0; a < m.arm_names.size(); ++a) {
    const int v = m.arm_full_variant[a];
    for (std::size_t gi = 0; gi < m.groups.size(); ++gi) {
      const ReportGroup& g = m.groups[gi];
      SummaryRow row;
      row.arm = static_cast<int>(a);
      row.subgroup = static_cast<int>(gi);
      row.persons = static_cast<std::int64_t>(agg.persons(g));
      const int pair = m.vs_comparator_pair[a];
      // Columns summed over persons are the tally columns of the same index.
      for (int k = 0; k < static_cast<int>(agg.columns().size()); ++k) {
        if (metric_spec(agg.columns()[static_cast<std::size_t>(k)].metric).estimator !=
            Estimator::first_job_median) {
          row.metrics.push_back(agg.estimate(v, g, k));
          if (pair >= 0) row.vs_comparator.push_back(agg.difference(pair, g, k));
          continue;
        }
        const Estimate median = agg.median_first_job(v, g);
        row.metrics.push_back(median);
        if (pair >= 0)
          row.vs_comparator.push_back(agg.median_difference(static_cast<int>(a), static_cast<int>(gi)));
      }
      if (pair >= 0)
        for (int k = 0; k < k_mean_column_count; ++k)
          if (has_per_participant_difference(k))
            row.per_participant.push_back(agg.per_participant(static_cast<int>(a), v, g, k));
      out.summary.push_back(std::move(row));
    }
  }
  add_monthly(m, t, out);
  add_effects(m, agg, out);
  add_calendar(m, t, out);
  add_budget(m, agg, out);
  drop_empty_subgroups(out);
  out.persons = t.persons;
  out.horizon_months = m.horizon_months;
  out.arm_person_months = t.persons * m.horizon_months * static_cast<std::int64_t>(m.variants.size());
  require_finite_results(m, out);
  return out;
}

}  // namespace integrasim
