// The one table of metrics: every metric of summary.csv is declared here once, with its
// unit, which way is better, how it is estimated, whether it is decomposed and how the
// console shows it. Tallies, summaries, writers, the console report, the uncertainty and
// sensitivity analyses and the README's column table all read this table, so adding a
// metric is one row here plus its accumulation in the person simulator:
//  1. add its enum value to Metric and its row to k_metrics at the same place: before
//     employment_rate if it is summed over persons, after the means if it is a ratio
//     (the static_asserts below refuse any other place);
//  2. in person_simulator.cpp add to out_.x[column(Metric::...)] where it happens (a
//     ratio also sets out_.w; w starts at 1);
//  3. run the tests: tests/core/metrics_test.cpp prints the README and docs/uncertainty.md
//     tables to paste; summary.csv gains the column at the row's place, so refresh the
//     golden files (tests/golden/README.md).
#pragma once

#include <array>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace integrasim {

// The rows of k_metrics, in the order of summary.csv's columns. A metric measured by
// summing over persons goes before employment_rate (the static_asserts below say why).
enum class Metric : int {
  months_on_benefit = 0,
  months_employed,
  months_education,
  months_self_support,
  ever_employed,
  time_to_first_job,
  exit_share,
  programme_months,
  cost_programmes_dkk,
  cost_benefit_dkk,
  months_off_benefit,
  sanctions,
  cost_public_gross_dkk,
  cost_reimbursement_dkk,
  cost_municipal_net_dkk,
  months_followed,
  participants,
  employment_rate,  // one column per [output] employment_rate_months
  median_time_to_first_job
};
inline constexpr std::size_t k_metric_count = static_cast<std::size_t>(Metric::median_time_to_first_job) + 1;

// Which way is better: decides P(better) in uncertainty.csv and which metrics can be a
// decision metric of the sensitivity analysis.
enum class MetricDirection : int { higher_is_better, lower_is_better, none };

// How a metric's value for a group of persons is estimated from the persons' values.
enum class Estimator : int {
  mean,             // sum of x over persons / persons (every person counts once: w = 1)
  ratio,            // sum of x / sum of w over persons, w given by MetricSpec::denominator
  first_job_median  // median of the first-job histogram; not a sum over persons
};

// How many columns of summary.csv one row gives.
enum class MetricColumns : int {
  one,
  per_rate_month  // one per [output] employment_rate_months, named name + month
};

struct MetricSpec {
  Metric id{};                                 // the row's own enum value (checked against its position)
  std::string_view name{};                     // column name; for per_rate_month the part before the month
  MetricColumns columns = MetricColumns::one;  // one column, or one per employment-rate month
  std::string_view unit{};                     // unit of a value in summary.csv, e.g. "months per person"
  MetricDirection direction = MetricDirection::none;  // which way is better, or neither
  Estimator estimator = Estimator::mean;              // a mean over persons, a ratio or the median
  std::string_view denominator{};  // ratios: the persons with w = 1 (README text); else empty
  bool decomposed = false;         // in effects.csv; for per_rate_month the last month only
  // How the console and effects.csv show the metric: values times shown_scale (100: a share
  // in per cent), differences in shown_unit. Needed where decomposed or console_label.
  double shown_scale = 1.0;
  std::string_view shown_unit{};
  // Column title in the console's arm table; empty: not shown there. For per_rate_month
  // only the last month is shown, with the month appended to the title.
  std::string_view console_label{};
  int console_decimals = 2;
  std::string_view description{};  // the README's meaning column (Markdown)
};

inline constexpr std::array<MetricSpec, k_metric_count> k_metrics = {{
    {.id = Metric::months_on_benefit,
     .name = "months_on_benefit",
     .unit = "months per person",
     .direction = MetricDirection::lower_is_better,
     .decomposed = true,
     .shown_unit = "months per person",
     .console_label = "months on benefit",
     .description =
         "months on integration or cash benefit, including months in programmes and subsidised jobs"},
    {.id = Metric::months_employed,
     .name = "months_employed",
     .unit = "months per person",
     .direction = MetricDirection::higher_is_better,
     .decomposed = true,
     .shown_unit = "months per person",
     .console_label = "months employed",
     .description = "months in ordinary, unsubsidised work"},
    {.id = Metric::months_education,
     .name = "months_education",
     .unit = "months per person",
     .shown_unit = "months per person",
     .console_label = "months in education",
     .description = "months in ordinary education"},
    {.id = Metric::months_self_support,
     .name = "months_self_support",
     .unit = "months per person",
     .direction = MetricDirection::higher_is_better,
     .description = "`months_employed` + `months_education`"},
    {.id = Metric::ever_employed,
     .name = "ever_employed",
     .unit = "share",
     .direction = MetricDirection::higher_is_better,
     .description = "share of persons employed at least once within the horizon"},
    {.id = Metric::time_to_first_job,
     .name = "time_to_first_job",
     .unit = "months per person",
     .direction = MetricDirection::lower_is_better,
     .description = "months from entry to the first job, *restricted mean*: persons without a job within the "
                    "horizon count with the full horizon, so it is an average within the horizon, not over a "
                    "lifetime"},
    {.id = Metric::exit_share,
     .name = "exit_share",
     .unit = "share",
     .description =
         "share of persons who left the population (emigration, pension, death) within the horizon"},
    {.id = Metric::programme_months,
     .name = "programme_months",
     .unit = "months per person",
     .description = "months spent in programmes (any intervention)"},
    {.id = Metric::cost_programmes_dkk,
     .name = "cost_programmes_dkk",
     .unit = "DKK per person",
     .direction = MetricDirection::lower_is_better,
     .description = "public cost of programmes"},
    {.id = Metric::cost_benefit_dkk,
     .name = "cost_benefit_dkk",
     .unit = "DKK per person",
     .direction = MetricDirection::lower_is_better,
     .description = "benefit paid (less what sanctions withhold)"},
    {.id = Metric::months_off_benefit,
     .name = "months_off_benefit",
     .unit = "months per person",
     .description = "months off benefit without a job or education (e.g. after a sanction)"},
    {.id = Metric::sanctions,
     .name = "sanctions",
     .unit = "sanctions per person",
     .description = "sanctions per person"},
    {.id = Metric::cost_public_gross_dkk,
     .name = "cost_public_gross_dkk",
     .unit = "DKK per person",
     .direction = MetricDirection::lower_is_better,
     .description =
         "`cost_benefit_dkk` + `cost_programmes_dkk`: what the public purse pays, before the state "
         "reimburses the municipality"},
    {.id = Metric::cost_reimbursement_dkk,
     .name = "cost_reimbursement_dkk",
     .unit = "DKK per person",
     .description = "the state's reimbursement of the benefit to the municipality, by the 2016 staircase "
                    "(80/40/30/20 % by week of the benefit spell)"},
    {.id = Metric::cost_municipal_net_dkk,
     .name = "cost_municipal_net_dkk",
     .unit = "DKK per person",
     .direction = MetricDirection::lower_is_better,
     .description = "the municipality's net cost: `cost_public_gross_dkk` less the reimbursement, the result "
                    "grants and the basic grant the state pays"},
    {.id = Metric::months_followed,
     .name = "months_followed",
     .unit = "months per person",
     .description =
         "months of follow-up: the horizon for a cohort; with inflow, from arrival to the end of the "
         "plan; for the caseload, the whole plan"},
    {.id = Metric::participants,
     .name = "participants",
     .unit = "share",
     .description = "share of persons who began at least one programme step of the arm's pathways within "
                    "the follow-up (offered, eligible, placed and, with limited places, given one); a "
                    "caseload person's current programme does not count; the share per intervention "
                    "is monthly.csv's began rows"},
    {.id = Metric::employment_rate,
     .name = "employment_rate_m",
     .columns = MetricColumns::per_rate_month,
     .unit = "share",
     .direction = MetricDirection::higher_is_better,
     .estimator = Estimator::ratio,
     .denominator = "persons who have not exited (emigration, pension, death) by the month",
     .decomposed = true,
     .shown_scale = 100.0,
     .shown_unit = "percentage points",
     .console_label = "% employed, month",
     .console_decimals = 1,
     .description = "share employed at month NN after entry (e.g. `employment_rate_m12`, `_m24`, `_m36`, …)"},
    {.id = Metric::median_time_to_first_job,
     .name = "median_time_to_first_job",
     .unit = "months",
     .direction = MetricDirection::lower_is_better,
     .estimator = Estimator::first_job_median,
     .description =
         "month by which half the persons have had their first job; empty if fewer than half found a "
         "job within the horizon"},
}};

constexpr const MetricSpec& metric_spec(Metric m) {
  return k_metrics[static_cast<std::size_t>(m)];
}

// ---- How the tallies lay the metrics out ----
// The engine keeps x (and w) per person in tally columns: one per row summed over persons,
// then the employment-rate months. Means come first and ratios after them, so that the
// engine's per-person loop sums w only where there is one; the median is read from the
// first-job histogram and has no column.

// Tally columns before the employment-rate months (each a one-column row).
inline constexpr int k_fixed_metric_count = static_cast<int>(Metric::employment_rate);

namespace metric_table_checks {
constexpr bool rows_in_enum_order() {
  for (std::size_t i = 0; i < k_metrics.size(); ++i)
    if (static_cast<std::size_t>(k_metrics[i].id) != i) return false;
  return true;
}
constexpr bool summed_rows_first() {
  for (std::size_t i = 0; i < k_metrics.size(); ++i) {
    const bool summed = k_metrics[i].estimator != Estimator::first_job_median;
    if (summed != (i <= static_cast<std::size_t>(Metric::employment_rate))) return false;
  }
  return true;
}
constexpr bool one_column_before_rates() {
  for (std::size_t i = 0; i < k_metrics.size(); ++i)
    if ((k_metrics[i].columns == MetricColumns::per_rate_month) !=
        (i == static_cast<std::size_t>(Metric::employment_rate)))
      return false;
  return true;
}
constexpr int mean_count() {
  int n = 0;
  while (n < static_cast<int>(k_metrics.size()) &&
         k_metrics[static_cast<std::size_t>(n)].estimator == Estimator::mean)
    ++n;
  return n;
}
constexpr bool means_then_ratios() {
  for (std::size_t i = static_cast<std::size_t>(mean_count());
       i <= static_cast<std::size_t>(Metric::employment_rate); ++i)
    if (k_metrics[i].estimator != Estimator::ratio) return false;
  return true;
}
constexpr bool shown_rows_have_a_unit() {
  for (const MetricSpec& m : k_metrics)
    if ((m.decomposed || !m.console_label.empty()) && m.shown_unit.empty()) return false;
  return true;
}
}  // namespace metric_table_checks

static_assert(metric_table_checks::rows_in_enum_order(), "k_metrics: row i must be the enum value i");
static_assert(metric_table_checks::summed_rows_first(),
              "k_metrics: rows summed over persons go up to employment_rate, the median after it");
static_assert(metric_table_checks::one_column_before_rates(),
              "k_metrics: employment_rate is the only row with one column per month");
static_assert(metric_table_checks::means_then_ratios(), "k_metrics: means first, then ratios");
static_assert(metric_table_checks::shown_rows_have_a_unit(),
              "k_metrics: a decomposed row or one on the console needs shown_unit");

// Tally columns with w = 1 for every person (means); columns from here on are ratios.
inline constexpr int k_mean_column_count = metric_table_checks::mean_count();

// The tally column of a one-column row summed over persons, for the simulator's sums.
constexpr int column(Metric m) {
  return static_cast<int>(m);
}

// Whether summary.csv gives metric column k's difference per participant as well
// (diff_<name>_per_participant): the means over persons, but not the participation share
// itself or the months of follow-up, which no programme changes.
constexpr bool has_per_participant_difference(int k) {
  return k < k_mean_column_count && k != column(Metric::participants) && k != column(Metric::months_followed);
}
static_assert(has_per_participant_difference(column(Metric::months_on_benefit)) &&
                  column(Metric::months_on_benefit) == 0,
              "the console reads months_on_benefit as the first per-participant difference");

// ---- Columns of one scenario ----

// One metric column of summary.csv (value and SE; then, for other arms, the difference).
struct MetricColumn {
  Metric metric = Metric::months_on_benefit;  // its row of k_metrics
  int month = 0;                              // per_rate_month: months since entry; else 0
  std::string name;                           // column name, e.g. "employment_rate_m24"
};

// Every metric column in summary.csv's order for these employment-rate months. The first
// tally_column_count(months) of them are the tally columns, in the tallies' order.
std::vector<MetricColumn> metric_columns(const std::vector<int>& employment_rate_months);
int tally_column_count(const std::vector<int>& employment_rate_months);
// The columns effects.csv decomposes (MetricSpec::decomposed; of a per_rate_month row the
// last month only), as indices into `columns`, in their order.
std::vector<int> decomposed_columns(const std::vector<MetricColumn>& columns);

// The row of a column name ("employment_rate_m<anything>" is employment_rate), or nullptr.
const MetricSpec* find_metric(std::string_view column_name);
// Direction of a column name; none for names that are not metrics.
MetricDirection metric_direction(std::string_view column_name);

// ---- The budget's tally columns (budget.csv) ----
//
// In a planner run (core/calendar.h) each person's budget by calendar year rides on the
// tallies as extra columns after the metric columns: column
// tally_column_count(months) + year * k_budget_measure_count + measure, with w = 1, for
// the calendar years and then once more for the whole plan (year = budget years), so that
// totals and paired differences get their standard errors like any metric.
enum class BudgetMeasure : int {
  gross_public_cost = 0,  // DKK: benefit + programmes
  reimbursement,          // DKK: the state's share of the benefit
  result_grants,          // DKK: the state's result grants
  basic_grant,            // DKK: the state's basic grant
  municipal_net_cost,     // DKK: gross less reimbursement and grants
  self_supported_months   // person-months employed or in education
};
inline constexpr int k_budget_measure_count = 6;
inline constexpr std::array<std::string_view, k_budget_measure_count> k_budget_measure_names = {
    "gross_public_cost_dkk", "reimbursement_dkk",      "result_grants_dkk",
    "basic_grant_dkk",       "municipal_net_cost_dkk", "self_supported_person_months"};

}  // namespace integrasim
