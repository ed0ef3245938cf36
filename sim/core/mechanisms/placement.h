// Placement success (docs/model.md §5 language): company placements need enough Danish
// (and company collaboration), so they succeed with probability
// min(1, (p0 + p1 x completed Danish level) x company collaboration), when the catalogue
// gives the placement rules. A placement that fails is skipped and the track goes on.
#pragma once

#include <algorithm>

#include "core/catalogue.h"
#include "core/latent_draws.h"
#include "core/mechanisms/danish_progression.h"
#include "core/scenario.h"

namespace integrasim {

struct PlacementRule {
  bool active = false;                 // the catalogue gives the placement rules
  double at_level_0 = 1.0;             // p0, share
  double per_level = 0.0;              // p1, share per Danish level
  double company_collaboration = 1.0;  // the scenario's multiplier
};

void compile_placement(const Scenario& s, const Catalogue& cat, PlacementRule& rule);

class Placement {
 public:
  explicit Placement(const PlacementRule& rule) : rule_(rule) {}

  // The probability that a step of intervention kind `kind` can start at Danish level
  // `danish_level` (1 where the rules do not apply).
  double probability(InterventionKind kind, double danish_level) const {
    if (!rule_.active || kind != InterventionKind::company) return 1.0;
    return std::clamp(
        (rule_.at_level_0 + rule_.per_level * module_level(danish_level)) * rule_.company_collaboration, 0.0,
        1.0);
  }

  // Whether a step of intervention kind `kind` due to start in benefit spell `spell` can
  // start (its uniform decides, common to every arm).
  bool admits(InterventionKind kind, int step_key, double danish_level, Latent& latent, int spell) const {
    const double p = probability(kind, danish_level);
    if (p >= 1.0) return true;
    return latent.placement_uniform(spell, step_key) < p;
  }

 private:
  const PlacementRule& rule_;
};

}  // namespace integrasim
