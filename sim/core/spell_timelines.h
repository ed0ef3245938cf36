// First-spell timelines (docs/model.md §9, docs/developing.md "Where the benchmark's time
// goes"): the re-evaluations of a first benefit spell, compiled once for the persons who
// share them. Persons who share a variant, an effect cell, the levels that selectors read,
// the Danish level at entry and their follow-up live the same first spell, pass by pass of
// the spell loop, until they leave it, as long as they take the same random decisions (is
// a step offered, can a placement be established); only their thresholds and hazard
// factors differ. So each re-evaluation of the effect multipliers, the Danish rate and the
// month of the next Danish module is recorded with its pass, and a later person reuses it
// pass by pass instead of computing it again. The values are the bits the computation
// gives, as it is a function of the run's state, which is the same: results do not change.
//
// A person follows the key's first timeline and checks each decision as the run takes it.
// One taken otherwise moves the person to a timeline of the same key that took it so (its
// passes until then are the same), or starts one, recorded from there; a run that goes on
// past the recorded passes records what follows.
#pragma once

#include <array>
#include <cstdint>
#include <vector>

#include "core/compiled_model.h"
#include "core/completion.h"
#include "core/mechanisms/municipal_costs.h"
#include "core/model_types.h"

namespace integrasim {

// One pass of the spell loop, and what its re-evaluation gave, if it made one.
struct TimelinePass {
  bool evaluated = false;
  // Whether the pass was recorded whole (its segment and its books), so that a run may
  // walk it without the loop (Simulator::walk_first_spell_).
  bool walkable = false;
  // exp(log HR), ratio: the scale is factor x effect. No hazard is added on top, as only the
  // sanctions add one and their runs have no timelines.
  std::array<double, k_destination_count> effect{};
  double danish_rate = 0.0;  // Danish levels per month
  int module_month = 0;      // the next Danish module that matters, months since entry
  int d = 0;                 // the segment's duration month, indexing the baseline
  int end = 0;               // the month the segment ends
};

// A random decision of the first spell, as a run that walks the timeline takes it again
// with its own uniform: the outcome is uniform < probability.
struct TimelineDecision {
  int pass = -1;           // the pass whose schedule event takes it (-1: the spell's start)
  bool placement = false;  // a company placement (else whether the step is offered)
  int step_key = 0;        // the step's key in the person's streams
  double probability = 0;  // coverage, or the placement's probability at the level then
};

// A programme under way at a pass: what ending the spell there completes.
struct TimelineTrack {
  const std::vector<CompiledStep>* steps = nullptr;
  std::size_t next = 0;  // the step
  int start = 0;         // months since entry
};

// A call that writes the monthly table, in the order the first spell made it: a
// programme's months (programme), or the first start of an intervention (began).
struct TimelineRecord {
  bool began = false;
  int intervention = 0;
  int start = 0;     // began: the month; programme: its first month
  double end = 0.0;  // programme: months since entry at which it ended
};

// What the first spell's bookkeeping holds at a pass, after its schedule event and its
// re-evaluation: all a run that leaves benefit in that pass (or reaches the horizon)
// needs to end the spell exactly as the loop would.
inline constexpr int k_timeline_tracks = 4;  // programmes under way at once, at most, to walk
struct TimelineBooks {
  double danish_level = 0.0;        // levels (RunState::danish_level), at danish_from
  double danish_from = 0.0;         // months since entry (SpellLoop's)
  double danish_rate = 0.0;         // levels per month
  int module_month = 0;             // months since entry (SpellLoop's)
  MunicipalAccountsState accounts;  // DKK so far, and the grants' flags
  // The metric columns the schedule writes: participant (0 or 1), programme months, DKK.
  double participants = 0.0;
  double programme_months = 0.0;
  double cost_programmes_dkk = 0.0;
  bool decaying_post = false;
  int completions = 0;  // Timeline::completions[0, completions) are the run's
  int records = 0;      // Timeline::records[0, records) were made
  int tracks = 0;       // active[0, tracks): the programmes under way, in track order
  std::array<TimelineTrack, k_timeline_tracks> active{};
};

struct Timeline {
  // The outcomes of the recorded spell's random decisions (whether a step is offered,
  // whether its company placement can be established), in order. The outcomes alone say
  // which: runs that took the same ones so far are in the same state, so they meet the
  // same decision next.
  std::vector<std::uint8_t> decisions;
  std::vector<TimelineDecision> decision_info;  // per decision, how it is taken
  std::vector<TimelinePass> passes;
  std::vector<TimelineBooks> books;     // per pass (read where it is walkable)
  std::vector<Completion> completions;  // the recorded spell's, in order
  std::vector<TimelineRecord> records;  // the recorded spell's, in order
  int head = -1;                        // the key's first timeline
  int next = -1;                        // the next timeline of the same key (-1: none)
  // Per decision k, once known: a timeline that took this one's first k outcomes and the
  // other outcome at k (-1: not known yet), so that the persons who decide otherwise find
  // it without searching the key's timelines.
  std::vector<int> other;
};

// What a first spell's course depends on besides the decisions: the variant, the effect
// cell (baselines and effects), the levels of the dimensions that some selector of an
// assignment or a step reads (-1 for the others, whose covariate hazard ratios are in the
// person's factors), the Danish level at entry and the follow-up.
struct TimelineKey {
  int variant = 0;
  int cell = 0;
  std::array<std::int8_t, k_dimension_count> levels{};
  double danish_level_at_entry = 0.0;
  int offset = 0, begin = 0, end = 0, spell_start = 0;
  bool operator==(const TimelineKey&) const = default;
};

struct TimelineKeyHash {
  std::size_t operator()(const TimelineKey& k) const;
};

// Passes recorded at most per simulator: several times what the benchmark and the default
// scenario record (about 4,000), bounded for scenarios with many more kinds of person,
// which then evaluate the rest themselves.
inline constexpr std::int64_t k_default_timeline_passes = 1 << 14;

// An upper estimate of what timelines of `passes` passes hold at most
// (core/memory_estimate.h): per pass, the pass, a timeline, key slots and two decisions with their links,
// with their heap overhead.
std::size_t timeline_max_bytes(std::int64_t passes);

class SpellTimelines {
 public:
  explicit SpellTimelines(std::int64_t passes) : passes_left_(passes), budget_(passes) {}

  std::size_t size() const { return timelines_.size(); }
  std::int64_t passes_recorded() const { return budget_ - passes_left_; }

  // The first timeline of `key`; -1 if none.
  int first(const TimelineKey& key) const { return slots_.empty() ? -1 : slots_[slot_(key)].first; }
  // Another timeline of t's key that took t's first `k` decisions alike and decision k
  // otherwise; -1 if none.
  int sibling(int t, std::size_t k) {
    // Once known, the link is kept (link_): most calls end here, so this part is inline.
    const std::vector<int>& known = timelines_[static_cast<std::size_t>(t)].other;
    if (k < known.size() && known[k] >= 0) return known[k];
    return find_sibling_(t, k);
  }
  // The first timeline of `key`, which has none yet; -1 once the budget is spent.
  int add(const TimelineKey& key);
  // A new timeline of t's key that shares t's first `k` decisions and its first `pass`
  // passes, with a new pass number `pass` to record (none if pass < 0); -1 once the
  // budget is spent.
  int add_sibling(int t, std::size_t k, int pass);
  // Room for one more pass (counted against the budget).
  bool take_pass();

  Timeline& operator[](int t) { return timelines_[static_cast<std::size_t>(t)]; }
  const Timeline& operator[](int t) const { return timelines_[static_cast<std::size_t>(t)]; }

 private:
  // An open-addressing table of the keys (a power of two in size, at most half full): the
  // lookup is made once per run, so it must cost little more than the key's hash.
  struct Slot {
    TimelineKey key;
    int first = -1;  // the key's first timeline; -1: the slot is free
  };
  // The slot of `key`, or the free one where it would go.
  std::size_t slot_(const TimelineKey& key) const {
    const std::size_t mask = slots_.size() - 1;
    std::size_t i = TimelineKeyHash{}(key)&mask;
    while (slots_[i].first >= 0 && !(slots_[i].key == key)) i = (i + 1) & mask;
    return i;
  }
  int find_sibling_(int t, std::size_t k);
  void grow_();
  int append_(int head);
  void link_(int t, std::size_t k, int s);

  std::vector<Timeline> timelines_;
  std::vector<Slot> slots_;
  std::size_t keys_ = 0;
  std::int64_t passes_left_;
  std::int64_t budget_;
};

}  // namespace integrasim
