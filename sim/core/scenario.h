// A scenario as a plain, already-validated value (docs/model.md §6-§8). io/scenario_reader turns
// a TOML file into this; tests build one in a few lines. core/ never sees TOML.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/caseload.h"
#include "core/catalogue.h"
#include "core/diagnostics.h"
#include "core/model_types.h"

namespace integrasim {

// How post-programme effects of several completed programmes combine (docs/model.md §4).
enum class CombinationRule : std::uint8_t { multiplicative = 0, strongest = 1, diminishing = 2 };

// Which clock the baseline hazard's duration pieces run on (docs/model.md §3).
enum class DurationClock : std::uint8_t { since_entry = 0, since_spell_start = 1 };

// Role of an arm in comparisons (docs/model.md §8).
enum class ArmRole : std::uint8_t { comparator = 0, policy = 1, other = 2 };

// The name of a role as scenario files and outputs write it.
constexpr std::string_view role_name(ArmRole r) {
  switch (r) {
    case ArmRole::comparator:
      return "comparator";
    case ArmRole::policy:
      return "policy";
    case ArmRole::other:
      return "other";
  }
  return "other";
}

// A share for each level of one attribute dimension; sums to 1.
struct LevelShares {
  std::vector<double> share;  // indexed by level, size k_dimension_levels[dim]; shares
};

// Synthetic cohort composition (docs/model.md §7). Dimensions are drawn independently.
struct PopulationSpec {
  std::array<LevelShares, k_dimension_count> shares;  // per dimension, shares by level
  std::vector<double> danish_level_values;            // Danish level at entry (0-3) ...
  std::vector<double> danish_level_shares;            // ... and the share of each value
  // Real persons a synthetic cohort stands for (0 = not said: each simulated person is
  // one person). Inflow and caseload define this themselves (docs/model.md §7).
  double represents = 0.0;
};

// Arrivals over the plan's calendar ([inflow], docs/model.md §7): newcomers who enter in
// calendar month e = 0, 1, ... and are followed until the plan's horizon.
struct InflowSpec {
  std::vector<std::int64_t> arrivals_per_month;  // real persons arriving in month e; none after
  std::int64_t simulated_per_arrival = 20;       // simulated persons per real arrival, >= 1
  SourcePosition where;
  bool active() const { return !arrivals_per_month.empty(); }
};

// Limited places in one programme for one arm ([[arm.capacity]], docs/model.md §6).
struct CapacitySpec {
  std::string intervention;  // catalogue intervention id
  double places = 0.0;       // real persons who can be in the programme at the same time
  int max_wait_months = -1;  // a queued step is skipped after this long; -1 = waits on
  SourcePosition where;
};

// One step of a pathway (docs/model.md §6).
struct PathwayStep {
  std::string intervention;           // catalogue intervention id
  std::string track = "main";         // steps on different tracks run concurrently
  bool relative_to_previous = false;  // false: start_month counts from the spell anchor;
                                      // true: months after the previous step on the track ends
  int start_month = 0;                // months (>= 0), see relative_to_previous
  int duration_months = 0;            // planned duration, months (> 0)
  double coverage = 1.0;              // probability the person is offered the step, share
  Selector eligible;                  // subgroup filter ("all" by default)
  double min_danish_level = 0.0;      // minimum Danish level at the start month (0-3), as
                                      // projected when the anticipation window opens
  double dose = 1.0;                  // intensity relative to the catalogue's reference
                                      // (e.g. meetings per month / reference meetings); scales
                                      // the step's log hazard ratios
  SourcePosition where;               // position of the step in the scenario file
};

struct Pathway {
  std::string name;
  std::vector<PathwayStep> steps;
  SourcePosition where;
};

// Assigns a pathway to the persons matching `who`; the first matching rule wins.
struct PathwayAssignment {
  Selector who;
  std::string pathway;  // name of a Pathway in the scenario; "" = no programme
};

// An arm's benefit rules (docs/model.md §5): what, besides its pathways, changes how a
// person in the arm is simulated. One value compared as a whole, so that prefix reuse
// (core/prefix_reuse.h) and the decomposition cannot miss a rule added here.
struct ArmRules {
  bool sanctions = false;    // a sanction regime applies in this arm
  double benefit_cut = 0.0;  // share of the reference benefit cut (0-1; e.g. Start Aid cut 30-50 %)
  bool operator==(const ArmRules&) const = default;
  // Standard rules: the arm's rules-only decomposition variant is then N itself.
  bool standard() const { return *this == ArmRules{}; }
};

struct Arm {
  std::string name;
  ArmRole role = ArmRole::other;
  std::vector<PathwayAssignment> assignments;  // for the first spell (from entry)
  std::string reentry_pathway;                 // for later benefit spells; "" = none
  ArmRules rules;                              // benefit rules; standard by default
  std::vector<CapacitySpec> capacity;          // limited places; none = unlimited
  SourcePosition where;
};

// Frailty (unobserved heterogeneity, docs/model.md §3): gamma with mean 1 and this variance,
// drawn once per person; applied to the hazards of the destinations listed.
struct FrailtySpec {
  double variance = 0.0;  // sigma^2 (0 = off)
  std::array<bool, k_destination_count> applies_to{true, false, false, false};
};

// Municipal organisation (docs/model.md §5): explicit multipliers, default 1, meant to be varied
// (the evidence on organisation is qualitative).
struct MunicipalitySpec {
  double company_collaboration = 1.0;    // scales the log HRs of company-directed
                                         // interventions and placement success
  double specialised_caseworkers = 1.0;  // scales the log HRs of meetings and guidance
  double caseload = 1.0;                 // caseload relative to the reference; meetings'
                                         // log HRs scale with 1 / caseload
};

// Local labour market (docs/model.md §3 LM_j): the municipality's employment rate by calendar
// month from the cohort's arrival. Empty = the reference rate throughout.
struct LabourMarketSpec {
  std::vector<double> employment_rate;  // share, one per calendar month; the last carries on
  double reference_rate = 0.0;          // share at which the catalogue's baselines apply
  // Share of local jobs needing medium or high skills, and the share at which the
  // catalogue's baselines apply (equal = no effect). Helps some subgroups more (docs/model.md §5).
  double skilled_job_share = 0.0;
  double reference_skilled_job_share = 0.0;
};

// What to report (docs/model.md §10).
struct OutputSpec {
  std::vector<Dimension> subgroup_dimensions;  // break results down by these ("all" always)
  std::vector<int> employment_rate_months;     // months at which to report the rate
  bool decomposition = true;                   // simulate the §8 decomposition arms
};

// A scenario-level override of one catalogue value, keyed by the catalogue row id.
struct ParameterOverride {
  std::string id;      // catalogue row id
  double value = 0.0;  // in the unit of that row
  SourcePosition where;
};

// A distribution given in a scenario's [uncertainty] table (docs/model.md §13): the 95 % interval
// [low, high] around the value in force, parametrised as for catalogue rows
// (analysis/parameter_sampling.h). `active` = false: the value is not uncertain.
struct UncertainKnob {
  bool active = false;
  Distribution distribution = Distribution::fixed;
  double low = 0.0;
  double high = 0.0;
  SourcePosition where;
};

// A catalogue row given a distribution by the scenario (e.g. an interaction term).
struct UncertainValueSpec {
  std::string id;  // catalogue row id
  UncertainKnob knob;
};

// Probabilistic sensitivity analysis settings ([uncertainty], docs/model.md §13). Used only with
// `integrasim run --draws N`.
struct UncertaintySpec {
  std::vector<std::string> fix;                       // catalogue ids held at their point value
  std::vector<std::pair<std::string, double>> widen;  // catalogue id -> interval widening factor
  std::vector<UncertainValueSpec> vary;               // catalogue ids given a distribution here
  // Scenario-level knowledge-gap assumptions with their own distributions.
  UncertainKnob combination_alpha;
  UncertainKnob company_collaboration;
  UncertainKnob specialised_caseworkers;
  UncertainKnob caseload;
};

struct Scenario {
  std::string name;  // used for the default output folder
  std::string description;
  SourcePosition where;          // the file itself (line 0)
  int horizon_months = 60;       // H: months per person of a cohort; with inflow or a
                                 // caseload, the plan's calendar months 0..H-1
  std::int64_t persons = 20000;  // synthetic cohort size (unused with inflow or caseload)
  std::uint64_t seed = 1;        // master seed
  DurationClock duration_clock = DurationClock::since_entry;
  CombinationRule combination_rule = CombinationRule::multiplicative;
  double combination_alpha = 1.0;  // for `diminishing`, in [0, 1]
  PopulationSpec population;
  InflowSpec inflow;      // arrivals by calendar month; none = a synthetic cohort
  CaseloadSpec caseload;  // persons on benefit at calendar month 0; none = no caseload
  FrailtySpec frailty;
  MunicipalitySpec municipality;
  LabourMarketSpec labour_market;
  std::vector<Pathway> pathways;
  std::vector<Arm> arms;  // exactly one comparator; policy and other arms
  OutputSpec output;
  std::vector<ParameterOverride> overrides;
  UncertaintySpec uncertainty;  // only read by probabilistic sensitivity analysis
};

}  // namespace integrasim
