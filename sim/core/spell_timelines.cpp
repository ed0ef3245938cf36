#include "core/spell_timelines.h"

#include <algorithm>
#include <bit>

namespace integrasim {

std::size_t TimelineKeyHash::operator()(const TimelineKey& k) const {
  std::uint64_t h = 0;
  const auto mix = [&h](std::uint64_t v) { h = (h ^ v) * 0x9E3779B97F4A7C15ULL; };
  mix(static_cast<std::uint64_t>(static_cast<std::uint32_t>(k.variant)) |
      static_cast<std::uint64_t>(static_cast<std::uint32_t>(k.cell)) << 32);
  std::uint64_t levels = 0;
  for (const std::int8_t l : k.levels) levels = levels << 8 | static_cast<std::uint8_t>(l);
  mix(levels);
  mix(std::bit_cast<std::uint64_t>(k.danish_level_at_entry));
  mix(static_cast<std::uint64_t>(static_cast<std::uint32_t>(k.offset)) |
      static_cast<std::uint64_t>(static_cast<std::uint32_t>(k.begin)) << 32);
  mix(static_cast<std::uint64_t>(static_cast<std::uint32_t>(k.end)) |
      static_cast<std::uint64_t>(static_cast<std::uint32_t>(k.spell_start)) << 32);
  return static_cast<std::size_t>(h ^ (h >> 29));
}

std::size_t timeline_max_bytes(std::int64_t passes) {
  // A pass's books, and a few completions and monthly-table records per pass (each
  // recorded pass may add one of each, and its decisions' descriptions).
  constexpr std::size_t per_pass = sizeof(TimelinePass) + sizeof(TimelineBooks) + sizeof(Timeline) +
                                   4 * sizeof(TimelineKey) +
                                   2 * (sizeof(std::uint8_t) + sizeof(int) + sizeof(TimelineDecision)) +
                                   2 * (sizeof(Completion) + sizeof(TimelineRecord)) + 64;
  return static_cast<std::size_t>(passes) * per_pass;
}

int SpellTimelines::find_sibling_(int t, std::size_t k) {
  const std::vector<std::uint8_t>& taken = (*this)[t].decisions;
  for (int s = (*this)[t].head; s >= 0; s = (*this)[s].next) {
    const std::vector<std::uint8_t>& d = (*this)[s].decisions;
    if (s == t || d.size() <= k || d[k] == taken[k]) continue;
    // The same outcomes before k: the runs were the same until k, so were the decisions.
    bool same = true;
    for (std::size_t i = 0; i < k && same; ++i) same = d[i] == taken[i];
    if (same) {
      link_(t, k, s);
      return s;
    }
  }
  return -1;
}

// Records that s is t's timeline for the other outcome at decision k, and t is s's.
void SpellTimelines::link_(int t, std::size_t k, int s) {
  for (const auto& [from, to] : {std::pair{t, s}, std::pair{s, t}}) {
    std::vector<int>& other = (*this)[from].other;
    if (other.size() <= k) other.resize(k + 1, -1);
    other[k] = to;
  }
}

int SpellTimelines::add(const TimelineKey& key) {
  if (passes_left_ <= 0) return -1;
  if (2 * (keys_ + 1) > slots_.size()) grow_();
  const int t = static_cast<int>(timelines_.size());
  timelines_.emplace_back();
  timelines_.back().head = t;
  slots_[slot_(key)] = {key, t};
  ++keys_;
  return t;
}

int SpellTimelines::add_sibling(int t, std::size_t k, int pass) {
  const std::int64_t passes = std::max(0, pass + 1);
  if (passes_left_ <= 0 || passes_left_ < passes) return -1;
  passes_left_ -= passes;
  const int s = append_((*this)[t].head);
  const Timeline& from = (*this)[t];
  Timeline& to = (*this)[s];
  to.decisions.assign(from.decisions.begin(), from.decisions.begin() + static_cast<std::ptrdiff_t>(k));
  to.decision_info.assign(from.decision_info.begin(),
                          from.decision_info.begin() + static_cast<std::ptrdiff_t>(k));
  if (pass >= 0) {
    to.passes.assign(from.passes.begin(), from.passes.begin() + pass);
    to.passes.emplace_back();
    to.books.assign(from.books.begin(), from.books.begin() + pass);
    to.books.emplace_back();
  }
  // The spell's completions and records so far are the same; the recording run writes
  // its own, which begin with these, at each pass it records.
  to.completions = from.completions;
  to.records = from.records;
  link_(t, k, s);
  return s;
}

// A new timeline at the end of the chain that starts at `head`.
int SpellTimelines::append_(int head) {
  const int t = static_cast<int>(timelines_.size());
  timelines_.emplace_back();
  timelines_.back().head = head;
  int last = head;
  while ((*this)[last].next >= 0) last = (*this)[last].next;
  (*this)[last].next = t;
  return t;
}

void SpellTimelines::grow_() {
  std::vector<Slot> old = std::move(slots_);
  slots_.assign(std::max<std::size_t>(1024, 2 * old.size()), Slot{});
  for (const Slot& s : old)
    if (s.first >= 0) slots_[slot_(s.key)] = s;
}

bool SpellTimelines::take_pass() {
  if (passes_left_ <= 0) return false;
  --passes_left_;
  return true;
}

}  // namespace integrasim
