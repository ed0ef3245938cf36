// The words of report.html in Danish and English: headings, explanations, the labels
// of metrics, states, programmes, subgroups and effect components. CSV column names
// stay English in every language; only what a reader of the page sees is translated.
#pragma once

#include <string>
#include <string_view>

namespace integrasim {

enum class ReportLanguage { da, en };

// "da" or "en" as typed after --language; false for anything else.
bool parse_report_language(std::string_view text, ReportLanguage& language);
std::string_view language_code(ReportLanguage language);  // "da", "en"

// Fixed sentences and headings of the page.
struct ReportText {
  std::string_view title;           // page title before the scenario name
  std::string_view what_simulated;  // section headings ...
  std::string_view headline;
  std::string_view effects;
  std::string_view employment_curves;
  std::string_view state_shares;
  std::string_view decomposition;
  std::string_view costs;
  std::string_view subgroups;
  std::string_view calendar;
  std::string_view budget;
  std::string_view draws;
  std::string_view scenario;  // facts table row labels ...
  std::string_view description;
  std::string_view persons;
  std::string_view horizon;
  std::string_view months;
  std::string_view seed;
  std::string_view version;
  std::string_view arms;
  std::string_view arm;  // table column headings ...
  std::string_view subgroup;
  std::string_view difference;
  std::string_view mc_interval;
  std::string_view draws_interval;
  std::string_view prob_better;
  std::string_view se_note;  // explanations under tables and charts ...
  std::string_view effects_note;
  std::string_view curves_note;
  std::string_view shares_note;
  std::string_view decomposition_note;
  std::string_view costs_note;
  std::string_view subgroups_note;
  std::string_view calendar_note;
  std::string_view budget_note;
  std::string_view draws_note;
  std::string_view month_axis;  // chart axes and series ...
  std::string_view year_axis;
  std::string_view year;     // "Year" before a year's number
  std::string_view million;  // abbreviation after an amount in millions
  std::string_view share_axis;
  std::string_view dkk_axis;
  std::string_view real_persons_axis;
  std::string_view months_axis;
  std::string_view draws_axis;
  std::string_view on_benefit;
  std::string_view queued;
  std::string_view municipal_net_cost_year;
  std::string_view generated_by;
  // The page of a sensitivity analysis.
  std::string_view sensitivity_title;
  std::string_view tornado;
  std::string_view voi;
  std::string_view tornado_note;
  std::string_view voi_note;
  std::string_view decision_metric;
  std::string_view parameter_draws;
  std::string_view simulations;
  std::string_view parameter;
  std::string_view low_value;
  std::string_view high_value;
  std::string_view at_low;
  std::string_view at_high;
  std::string_view swing;
  std::string_view per_person;
  std::string_view per_cohort;
  std::string_view share_of_evpi;
};

const ReportText& report_text(ReportLanguage language);

// Label of a summary.csv metric column (e.g. "employment_rate_m60"); the name itself
// if it has none.
std::string metric_label(ReportLanguage language, const std::string& metric);
// Label of a state or programme of monthly.csv ("employed", "internship_private").
std::string state_label(ReportLanguage language, const std::string& state);
// Label of a subgroup ("all", "female", "refugee", ...).
std::string subgroup_label(ReportLanguage language, const std::string& subgroup);
// Label of a decomposition component ("anticipation", "lock_in", ...).
std::string component_label(ReportLanguage language, const std::string& component);
// A unit as the CSV files write it ("months per person", "DKK per person") in the language.
std::string unit_label(ReportLanguage language, const std::string& unit);
// Label of an arm role ("comparator", "policy", "other", "no_intervention").
std::string role_label(ReportLanguage language, const std::string& role);

}  // namespace integrasim
