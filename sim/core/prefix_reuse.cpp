#include "core/prefix_reuse.h"

#include <algorithm>
#include <numeric>

namespace integrasim {
namespace {

// Everything but the pathways must match for two runs of a person to agree: the rules
// as one value, the re-entry pathway and the selectors the pathways are assigned by.
bool same_rules(const CompiledModel& m, int a, int b) {
  const ArmVariant& x = m.variants[static_cast<std::size_t>(a)];
  const ArmVariant& y = m.variants[static_cast<std::size_t>(b)];
  if (!(x.rules == y.rules) || !x.rules.runs_programmes() || x.reentry_pathway != y.reentry_pathway ||
      x.assignments.size() != y.assignments.size() || x.keeps_accounts != y.keeps_accounts)
    return false;
  // Only the variant that is its arm records the monthly table, and a saved run carries
  // its recorded intervals: both record or neither does.
  if (m.is_arm_variant(a) != m.is_arm_variant(b)) return false;
  for (std::size_t i = 0; i < x.assignments.size(); ++i)
    if (!(x.assignments[i].first == y.assignments[i].first)) return false;
  return true;
}

// Whether any programme step variant v may start satisfies `pred`: the steps of its
// assigned and re-entry pathways and a caseload person's programme at the plan's start
// (N and the rules-only variants, which ignore pathways, start none).
template <class Pred>
bool any_step(const CompiledModel& m, int v, Pred pred) {
  const ArmVariant& x = m.variants[static_cast<std::size_t>(v)];
  if (!x.rules.runs_programmes()) return false;
  const auto in_pathway = [&](int p) {
    if (p < 0) return false;
    for (const auto& track : m.pathways[static_cast<std::size_t>(p)].tracks)
      if (std::any_of(track.begin(), track.end(), pred)) return true;
    return false;
  };
  if (in_pathway(x.reentry_pathway)) return true;
  for (const auto& assignment : x.assignments)
    if (in_pathway(assignment.second)) return true;
  for (const auto& programme : m.caseload_programmes)
    if (std::any_of(programme.begin(), programme.end(), pred)) return true;
  return false;
}

// Whether no run of variant v can start a programme step. The decomposition's switches
// then act on nothing; only the benefit rules shape the runs.
bool starts_no_step(const CompiledModel& m, int v) {
  return !any_step(m, v, [](const CompiledStep&) { return true; });
}

// Whether two variants are simulated exactly alike: the same benefit rules and either
// neither starts a programme step, or the same switches and pathways with the same steps.
bool simulated_alike(const CompiledModel& m, int a, int b) {
  const ArmVariant& x = m.variants[static_cast<std::size_t>(a)];
  const ArmVariant& y = m.variants[static_cast<std::size_t>(b)];
  if (!(x.rules.benefit == y.rules.benefit) || x.keeps_accounts != y.keeps_accounts) return false;
  const bool x_none = starts_no_step(m, a);
  if (x_none || starts_no_step(m, b)) return x_none && starts_no_step(m, b);
  if (!(x.rules == y.rules)) return false;
  const auto same_pathway = [&](int p, int q) {
    if (p < 0 || q < 0) return p == q;
    return m.pathways[static_cast<std::size_t>(p)].tracks == m.pathways[static_cast<std::size_t>(q)].tracks;
  };
  if (!same_pathway(x.reentry_pathway, y.reentry_pathway) || x.assignments.size() != y.assignments.size())
    return false;
  for (std::size_t i = 0; i < x.assignments.size(); ++i)
    if (!(x.assignments[i].first == y.assignments[i].first) ||
        !same_pathway(x.assignments[i].second, y.assignments[i].second))
      return false;
  return true;
}

// Whether variant `child` continues from variant `parent`; sets the capture point.
bool continues_from(const CompiledModel& m, int parent, int child, PrefixCapture& at) {
  if (!same_rules(m, parent, child)) return false;
  const ArmVariant& x = m.variants[static_cast<std::size_t>(parent)];
  const ArmVariant& y = m.variants[static_cast<std::size_t>(child)];
  bool extended = false;
  for (std::size_t i = 0; i < x.assignments.size(); ++i) {
    const int p = x.assignments[i].second;
    const int q = y.assignments[i].second;
    if (p == q) continue;
    if (p < 0 || q < 0) return false;
    int track = 0;
    int depth = 0;
    if (!extends_pathway(m.pathways[static_cast<std::size_t>(p)], m.pathways[static_cast<std::size_t>(q)],
                         track, depth))
      return false;
    if (extended && (track != at.track || depth != at.depth)) return false;
    extended = true;
    at = {track, depth};
  }
  return extended;
}

// Whether an anticipation-only variant v runs, for the persons of effect cell `cell`,
// exactly as a variant without programmes under the same benefit rules: no programme it
// may run (its pathways, its re-entry pathway, a caseload person's current programme) has
// an anticipation effect on any destination for that cell. Lock-in, post effects and
// Danish gains are off in it, so its programmes then change no hazard: each of their
// change points leaves the hazards bit for bit as they were (a zero log HR adds +0), and
// a run of constant hazards continues through it (docs/model.md §9). Its metrics other
// than the decomposed ones, which differ (programme months, participants), are never read.
bool anticipation_inert(const CompiledModel& m, int v, int cell) {
  return !any_step(m, v, [&](const CompiledStep& step) {
    const auto& log_hr = m.interventions[static_cast<std::size_t>(step.intervention)]
                             .log_hr[static_cast<std::size_t>(Phase::anticipation)];
    return std::any_of(log_hr.begin(), log_hr.end(),
                       [&](const auto& by_cell) { return by_cell[static_cast<std::size_t>(cell)] != 0.0; });
  });
}

}  // namespace

bool extends_pathway(const CompiledPathway& shorter, const CompiledPathway& longer, int& track, int& depth) {
  if (shorter.tracks.size() != longer.tracks.size()) return false;
  int found = -1;
  for (std::size_t t = 0; t < shorter.tracks.size(); ++t) {
    const auto& a = shorter.tracks[t];
    const auto& b = longer.tracks[t];
    if (a == b) continue;
    // Steps are only added at the end, and to one track.
    if (found >= 0 || a.empty() || a.size() >= b.size() || !std::equal(a.begin(), a.end(), b.begin()))
      return false;
    found = static_cast<int>(t);
  }
  if (found < 0) return false;
  track = found;
  depth = static_cast<int>(shorter.tracks[static_cast<std::size_t>(found)].size());
  return true;
}

PrefixPlan plan_without_reuse(const CompiledModel& model) {
  PrefixPlan plan;
  const std::size_t n = model.variants.size();
  plan.copy_of.assign(n, -1);
  plan.parent.assign(n, -1);
  plan.capture.assign(n, PrefixCapture{});
  plan.order.resize(n);
  std::iota(plan.order.begin(), plan.order.end(), 0);
  plan.inert_source.assign(n, -1);
  plan.inert_in_cell.assign(n, {});
  return plan;
}

PrefixPlan plan_prefix_reuse(const CompiledModel& model) {
  PrefixPlan plan = plan_without_reuse(model);
  const int n = static_cast<int>(model.variants.size());
  // A variant with limited places is simulated for all its persons at once
  // (core/capacity.h): it neither copies, continues nor is continued from.
  // Nor does, in a planner run, a variant that records the calendar's DKK by month: a
  // saved run does not carry them.
  const auto limited = [&](int v) {
    return !model.variants[static_cast<std::size_t>(v)].capacity.empty() ||
           (model.budget_years > 0 && model.is_arm_variant(v));
  };
  // A variant simulated exactly like an earlier one copies its outcome (for example an
  // arm without programmes or benefit rules: N's). One with a monthly table copies it
  // from a variant that records one too (the engine replays the intervals it recorded).
  for (int c = 0; c < n; ++c) {
    if (limited(c)) continue;
    for (int p = 0; p < c; ++p) {
      if (plan.copy_of[static_cast<std::size_t>(p)] < 0 && !limited(p) &&
          (model.is_arm_variant(p) || !model.is_arm_variant(c)) && simulated_alike(model, p, c)) {
        plan.copy_of[static_cast<std::size_t>(c)] = p;
        break;
      }
    }
  }
  const auto copied = [&](int v) { return plan.copy_of[static_cast<std::size_t>(v)] >= 0; };
  // Each other variant continues from the one with the longest shared prefix (the
  // earliest on a tie), so a chain A, A>B, A>B>C saves work at every link.
  std::vector<PrefixCapture> at(static_cast<std::size_t>(n));
  for (int c = 0; c < n; ++c) {
    if (copied(c) || limited(c)) continue;
    for (int p = 0; p < n; ++p) {
      PrefixCapture k;
      if (p == c || copied(p) || limited(p) || !continues_from(model, p, c, k)) continue;
      const int best = plan.parent[static_cast<std::size_t>(c)];
      if (best < 0 || k.depth > at[static_cast<std::size_t>(c)].depth) {
        plan.parent[static_cast<std::size_t>(c)] = p;
        at[static_cast<std::size_t>(c)] = k;
      }
    }
  }
  // A run is saved at one point only: children that would part elsewhere run in full.
  for (int c = 0; c < n; ++c) {
    const int p = plan.parent[static_cast<std::size_t>(c)];
    if (p < 0) continue;
    PrefixCapture& cap = plan.capture[static_cast<std::size_t>(p)];
    const PrefixCapture& k = at[static_cast<std::size_t>(c)];
    if (cap.depth == 0) {
      cap = k;
    } else if (cap.track != k.track || cap.depth != k.depth) {
      plan.parent[static_cast<std::size_t>(c)] = -1;
    }
  }
  // An anticipation-only variant that is no one's parent or copy source, and is not
  // reported month by month, copies, in the cells where its switch acts on nothing, the run without
  // programmes under the same benefit rules (N or a rules-only variant, simulated or
  // copied; the engine copies once every other variant of the person is done).
  const auto copied_by_another = [&](int v) {
    return std::find(plan.copy_of.begin(), plan.copy_of.end(), v) != plan.copy_of.end();
  };
  for (int c = 0; c < n; ++c) {
    const ArmVariant& x = model.variants[static_cast<std::size_t>(c)];
    if (copied(c) || copied_by_another(c) || limited(c) || plan.has_children(c) || model.is_arm_variant(c) ||
        !x.rules.runs_programmes() || !x.rules.anticipation_on || x.rules.lock_in_on || x.rules.post_on)
      continue;
    int source = -1;
    for (int s = 0; s < n && source < 0; ++s) {
      const ArmVariant& y = model.variants[static_cast<std::size_t>(s)];
      // The accounts change no state's time: the source may keep them.
      if (!y.rules.runs_programmes() && !limited(s) && y.rules.benefit == x.rules.benefit) source = s;
    }
    if (source < 0) continue;
    auto& cells = plan.inert_in_cell[static_cast<std::size_t>(c)];
    for (int cell = 0; cell < k_effect_cell_count; ++cell)
      cells[static_cast<std::size_t>(cell)] = anticipation_inert(model, c, cell) ? 1 : 0;
    if (std::find(cells.begin(), cells.end(), 1) != cells.end())
      plan.inert_source[static_cast<std::size_t>(c)] = source;
  }
  // Parents first: order by the length of the chain above each variant (the chain ends
  // because every link adds steps); a copy right after everything that is not one.
  std::vector<int> generation(static_cast<std::size_t>(n), 0);
  int last_generation = 0;
  for (int v = 0; v < n; ++v) {
    for (int p = plan.parent[static_cast<std::size_t>(v)]; p >= 0;
         p = plan.parent[static_cast<std::size_t>(p)])
      ++generation[static_cast<std::size_t>(v)];
    last_generation = std::max(last_generation, generation[static_cast<std::size_t>(v)]);
  }
  for (int v = 0; v < n; ++v)
    if (copied(v)) generation[static_cast<std::size_t>(v)] = last_generation + 1;
  std::stable_sort(plan.order.begin(), plan.order.end(), [&](int a, int b) {
    return generation[static_cast<std::size_t>(a)] < generation[static_cast<std::size_t>(b)];
  });
  return plan;
}

}  // namespace integrasim
