#include "core/prefix_reuse.h"

#include <algorithm>
#include <numeric>

namespace integrasim {
namespace {

bool runs_programmes(VariantKind kind) {
  return kind == VariantKind::anticipation || kind == VariantKind::lock_in || kind == VariantKind::full;
}

// Everything but the pathways must match for two runs of a person to agree.
bool same_rules(const CompiledModel& m, int a, int b) {
  const ArmVariant& x = m.variants[static_cast<std::size_t>(a)];
  const ArmVariant& y = m.variants[static_cast<std::size_t>(b)];
  if (x.kind != y.kind || !runs_programmes(x.kind) || x.reentry_pathway != y.reentry_pathway ||
      x.benefit_cut != y.benefit_cut || x.sanctions != y.sanctions || x.anticipation_on != y.anticipation_on ||
      x.lock_in_on != y.lock_in_on || x.post_on != y.post_on || x.assignments.size() != y.assignments.size())
    return false;
  // Only the variant that is its arm records the monthly table, and a saved run carries
  // its recorded intervals: both record or neither does.
  const bool x_records = m.arm_full_variant[static_cast<std::size_t>(x.arm)] == a;
  const bool y_records = m.arm_full_variant[static_cast<std::size_t>(y.arm)] == b;
  if (x_records != y_records) return false;
  for (std::size_t i = 0; i < x.assignments.size(); ++i)
    if (!(x.assignments[i].first == y.assignments[i].first)) return false;
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
    if (!extends_pathway(m.pathways[static_cast<std::size_t>(p)], m.pathways[static_cast<std::size_t>(q)], track,
                         depth))
      return false;
    if (extended && (track != at.track || depth != at.depth)) return false;
    extended = true;
    at = {track, depth};
  }
  return extended;
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
    if (found >= 0 || a.empty() || a.size() >= b.size() || !std::equal(a.begin(), a.end(), b.begin())) return false;
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
  plan.parent.assign(n, -1);
  plan.capture.assign(n, PrefixCapture{});
  plan.order.resize(n);
  std::iota(plan.order.begin(), plan.order.end(), 0);
  return plan;
}

PrefixPlan plan_prefix_reuse(const CompiledModel& model) {
  PrefixPlan plan = plan_without_reuse(model);
  const int n = static_cast<int>(model.variants.size());
  // Each variant continues from the one with the longest shared prefix (the earliest on
  // a tie), so a chain A, A>B, A>B>C saves work at every step.
  std::vector<PrefixCapture> at(static_cast<std::size_t>(n));
  for (int c = 0; c < n; ++c) {
    for (int p = 0; p < n; ++p) {
      PrefixCapture k;
      if (p == c || !continues_from(model, p, c, k)) continue;
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
  // Parents first: order by the length of the chain above each variant. The chain ends
  // because every link adds steps.
  std::vector<int> generation(static_cast<std::size_t>(n), 0);
  for (int v = 0; v < n; ++v)
    for (int p = plan.parent[static_cast<std::size_t>(v)]; p >= 0; p = plan.parent[static_cast<std::size_t>(p)])
      ++generation[static_cast<std::size_t>(v)];
  std::stable_sort(plan.order.begin(), plan.order.end(), [&](int a, int b) {
    return generation[static_cast<std::size_t>(a)] < generation[static_cast<std::size_t>(b)];
  });
  return plan;
}

}  // namespace integrasim
