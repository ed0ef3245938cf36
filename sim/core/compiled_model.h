// A scenario and its parameters compiled into flat tables the engine reads in its hot
// loop: hazards per effect cell and month, effect log hazard ratios per intervention,
// pathways as per-track step lists, and the arm variants to simulate (docs/model.md §3, §4, §8).
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "core/calendar.h"
#include "core/catalogue.h"
#include "core/diagnostics.h"
#include "core/mechanisms/mechanisms.h"
#include "core/scenario.h"

namespace integrasim {

// The scenario's catalogue values after overrides (and, in a probabilistic analysis,
// after sampling). A value: re-sample it per draw and compile again.
struct Parameters {
  Catalogue values;                     // rows with the values in force
  std::vector<std::string> overridden;  // ids the scenario overrode
};

Parameters resolve_parameters(const Catalogue& catalogue, const Scenario& scenario);

// A piece of a piecewise-constant hazard by tenure in a spell.
struct HazardPiece {
  int from_month = 0;   // tenure, months, inclusive
  int to_month = 0;     // exclusive
  double hazard = 0.0;  // per month
};

struct CompiledIntervention {
  std::string id;
  InterventionKind kind = InterventionKind::other;
  int effect_until_spell_month = 0;    // anticipation/lock-in only while the spell is younger; 0 = always
  int anticipation_months = 0;         // whole months before a scheduled start
  double full_dose_months = 1.0;       // completed months for the full post effect
  double half_life_months = 0.0;       // post-effect half-life; 0 = no decay
  double cost_per_month = 0.0;         // DKK per participant-month
  double danish_gain_per_month = 0.0;  // Danish levels per participant-month
  // log hazard ratio by phase, destination and effect cell (0 = no effect).
  std::array<std::array<std::array<double, k_effect_cell_count>, k_destination_count>, k_phase_count>
      log_hr{};
};

struct CompiledInteraction {
  int first = 0;  // index into CompiledModel::interventions
  int then = 0;
  std::array<std::array<double, k_effect_cell_count>, k_destination_count> log_hr{};
};

struct CompiledStep {
  int intervention = 0;  // index into CompiledModel::interventions
  bool relative_to_previous = false;
  int start_month = 0;
  int duration_months = 1;
  double coverage = 1.0;
  Selector eligible;
  double min_danish_level = 0.0;
  double dose = 1.0;
  int key = 0;  // stable step number for the coverage stream
  bool operator==(const CompiledStep&) const = default;
};

struct CompiledPathway {
  std::string name;
  std::vector<std::vector<CompiledStep>> tracks;  // steps per track, in order
};

// Which of the decomposition's switches an arm variant has on (docs/model.md §8). The arm's
// benefit rules (a benefit cut) are not a programme effect: A0 isolates them so that
// they do not land in the anticipation component.
enum class VariantKind : std::uint8_t {
  no_intervention = 0,  // N: no programmes, standard benefit rules
  rules_only = 4,       // A0: the arm's benefit rules, no programmes
  anticipation = 1,     // A1: rules + programmes with only anticipation effects
  lock_in = 2,          // A2: rules + anticipation + lock-in
  full = 3              // A3: the arm as specified
};

// Everything about a variant, except which pathways it assigns, that decides how its
// runs go: the decomposition's switches and the arm's benefit rules. Prefix reuse
// compares it as a whole (core/prefix_reuse.cpp), so a field added here is compared too.
struct VariantRules {
  VariantKind kind = VariantKind::full;
  ArmRules benefit;  // the arm's benefit rules (standard for N)
  bool anticipation_on = true;
  bool lock_in_on = true;
  bool post_on = true;  // post-programme effects, interactions and Danish-level gains
  bool operator==(const VariantRules&) const = default;
  // N and the rules-only variants ignore pathways.
  bool runs_programmes() const {
    return kind != VariantKind::no_intervention && kind != VariantKind::rules_only;
  }
};

// Limited places in one programme for one arm variant (core/capacity.h).
struct CompiledCapacity {
  int intervention = 0;      // index into CompiledModel::interventions
  double places = 0.0;       // real persons at the same time
  std::int64_t units = 0;    // the places in place units (CalendarLayout::place_units)
  int max_wait_months = -1;  // -1 = waits as long as on benefit
};

struct ArmVariant {
  int arm = 0;  // index into CompiledModel::arm_names (no_intervention = last)
  VariantRules rules;
  std::vector<std::pair<Selector, int>> assignments;  // who -> pathway index (-1 = none)
  int reentry_pathway = -1;                           // pathway index (-1 = none)
  std::vector<CompiledCapacity> capacity;             // limited places; empty = unlimited
  std::vector<int> capacity_of;  // per intervention, its index in `capacity` or -1; empty if none
  // Whether runs of this variant keep the municipal accounts (core/mechanisms/
  // municipal_costs.h): only the variants that are an arm, as the cost metrics are
  // reported for arms only (summary.csv, budget.csv), not decomposed; the decomposition's
  // other variants leave them 0 and save the work.
  bool keeps_accounts = true;
};

// A pair of variants whose paired difference (first minus second) is reported.
struct VariantPair {
  int first = 0;
  int second = 0;
};

// A reported subgroup: all persons, or one level of one dimension. Tallies are kept per
// disjoint report cell (a combination of levels of the reported dimensions) and a group
// is the union of its cells, so each person is tallied once however many groups it is in.
struct ReportGroup {
  std::string name;
  std::string dimension;
  int dimension_index = -1;  // -1 = all
  int level = 0;
  std::vector<int> cells;  // report cells that make up this group
};

struct CompiledModel {
  int horizon_months = 60;  // H (core/calendar.h says what it means with inflow or caseload)
  std::int64_t persons = 0;
  CalendarLayout calendar;  // where each person sits on the plan's calendar
  // The largest since-entry month any person reaches (H unless a caseload person arrived
  // before the plan): the baseline tables run to it.
  int clock_months = 60;
  DurationClock duration_clock = DurationClock::since_entry;
  CombinationRule combination_rule = CombinationRule::multiplicative;
  double combination_alpha = 1.0;
  PopulationSpec population;
  FrailtySpec frailty;

  // Baseline hazard out of benefit, per month: [destination][cell][d] for d = 0..clock_months.
  std::array<std::array<std::vector<double>, k_effect_cell_count>, k_destination_count> baseline;
  // [cell][d]: the next duration month after d at which any destination's baseline
  // changes (clock_months at most), so the engine can walk constant-hazard segments.
  std::array<std::vector<int>, k_effect_cell_count> baseline_next_change;
  // Covariate hazard ratios: [destination][dimension][level] (1 = none).
  std::array<std::array<std::array<double, k_max_levels>, k_dimension_count>, k_destination_count>
      covariate_hr{};
  std::array<double, k_destination_count> log_hr_per_danish_level{};
  // Return hazards by tenure: [kind][cell] pieces tiling [0, inf).
  std::array<std::array<std::vector<HazardPiece>, k_effect_cell_count>, k_return_hazard_count> return_hazard;

  std::vector<CompiledIntervention> interventions;
  // Whether any effect, interaction or the Danish level acts on a destination; the engine
  // skips the others when it re-evaluates effects.
  std::array<bool, k_destination_count> destination_has_effects{};
  // Whether any person can ever leave benefit for a destination (a positive baseline
  // somewhere, or the additive sanction hazard off benefit).
  std::array<bool, k_destination_count> destination_reachable{};
  std::vector<CompiledInteraction> interactions;
  std::vector<CompiledPathway> pathways;
  // Per caseload row, the programme the person is in at calendar month 0 as a one-step
  // track (empty: none); start_month is minus the months already spent in it.
  std::vector<std::vector<CompiledStep>> caseload_programmes;

  std::vector<std::string> arm_names;  // scenario arms, then "no_intervention"
  std::vector<std::string> arm_roles;
  int comparator_arm = 0;
  std::vector<ArmVariant> variants;   // variants[arm_full_variant[a]] is arm a as specified
  std::vector<int> arm_full_variant;  // per arm, the variant that is the arm itself
  // Whether variant v is its arm as specified (not one of the decomposition's variants):
  // the variant that records the arm's monthly table and whose every metric is reported.
  bool is_arm_variant(int v) const {
    return arm_full_variant[static_cast<std::size_t>(variants[static_cast<std::size_t>(v)].arm)] == v;
  }
  std::vector<VariantPair> pairs;  // differences to report
  // Per scenario arm (not no_intervention) the pair indices of the decomposition:
  // benefit_rules (A0-N), anticipation (A1-A0), lock_in (A2-A1), post (A3-A2),
  // net (A3-A1), total (A3-N); -1 if off. Without benefit rules A0 is N itself.
  std::vector<std::array<int, 6>> decomposition_pairs;
  std::vector<int> vs_comparator_pair;  // per arm, pair (arm - comparator), -1 for the comparator

  std::vector<ReportGroup> groups;           // "all" first
  std::vector<Dimension> report_dimensions;  // dimensions the report cells combine
  int report_cell_count = 1;
  int report_cell_of(const PersonAttributes& attrs) const;
  std::vector<int> employment_rate_months;
  // Planner runs: calendar years of budget.csv (0 otherwise) and the first budget column.
  int budget_years = 0;
  int budget_column_base = 0;
  int tally_columns = 0;           // metric columns, then (budget_years + 1) * k_budget_measure_count
  MechanismParams mechanisms;      // core/mechanisms/mechanisms.h
  double benefit_per_month = 0.0;  // DKK per month on benefit (rule benefit.single_provider.dkk_per_month)
  // The scenario's overrides, only to name the likely cause of a result that is not finite
  // (analysis/finite_check.h).
  std::vector<ParameterOverride> overrides;
};

// Compiles scenario + parameters. Throws InputError for a scenario and catalogue that are
// well-formed each but inconsistent together (e.g. an override that makes a hazard ratio 0).
CompiledModel compile_model(const Scenario& scenario, const Parameters& parameters);

}  // namespace integrasim
