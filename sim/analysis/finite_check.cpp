#include "analysis/finite_check.h"

#include <cmath>
#include <vector>

#include "core/diagnostics.h"
#include "core/metrics.h"

namespace integrasim {
namespace {

// An override this large in magnitude can overflow a sum of squares over persons
// (1e154 squared is 1e308, the largest double), or a product with months and persons.
constexpr double k_suspect_magnitude = 1e12;

std::string variant_name(const CompiledModel& m, int v) {
  const ArmVariant& variant = m.variants[static_cast<std::size_t>(v)];
  std::string name = "arm '";
  name += m.arm_names[static_cast<std::size_t>(variant.arm)];
  name += "'";
  if (!m.is_arm_variant(v)) name += " (a decomposition variant)";
  return name;
}

// The report cell `cell` as the reported subgroups it lies in, e.g. "'female & refugee'".
std::string cell_name(const CompiledModel& m, int cell) {
  std::string levels;
  for (const ReportGroup& g : m.groups) {
    if (g.dimension_index < 0) continue;
    for (const int c : g.cells)
      if (c == cell) {
        if (!levels.empty()) levels += " & ";
        levels += g.name;
      }
  }
  std::string name = "subgroup '";
  name += levels.empty() ? std::string("all") : levels;
  name += "'";
  return name;
}

std::string column_name(const CompiledModel& m, int k) {
  const std::vector<MetricColumn> columns = metric_columns(m.employment_rate_months);
  if (k < static_cast<int>(columns.size()) && k < m.budget_column_base)
    return columns[static_cast<std::size_t>(k)].name;
  return "a budget measure";
}

[[noreturn]] void refuse(const CompiledModel* m, const std::string& what, double value) {
  std::string message = "the results are not finite: ";
  message += what;
  message += " is ";
  message += format_value(value);
  message += ", an overflow of the sums over persons; ";
  message += likely_overflow_cause(m);
  throw InputError(message);
}

}  // namespace

std::string likely_overflow_cause(const CompiledModel* m) {
  const ParameterOverride* largest = nullptr;
  if (m != nullptr)
    for (const ParameterOverride& o : m->overrides)
      if (largest == nullptr || std::fabs(o.value) > std::fabs(largest->value)) largest = &o;
  if (largest != nullptr && !(std::fabs(largest->value) < k_suspect_magnitude)) {
    std::string out = format_position(largest->where);
    out += "the override '";
    out += largest->id;
    out += "' = ";
    out += format_value(largest->value);
    out += " is the likely cause: give it a value of realistic size";
    return out;
  }
  return "an input value is too large for the sums: check the scenario's overrides and the catalogue's "
         "values for numbers of unrealistic size";
}

void require_finite_tallies(const CompiledModel& m, const Tallies& t) {
  const TallyLayout& l = t.layout;
  for (int v = 0; v < l.variants; ++v)
    for (int g = 0; g < l.groups; ++g)
      for (int k = 0; k < l.metrics; ++k)
        for (int s = 0; s < k_variant_sum_count; ++s) {
          const double x = t.variant_sums[l.variant_sum(v, g, k, s)];
          if (std::isfinite(x)) continue;
          std::string what = s == 2 ? "the sum of squares of " : "the sum of ";
          what += column_name(m, k);
          what += " for ";
          what += variant_name(m, v);
          what += ", ";
          what += cell_name(m, g);
          refuse(&m, what, x);
        }
  for (int p = 0; p < l.pairs; ++p)
    for (int g = 0; g < l.groups; ++g)
      for (int k = 0; k < l.metrics; ++k)
        for (int s = 0; s < k_pair_sum_count; ++s) {
          const double x = t.pair_sums[l.pair_sum(p, g, k, s)];
          if (std::isfinite(x)) continue;
          const VariantPair& pair = m.pairs[static_cast<std::size_t>(p)];
          std::string what = "the paired sum of ";
          what += column_name(m, k);
          what += " for ";
          what += variant_name(m, pair.first);
          what += " and ";
          what += variant_name(m, pair.second);
          what += ", ";
          what += cell_name(m, g);
          refuse(&m, what, x);
        }
  for (std::size_t i = 0; i < t.calendar_money.size(); ++i) {
    if (std::isfinite(t.calendar_money[i])) continue;
    const std::size_t per_slot =
        static_cast<std::size_t>(k_money_measure_count) * static_cast<std::size_t>(l.money_months) * 2U;
    std::string what = "the calendar's DKK for arm '";
    what += m.arm_names[i / per_slot];
    what += "'";
    refuse(&m, what, t.calendar_money[i]);
  }
}

void require_finite_results(const CompiledModel& m, const Results& r) {
  const auto check = [&](const Estimate& e, const auto& describe) {
    if (std::isinf(e.value)) refuse(&m, describe(), e.value);
    if (std::isinf(e.se)) {
      std::string what = "the standard error of ";
      what += describe();
      refuse(&m, what, e.se);
    }
  };
  const auto where = [&](int arm, int subgroup) {
    std::string out = " for arm '";
    out += r.arms[static_cast<std::size_t>(arm)].name;
    out += "', subgroup '";
    out += r.subgroups[static_cast<std::size_t>(subgroup)].name;
    out += "'";
    return out;
  };
  for (const SummaryRow& row : r.summary)
    for (std::size_t k = 0; k < row.metrics.size(); ++k) {
      check(row.metrics[k], [&] { return r.metrics[k].name + where(row.arm, row.subgroup); });
      if (k < row.vs_comparator.size())
        check(row.vs_comparator[k],
              [&] { return r.metrics[k].name + " minus the comparator's" + where(row.arm, row.subgroup); });
    }
  for (const EffectRowOut& e : r.effects)
    check(e.effect, [&] {
      std::string what = e.component;
      what += " effect on ";
      what += e.outcome;
      return what + where(e.arm, e.subgroup);
    });
  const auto of_arm = [&](std::string what, int arm) {
    what += " for arm '";
    what += r.arms[static_cast<std::size_t>(arm)].name;
    what += "'";
    return what;
  };
  for (const CalendarRow& c : r.calendar) {
    std::string what = c.measure;
    what += " of calendar month ";
    what += std::to_string(c.month);
    check(c.value, [&] { return of_arm(what, c.arm); });
  }
  for (const BudgetRow& b : r.budget) {
    for (const Estimate& e : b.totals) check(e, [&] { return of_arm("a budget total", b.arm); });
    for (const Estimate& e : b.vs_comparator) check(e, [&] { return of_arm("a budget difference", b.arm); });
  }
  for (const QueueRow& q : r.queues)
    for (const double x :
         {q.places, q.due, q.started, q.mean_wait_months, q.most_in_places, q.queued_person_months})
      if (std::isinf(x)) refuse(&m, of_arm(std::string("the queue of ").append(q.intervention), q.arm), x);
}

}  // namespace integrasim
