// What report.html shows of a run: which arms, subgroups and metrics go into its tables
// and charts. Shared by the page (report_html.cpp) and its data (report_data.cpp) so the
// two always agree.
#pragma once

#include <string>
#include <vector>

#include "analysis/uncertainty.h"
#include "core/results.h"

namespace integrasim {

// The outcome of the decomposition, subgroup and draws charts.
inline constexpr const char* k_report_outcome = "months_employed";

// The scenario's arms: every arm but the engine's "no_intervention" reference.
std::vector<int> scenario_arms(const Results& r);
// The scenario's arms other than the comparator: those with a difference to show.
std::vector<int> compared_arms(const Results& r);
// Subgroups with persons in them ("all" first), in the order of Results::subgroups.
std::vector<int> populated_subgroups(const Results& r);
// The column of metric `name` in Results::metrics; an internal error if absent.
int metric_column(const Results& r, const std::string& name);
// The headline columns: months on benefit, months employed, the employment rate at the
// last reported month, and the municipal net cost when any arm has one.
std::vector<int> headline_columns(const Results& r);
// The cost columns of the cost chart.
std::vector<int> cost_columns(const Results& r);
const SummaryRow& summary_row(const Results& r, int arm, int subgroup);
const UncertaintyRow& uncertainty_row(const UncertaintySummary& u, int arm, int subgroup, int metric);

}  // namespace integrasim
