#include "core/catalogue.h"

namespace integrasim {
namespace {

// The seven numbers of an intervention type, in the column order of interventions.csv.
// Templated on constness so that all_values() and all_values_mutable() share one list.
template <typename Type, typename Out>
void append_intervention_values(Type& t, Out& out) {
  out.push_back(&t.default_duration);
  out.push_back(&t.anticipation_months);
  out.push_back(&t.full_dose_months);
  out.push_back(&t.post_half_life);
  out.push_back(&t.cost_per_month);
  out.push_back(&t.danish_gain_per_month);
  out.push_back(&t.effect_until_spell_month);
}

// Every value of the catalogue in file order (baselines, return hazards, covariates,
// interventions, effects, interactions, rules).
template <typename Cat, typename Out>
void append_all_values(Cat& c, Out& out) {
  for (auto& r : c.baselines) out.push_back(&r.hazard);
  for (auto& r : c.return_hazards) out.push_back(&r.hazard);
  for (auto& r : c.covariates) out.push_back(&r.hazard_ratio);
  for (auto& t : c.interventions) append_intervention_values(t, out);
  for (auto& r : c.effects) out.push_back(&r.hazard_ratio);
  for (auto& r : c.interactions) out.push_back(&r.hazard_ratio);
  for (auto& r : c.rules) out.push_back(&r.value);
}

}  // namespace

std::vector<const CatalogueValue*> intervention_values(const InterventionType& type) {
  std::vector<const CatalogueValue*> out;
  append_intervention_values(type, out);
  return out;
}

const InterventionType* Catalogue::find_intervention(std::string_view id) const {
  for (const auto& t : interventions)
    if (t.id == id) return &t;
  return nullptr;
}

std::vector<const CatalogueValue*> Catalogue::all_values() const {
  std::vector<const CatalogueValue*> out;
  append_all_values(*this, out);
  return out;
}

std::vector<CatalogueValue*> Catalogue::all_values_mutable() {
  std::vector<CatalogueValue*> out;
  append_all_values(*this, out);
  return out;
}

std::string_view name_of(EvidenceStatus s) {
  switch (s) {
    case EvidenceStatus::estimate:
      return "estimate";
    case EvidenceStatus::derived:
      return "derived";
    case EvidenceStatus::calibrated:
      return "calibrated";
    case EvidenceStatus::placeholder:
      return "placeholder";
  }
  return "?";
}

std::string_view name_of(Distribution d) {
  switch (d) {
    case Distribution::fixed:
      return "fixed";
    case Distribution::lognormal:
      return "lognormal";
    case Distribution::beta:
      return "beta";
    case Distribution::gamma:
      return "gamma";
    case Distribution::normal:
      return "normal";
  }
  return "?";
}

std::string_view name_of(Intensity i) {
  switch (i) {
    case Intensity::full_time:
      return "full_time";
    case Intensity::part_time:
      return "part_time";
  }
  return "?";
}

std::string_view name_of(InterventionKind k) {
  switch (k) {
    case InterventionKind::language:
      return "language";
    case InterventionKind::meetings:
      return "meetings";
    case InterventionKind::company:
      return "company";
    case InterventionKind::guidance:
      return "guidance";
    case InterventionKind::education:
      return "education";
    case InterventionKind::health:
      return "health";
    case InterventionKind::other:
      return "other";
  }
  return "?";
}

std::string_view name_of(Phase p) {
  switch (p) {
    case Phase::anticipation:
      return "anticipation";
    case Phase::lock_in:
      return "lock_in";
    case Phase::post:
      return "post";
  }
  return "?";
}

bool id_matches_pattern(std::string_view id, std::string_view pattern) {
  // Greedy wildcard matching with backtracking to the last '*'.
  std::size_t i = 0, p = 0, star = std::string_view::npos, mark = 0;
  while (i < id.size()) {
    if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      mark = i;
    } else if (p < pattern.size() && pattern[p] == id[i]) {
      ++p;
      ++i;
    } else if (star != std::string_view::npos) {
      p = star + 1;
      i = ++mark;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

}  // namespace integrasim
