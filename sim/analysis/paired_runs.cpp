#include "analysis/paired_runs.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

#include "core/diagnostics.h"
#include "core/metrics.h"

namespace integrasim {
namespace {

constexpr double k_nan = std::numeric_limits<double>::quiet_NaN();

// Whether tally column k is a ratio (its own w per person) rather than a mean (w = 1).
bool has_weights(const Results& r, std::size_t k) {
  return metric_spec(r.metrics[k].metric).estimator == Estimator::ratio;
}

void check_same_shape(const CompiledModel& model, const Results& a, const PersonOutcomes& pa,
                      const Results& b, const PersonOutcomes& pb) {
  const bool same = pa.persons() == pb.persons() && pa.arms() == pb.arms() && pa.metrics() == pb.metrics() &&
                    a.summary.size() == b.summary.size() && a.metrics.size() == b.metrics.size() &&
                    a.subgroups.size() == b.subgroups.size() && b.subgroups.size() <= model.groups.size() &&
                    static_cast<int>(a.metrics.size()) >= pa.metrics() &&
                    pa.persons() == static_cast<std::int64_t>(model.persons);
  if (!same) fail_internal("paired runs differ in persons, arms, subgroups or metrics");
  for (std::int64_t i = 0; i < pa.persons(); ++i)
    if (pa.cell(i) != pb.cell(i))
      fail_internal("paired runs put person " + std::to_string(i) + " in different report cells");
}

}  // namespace

PersonOutcomes::PersonOutcomes(const CompiledModel& model, int metrics)
    : persons_(model.persons),
      arms_(static_cast<int>(model.arm_full_variant.size())),
      metrics_(metrics),
      tally_metrics_(model.tally_columns),
      arm_variant_(model.arm_full_variant),
      cells_(static_cast<std::size_t>(model.persons), -1),
      x_(static_cast<std::size_t>(model.persons) * static_cast<std::size_t>(arms_) *
         static_cast<std::size_t>(metrics)),
      w_(x_.size()) {
  if (metrics < 0 || metrics > model.tally_columns) fail_internal("PersonOutcomes: metrics out of range");
}

std::function<void(std::uint64_t, int, const double*, const double*)> PersonOutcomes::recorder() {
  return [this](std::uint64_t person, int cell, const double* x, const double* w) {
    const auto p = static_cast<std::int64_t>(person);
    cells_[static_cast<std::size_t>(person)] = cell;
    for (int a = 0; a < arms_; ++a) {
      const std::size_t from = static_cast<std::size_t>(arm_variant_[static_cast<std::size_t>(a)]) *
                               static_cast<std::size_t>(tally_metrics_);
      std::copy_n(x + from, metrics_, x_.begin() + static_cast<std::ptrdiff_t>(at_(p, a, 0)));
      std::copy_n(w + from, metrics_, w_.begin() + static_cast<std::ptrdiff_t>(at_(p, a, 0)));
    }
  };
}

std::vector<std::vector<Estimate>> paired_run_differences(const CompiledModel& model, const Results& a,
                                                          const PersonOutcomes& pa, const Results& b,
                                                          const PersonOutcomes& pb) {
  check_same_shape(model, a, pa, b, pb);
  const std::size_t arms = static_cast<std::size_t>(pa.arms());
  const std::size_t groups = model.groups.size();
  const std::size_t metrics = static_cast<std::size_t>(pa.metrics());
  // Each person is in a few groups ("all" and one level per reported dimension): its
  // report cell's groups, so that one pass over persons fills every group's sums.
  std::vector<std::vector<std::size_t>> groups_of_cell(static_cast<std::size_t>(model.report_cell_count));
  for (std::size_t g = 0; g < groups; ++g)
    for (const int c : model.groups[g].cells) groups_of_cell[static_cast<std::size_t>(c)].push_back(g);
  std::vector<char> weighted(metrics);
  for (std::size_t k = 0; k < metrics; ++k) weighted[k] = has_weights(b, k) ? 1 : 0;
  const auto at = [&](std::size_t arm, std::size_t g, std::size_t k) {
    return (arm * groups + g) * metrics + k;
  };

  // First pass: each run's ratio r = sum x / sum w per arm, group and metric.
  std::vector<double> n(groups, 0.0);
  std::vector<double> xa(arms * groups * metrics, 0.0), wa(xa), xb(xa), wb(xa);
  for (std::int64_t i = 0; i < pa.persons(); ++i) {
    const auto& in = groups_of_cell[static_cast<std::size_t>(pa.cell(i))];
    for (const std::size_t g : in) n[g] += 1;
    for (std::size_t arm = 0; arm < arms; ++arm)
      for (const std::size_t g : in)
        for (std::size_t k = 0; k < metrics; ++k) {
          const int ai = static_cast<int>(arm), ki = static_cast<int>(k);
          const std::size_t j = at(arm, g, k);
          xa[j] += pa.x(i, ai, ki);
          xb[j] += pb.x(i, ai, ki);
          wa[j] += weighted[k] ? pa.w(i, ai, ki) : 1.0;
          wb[j] += weighted[k] ? pb.w(i, ai, ki) : 1.0;
        }
  }
  // Second pass: each run's linearised residual per person; the SE of the difference is
  // that of their difference, person by person, so the correlation of the runs counts.
  std::vector<double> ss(xa.size(), 0.0);
  for (std::int64_t i = 0; i < pa.persons(); ++i) {
    const auto& in = groups_of_cell[static_cast<std::size_t>(pa.cell(i))];
    for (std::size_t arm = 0; arm < arms; ++arm)
      for (const std::size_t g : in)
        for (std::size_t k = 0; k < metrics; ++k) {
          const int ai = static_cast<int>(arm), ki = static_cast<int>(k);
          const std::size_t j = at(arm, g, k);
          if (wa[j] <= 0 || wb[j] <= 0) continue;
          const double ua =
              (pa.x(i, ai, ki) - xa[j] / wa[j] * (weighted[k] ? pa.w(i, ai, ki) : 1.0)) / (wa[j] / n[g]);
          const double ub =
              (pb.x(i, ai, ki) - xb[j] / wb[j] * (weighted[k] ? pb.w(i, ai, ki) : 1.0)) / (wb[j] / n[g]);
          ss[j] += (ub - ua) * (ub - ua);
        }
  }

  // Results leave out subgroups nobody is in (analysis/summarise.cpp), so a result's
  // subgroup is found among the model's groups by name.
  std::vector<std::size_t> group_of;
  for (const SubgroupInfo& sub : b.subgroups) {
    std::size_t g = 0;
    while (g < groups && !(model.groups[g].name == sub.name && model.groups[g].dimension == sub.dimension))
      ++g;
    if (g == groups) {
      std::string what = "a result's subgroup '";
      what.append(sub.name).append("' is not one of the model's groups");
      fail_internal(what);
    }
    group_of.push_back(g);
  }
  std::vector<std::vector<Estimate>> out;
  for (std::size_t r = 0; r < b.summary.size(); ++r) {
    const SummaryRow& row_a = a.summary[r];
    const SummaryRow& row_b = b.summary[r];
    if (row_a.arm != row_b.arm || row_a.subgroup != row_b.subgroup)
      fail_internal("paired runs list their summary rows in different orders");
    const auto arm = static_cast<std::size_t>(row_b.arm);
    const std::size_t g = group_of[static_cast<std::size_t>(row_b.subgroup)];
    std::vector<Estimate> diffs;
    for (std::size_t k = 0; k < b.metrics.size(); ++k) {
      const Estimate& ea = row_a.metrics[k];
      const Estimate& eb = row_b.metrics[k];
      if (metric_spec(b.metrics[k].metric).estimator == Estimator::first_job_median) {
        diffs.push_back({eb.value - ea.value, std::hypot(ea.se, eb.se)});
        continue;
      }
      if (k >= metrics) fail_internal("a summed metric has no tally column");
      const std::size_t j = at(arm, g, k);
      const bool estimable = n[g] >= 2 && wa[j] > 0 && wb[j] > 0;
      diffs.push_back({eb.value - ea.value, estimable ? std::sqrt(ss[j] / (n[g] * (n[g] - 1))) : k_nan});
    }
    out.push_back(std::move(diffs));
  }
  return out;
}

}  // namespace integrasim
