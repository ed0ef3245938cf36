// The evidence catalogue as plain values (docs/model.md §11). io/catalogue_reader fills it from
// scenarios/evidence/*.csv; every value keeps its row id, source and status so that
// `integrasim check` can show where each number comes from.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/model_types.h"

namespace integrasim {

// How sure we are of a value (the `confidence` column of scenarios/evidence/sources.csv).
enum class EvidenceStatus : std::uint8_t { estimate = 0, derived = 1, calibrated = 2, placeholder = 3 };

// The distribution a probabilistic sensitivity analysis draws a value from.
enum class Distribution : std::uint8_t { fixed = 0, lognormal = 1, beta = 2, gamma = 3, normal = 4 };

// Provenance and uncertainty shared by every catalogue row.
struct CatalogueValue {
  std::string id;             // unique row id; scenarios override values by this id
  double value = 0.0;         // the default, in the row's unit
  double ci_low = 0.0;        // 95 % interval, lower end (NaN-free; equals value if none)
  double ci_high = 0.0;       // 95 % interval, upper end
  bool has_interval = false;  // whether ci_low/ci_high come from a source
  Distribution distribution = Distribution::fixed;
  std::string source;  // source id(s) from scenarios/evidence/sources.csv, or "placeholder"
  EvidenceStatus status = EvidenceStatus::placeholder;
  std::string note;  // free text: why this value
  std::string file;  // catalogue file the row came from (for messages)
  int line = 0;      // 1-based line in that file
};

// Piecewise-constant baseline hazard out of benefit, per month (docs/model.md §3).
// One row per destination x subgroup x duration piece [from_month, to_month).
struct BaselineRow {
  Destination destination = Destination::employed;
  Selector who;           // usually sex & group & match group; most specific match wins
  int from_month = 0;     // duration clock, months, inclusive
  int to_month = 0;       // exclusive; a very large value means "and after"
  CatalogueValue hazard;  // per month
};

// Piecewise-constant hazard of returning to benefit, by tenure in the current
// employment / education spell (job loss, education drop-out).
struct ReturnHazardRow {
  ReturnHazard kind = ReturnHazard::job_loss;
  Selector who;
  int from_month = 0;  // months since the spell in employment/education began
  int to_month = 0;
  CatalogueValue hazard;  // per month
};

// A covariate hazard ratio: multiplies the baseline hazard to `destination` for persons
// with `level` of `dimension` (docs/model.md §3). For the Danish level, `per_danish_level` rows
// give the ratio per unit of Danish level instead.
struct CovariateRow {
  Destination destination = Destination::employed;
  Dimension dimension = Dimension::age_band;
  int level = 0;                  // level index within `dimension` (unused if per_danish_level)
  bool per_danish_level = false;  // true: hazard_ratio^(Danish level)
  CatalogueValue hazard_ratio;
};

enum class Intensity : std::uint8_t { full_time = 0, part_time = 1 };
// What an intervention is, for the municipal multipliers and mechanisms that act on a
// kind of intervention rather than on one (docs/model.md §5).
enum class InterventionKind : std::uint8_t {
  language = 0,   // Danish education
  meetings = 1,   // caseworker conversations: scaled by caseload, specialised caseworkers
  company = 2,    // internships, wage subsidies, IGU: scaled by company collaboration;
                  // placement succeeds with a probability rising in the Danish level
  guidance = 3,   // guidance, clarification, upskilling: specialised caseworkers
  education = 4,  // education activation: larger effect when local employment is low
  health = 5,     // health clarification
  other = 6
};
enum class Phase : std::uint8_t { anticipation = 0, lock_in = 1, post = 2 };
inline constexpr int k_phase_count = 3;

// An intervention type (docs/model.md §4).
struct InterventionType {
  std::string id;     // e.g. "internship_private"
  std::string label;  // plain words for planners
  Intensity intensity = Intensity::full_time;
  InterventionKind kind = InterventionKind::other;
  CatalogueValue default_duration;          // months
  CatalogueValue anticipation_months;       // months before a scheduled start
  CatalogueValue full_dose_months;          // completed months for the full post effect
  CatalogueValue post_half_life;            // months; <= 0 or >= 1e9 means no decay
  CatalogueValue cost_per_month;            // DKK per participant-month
  CatalogueValue danish_gain_per_month;     // Danish levels gained per month of participation
  CatalogueValue effect_until_spell_month;  // anticipation and lock-in effects only while
                                            // the benefit spell is younger (months; 0 = always)
};

// An effect hazard ratio of one intervention, phase, destination and subgroup.
// For a person the most specific matching row is used; no row means HR 1.
struct EffectRow {
  std::string intervention;
  Phase phase = Phase::post;
  Destination destination = Destination::employed;
  Selector who;
  CatalogueValue hazard_ratio;
};

// An ordered interaction: an extra hazard ratio on `destination` once `then` has been
// completed after `first` (docs/model.md §4).
struct InteractionRow {
  std::string first;
  std::string then;
  Destination destination = Destination::employed;
  Selector who;
  CatalogueValue hazard_ratio;
};

// Scalar rules and costs (benefit rates, etc.), by id.
struct RuleRow {
  std::string unit;  // e.g. "DKK per month"
  CatalogueValue value;
};

// An intervention type's numbers in the column order of interventions.csv (one list
// for all_values() and the evidence table).
std::vector<const CatalogueValue*> intervention_values(const InterventionType& type);

struct Catalogue {
  std::vector<BaselineRow> baselines;
  std::vector<ReturnHazardRow> return_hazards;
  std::vector<CovariateRow> covariates;
  std::vector<InterventionType> interventions;
  std::vector<EffectRow> effects;
  std::vector<InteractionRow> interactions;
  std::vector<RuleRow> rules;

  const InterventionType* find_intervention(std::string_view id) const;
  // Every row's value, for override lookup and `check` output; pointers stay valid while
  // the catalogue is not modified.
  std::vector<const CatalogueValue*> all_values() const;
  std::vector<CatalogueValue*> all_values_mutable();
};

// Whether catalogue id `id` matches `pattern`, where '*' stands for any run of characters
// (calibration parameters and value-of-information groups name sets of rows this way).
bool id_matches_pattern(std::string_view id, std::string_view pattern);

std::string_view name_of(EvidenceStatus s);
std::string_view name_of(Distribution d);
std::string_view name_of(Intensity i);
std::string_view name_of(InterventionKind k);
std::string_view name_of(Phase p);

}  // namespace integrasim
