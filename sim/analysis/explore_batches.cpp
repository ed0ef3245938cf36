#include "analysis/explore_batches.h"

#include <algorithm>
#include <map>
#include <numeric>

namespace integrasim {
namespace {

// A sequence as the trie sees it: first start month, then the (block, duration) list.
using SequenceKey = std::pair<int, std::vector<std::pair<int, int>>>;

SequenceKey key_of(const ExploreCandidate& c) {
  return {c.start_month, c.blocks};
}

SequenceKey prefix_of(const SequenceKey& k, std::size_t length) {
  return {k.first, std::vector<std::pair<int, int>>(k.second.begin(),
                                                    k.second.begin() + static_cast<std::ptrdiff_t>(length))};
}

ExploreBatchPlan plan_in_enumeration_order(const std::vector<ExploreCandidate>& candidates,
                                           std::size_t size) {
  ExploreBatchPlan plan;
  for (std::size_t first = 0; first < candidates.size(); first += size) {
    std::vector<BatchArm> batch;
    for (std::size_t i = first; i < std::min(candidates.size(), first + size); ++i)
      batch.push_back({static_cast<int>(i), &candidates[i]});
    plan.batches.push_back(std::move(batch));
  }
  if (plan.batches.empty()) plan.batches.emplace_back();  // the comparator alone
  return plan;
}

}  // namespace

std::string numbered_id(char letter, std::int64_t number) {
  const std::string digits = std::to_string(number);
  std::string id(1, letter);
  if (digits.size() < 5) id.append(5 - digits.size(), '0');
  return id.append(digits);
}

ExploreBatchPlan plan_explore_batches(const ExploreSpec& spec,
                                      const std::vector<ExploreCandidate>& candidates, int batch_size,
                                      bool reuse_prefixes) {
  const std::size_t size = static_cast<std::size_t>(std::max(1, batch_size));
  if (!reuse_prefixes) return plan_in_enumeration_order(candidates, size);

  // Depth-first order: sorting the sequences puts each right before its extensions.
  std::vector<std::size_t> order(candidates.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return key_of(candidates[a]) < key_of(candidates[b]);
  });
  std::map<SequenceKey, int> candidate_of;
  std::map<SequenceKey, int> extensions;  // candidates extending each shorter sequence
  for (std::size_t i = 0; i < candidates.size(); ++i) {
    const SequenceKey k = key_of(candidates[i]);
    candidate_of.emplace(k, static_cast<int>(i));
    for (std::size_t len = 1; len < k.second.size(); ++len) ++extensions[prefix_of(k, len)];
  }

  // The nodes in depth-first order: candidates, and before its first extension each
  // shared prefix that is not a candidate but is extended by enough of them.
  struct Node {
    SequenceKey key;
    int candidate = -1;  // or -1 - helper index
  };
  ExploreBatchPlan plan;
  std::vector<Node> nodes;
  std::map<SequenceKey, std::size_t> node_of;
  for (const std::size_t i : order) {
    const SequenceKey k = key_of(candidates[i]);
    for (std::size_t len = 1; len < k.second.size(); ++len) {
      SequenceKey p = prefix_of(k, len);
      if (candidate_of.count(p) > 0 || extensions[p] < k_min_extensions_for_helper || node_of.count(p) > 0)
        continue;
      plan.helpers.push_back(make_explore_candidate(
          spec, numbered_id('h', static_cast<std::int64_t>(plan.helpers.size()) + 1), p.first, p.second));
      node_of.emplace(p, nodes.size());
      nodes.push_back({std::move(p), -static_cast<int>(plan.helpers.size())});
    }
    node_of.emplace(k, nodes.size());
    nodes.push_back({k, static_cast<int>(i)});
  }
  // From here on plan.helpers does not change, so arms may point into it.
  const auto arm_of = [&](const Node& n, bool as_helper) {
    const ExploreCandidate* pathway = n.candidate >= 0
                                          ? &candidates[static_cast<std::size_t>(n.candidate)]
                                          : &plan.helpers[static_cast<std::size_t>(-1 - n.candidate)];
    return BatchArm{as_helper ? -1 : std::max(-1, n.candidate), pathway};
  };

  // Candidates in depth-first order fill the batches; a shorter sequence that is not in
  // the batch (a helper, or a candidate of an earlier batch) runs again as a helper arm
  // when enough of the batch extends it, within the batch size.
  std::vector<std::size_t> members;  // candidate nodes, in order
  for (std::size_t j = 0; j < nodes.size(); ++j)
    if (nodes[j].candidate >= 0) members.push_back(j);
  const auto helpers_for = [&](std::size_t first, std::size_t end) {
    std::map<std::size_t, int> extending;  // node -> members of the batch extending it
    for (std::size_t m = first; m < end; ++m) {
      const SequenceKey& k = nodes[members[m]].key;
      for (std::size_t len = 1; len < k.second.size(); ++len) {
        const auto it = node_of.find(prefix_of(k, len));
        if (it == node_of.end()) continue;
        const bool in_batch = nodes[it->second].candidate >= 0 && it->second >= members[first] &&
                              it->second <= members[end - 1];
        if (!in_batch) ++extending[it->second];
      }
    }
    std::vector<std::size_t> out;
    for (const auto& [node, count] : extending)
      if (count >= k_min_extensions_for_helper) out.push_back(node);
    return out;
  };
  std::size_t next = 0;
  while (next < members.size()) {
    std::size_t end = std::min(members.size(), next + size);
    std::vector<std::size_t> extra = helpers_for(next, end);
    while (end - next + extra.size() > size && end - next > 1) {
      --end;
      extra = helpers_for(next, end);
    }
    if (end - next + extra.size() > size) extra.clear();  // one candidate alone
    std::vector<BatchArm> batch;
    for (const std::size_t j : extra) batch.push_back(arm_of(nodes[j], true));
    for (std::size_t m = next; m < end; ++m) batch.push_back(arm_of(nodes[members[m]], false));
    plan.batches.push_back(std::move(batch));
    next = end;
  }
  if (plan.batches.empty()) plan.batches.emplace_back();
  return plan;
}

}  // namespace integrasim
