// Finished results of a run, ready for writers and the console (docs/model.md §8, §10).
// Every number carries its Monte Carlo standard error.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/metrics.h"

namespace integrasim {

struct Estimate {
  double value = 0.0;  // point estimate (mean over persons)
  double se = 0.0;     // Monte Carlo standard error of `value`
};

// A reported subgroup: "all" or one level of one dimension (e.g. "female").
struct SubgroupInfo {
  std::string name;       // "all", "male", "refugee", ...
  std::string dimension;  // "all", "sex", "group", ...
};

// A metric column of summary.csv; everything else about it is in metric_spec(metric).
struct MetricInfo {
  std::string name;                           // column name, e.g. "months_on_benefit"
  std::string unit;                           // "months per person", "share", "DKK per person"
  Metric metric = Metric::months_on_benefit;  // its row of core/metrics.h
  int month = 0;                              // employment-rate month; 0 for other rows
};

struct ArmInfo {
  std::string name;
  std::string role;  // "comparator", "policy", "other", "no_intervention"
};

// One row of summary.csv: an arm x subgroup.
struct SummaryRow {
  int arm = 0;                          // index into Results::arms
  int subgroup = 0;                     // index into Results::subgroups
  std::int64_t persons = 0;             // persons in the subgroup
  std::vector<Estimate> metrics;        // aligned with Results::metrics
  std::vector<Estimate> vs_comparator;  // arm minus comparator, paired SE; empty for the comparator
  // The same differences per participant (the effect on those who began a programme of
  // the arm): one per metric k with has_per_participant_difference(k), in column order;
  // empty for the comparator. NaN where the group has no participants.
  std::vector<Estimate> per_participant;
};

// One row of monthly.csv: the share of persons in a state or programme at month m.
struct MonthlyRow {
  int arm = 0;
  int subgroup = 0;
  int month = 0;     // months since entry (t = month), 1..H
  std::string kind;  // "state", "programme" (in it that month) or "began" (has begun it by then)
  std::string name;  // state name or intervention id
  Estimate share;    // share of the subgroup's persons (states) / of those alive (employment)
};

// One row of effects.csv: one component of the decomposition (docs/model.md §8).
struct EffectRowOut {
  int arm = 0;
  int subgroup = 0;
  std::string outcome;    // "months_on_benefit", "months_employed", "employment_rate_m60"
  std::string unit;       // "months per person" or "percentage points"
  std::string component;  // anticipation, lock_in, post_programme, net, total
  Estimate effect;        // with paired SE
};

// One row of calendar.csv: a measure of one arm in one calendar month of the plan, in
// real persons or DKK (docs/model.md §10).
struct CalendarRow {
  int arm = 0;
  int month = 0;        // calendar month, 0..H-1
  std::string measure;  // e.g. "on_benefit", "in_internship_private", "municipal_net_dkk"
  Estimate value;       // real persons or DKK in the month; se NaN where not estimated
};

// One row of queues.csv: what the queue of a programme with limited places did in one arm.
struct QueueRow {
  int arm = 0;
  std::string intervention;
  double places = 0.0;                // real persons at the same time
  double due = 0.0;                   // real persons whose step fell due
  double started = 0.0;               // of them, real persons who got a place
  double mean_wait_months = 0.0;      // months from due to start, of those who started
  double most_in_places = 0.0;        // the most real persons in the programme in any month
  double queued_person_months = 0.0;  // real persons waiting, summed over months
};

// One row of budget.csv: an arm in one calendar year of the plan (year 0 = months
// 0-11), or over the whole plan (year = -1), in DKK and person-months for the real persons.
struct BudgetRow {
  int arm = 0;
  int year = 0;                         // calendar year from 0; -1 = the whole plan
  std::vector<Estimate> totals;         // by BudgetMeasure (core/metrics.h)
  std::vector<Estimate> vs_comparator;  // arm minus comparator, paired SE; empty for the comparator
};

struct Results {
  std::vector<ArmInfo> arms;            // scenario arms, then "no_intervention" last
  int comparator_arm = 0;               // index into arms
  std::vector<SubgroupInfo> subgroups;  // "all" first
  std::vector<MetricInfo> metrics;
  std::vector<SummaryRow> summary;
  std::vector<MonthlyRow> monthly;
  std::vector<EffectRowOut> effects;
  // The planner's outputs: written for scenarios on the shared calendar (inflow,
  // caseload), with limited places or with [population] represents.
  bool planner = false;
  double real_persons = 0.0;  // real persons the run stands for (planner runs)
  std::vector<CalendarRow> calendar;
  std::vector<QueueRow> queues;
  std::vector<BudgetRow> budget;
  // Bookkeeping for the manifest and the benchmark.
  std::int64_t persons = 0;
  std::int64_t arm_person_months = 0;  // persons x horizon x simulated arm variants
  int horizon_months = 0;
};

// Whether summary.csv gives metric `metric`'s difference per participant too
// (diff_<name>_per_participant; core/metrics.h has_per_participant_difference), and, for
// column k of `results.metrics`, its place in SummaryRow::per_participant (-1: none).
bool per_participant_column(const MetricInfo& metric);
int per_participant_position(const Results& results, int k);
std::size_t per_participant_count(const std::vector<MetricInfo>& metrics);

}  // namespace integrasim
