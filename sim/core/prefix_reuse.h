// Prefix reuse (docs/model.md §9, docs/explorer.md): when two arm variants differ only in that
// one track of the second's pathway goes on after the first's ends, the two runs of a
// person are the same until that track reaches the extra steps. The engine then runs
// the shorter variant, saves each person's run at that moment, and continues the longer
// variant from there instead of from entry; a person who never gets that far has the
// same outcome in both. Results are bit-identical to simulating every variant in full:
// the longer run repeats exactly the operations the saved one did.
#pragma once

#include <array>
#include <cstdint>
#include <vector>

#include "core/compiled_model.h"
#include "core/person_simulator.h"

namespace integrasim {

struct PrefixPlan {
  // Per variant: an earlier variant that is simulated exactly alike (same rules, same
  // pathways; e.g. the rules-only variants of arms with the same benefit rules, or an arm
  // that starts no programme step and N), whose outcome it copies; -1 = none. A variant
  // with a monthly table copies one that has a table too, and replays its intervals.
  std::vector<int> copy_of;
  // Per variant: the variant whose saved run it continues (-1 = runs from entry).
  std::vector<int> parent;
  // Per variant with children: where the children part from it (depth 0 = no children).
  std::vector<PrefixCapture> capture;
  // Every variant once, each after its parent.
  std::vector<int> order;
  // Per variant: a variant without programmes whose outcome it copies for the persons of
  // the effect cells marked in `inert_in_cell`, where none of the effects its switches turn
  // on is other than zero (-1 = none). Only the decomposition's anticipation-only variants
  // qualify (see plan_prefix_reuse); for the others they are simulated as usual.
  std::vector<int> inert_source;
  std::vector<std::array<std::uint8_t, k_effect_cell_count>> inert_in_cell;

  bool has_children(int v) const { return capture[static_cast<std::size_t>(v)].depth > 0; }
  // Whether variant v copies inert_source[v]'s outcome for a person of effect cell `cell`.
  bool copies_inert(int v, int cell) const {
    const std::size_t vs = static_cast<std::size_t>(v);
    return inert_source[vs] >= 0 && inert_in_cell[vs][static_cast<std::size_t>(cell)] != 0;
  }
};

// The plan for `model`: a variant identical to an earlier one copies its outcome; an
// anticipation-only variant copies, for persons in whose effect cell no programme it may
// run has an anticipation effect, the run without programmes under the same benefit rules; every
// other variant continues from the variant that shares the longest prefix with it, if any. Variants qualify
// only when they differ in nothing but the pathways assigned (same selectors, kind, switches, rules and
// re-entry pathway, and both or neither reported month by month), and each assigned pathway pair is equal or
// differs in one track only, by steps added at its end.
PrefixPlan plan_prefix_reuse(const CompiledModel& model);

// The plan that simulates every variant from entry.
PrefixPlan plan_without_reuse(const CompiledModel& model);

// Whether pathway `longer` is `shorter` with steps added at the end of one track; sets
// `track` and `depth` (the shorter track's step count, >= 1).
bool extends_pathway(const CompiledPathway& shorter, const CompiledPathway& longer, int& track, int& depth);

}  // namespace integrasim
