#include "core/memory_estimate.h"

#include <algorithm>
#include <cstdio>

#include "core/capacity.h"
#include "core/engine.h"
#include "core/ordered_fold.h"
#include "core/person_simulator.h"
#include "core/results.h"
#include "core/spell_timelines.h"
#include "core/tallies.h"

namespace integrasim {
namespace {

using u64 = std::uint64_t;

u64 u(std::int64_t n) {
  return n > 0 ? static_cast<u64>(n) : 0U;
}
u64 u(std::size_t n) {
  return static_cast<u64>(n);
}

// The program itself, the embedded and parsed catalogue and the compiled model: measured
// at 7.5-8 MB resident for small runs (docs/memory.md), rounded up.
constexpr u64 k_fixed_bytes = 10U << 20U;
// What the allocator holds beyond the bytes asked for (block headers, pages of freed
// vectors not yet returned, growth of the result vectors), in percent of them: the
// arrays alone came within 1.5 % of the measured peaks of large runs, so 15 % keeps the
// estimate on the high side.
constexpr u64 k_slack_percent = 15;
// A heap block's bookkeeping (glibc: 16 bytes a chunk), for per-row strings and vectors.
constexpr u64 k_heap_overhead = 16;
// CSV text per row, at the longest names and full-precision numbers the writers produce:
// measured averages are 60-75 bytes for monthly.csv and about 19 bytes per number in
// summary.csv (docs/memory.md).
constexpr u64 k_monthly_csv_row_bytes = 96;
constexpr u64 k_csv_number_bytes = 24;
// A paused run's heap (its tracks, completions and mechanism state), beyond sizeof.
constexpr u64 k_paused_run_heap_bytes = 256;
// A worker's simulator buffers, stack and allocator arena in use.
constexpr u64 k_worker_bytes = 2U << 20U;

// All arrays of one Tallies(layout) (floating sums and integer counts).
u64 full_tally_bytes(const TallyLayout& l) {
  return 8U * (u(l.variant_sum_size()) + u(l.pair_sum_size()) + u(l.participant_sum_size()) +
               u(l.monthly_size()) + u(l.first_job_size()) + u(l.first_job_joint_size()) +
               u(l.calendar_money_size()) + 2U * u(static_cast<std::int64_t>(l.groups)));
}

// The floating sums of one chunk (make_sum_tallies in core/ordered_fold.h).
u64 chunk_tally_bytes(const TallyLayout& l) {
  return 8U * (u(l.variant_sum_size()) + u(l.pair_sum_size()) + u(l.participant_sum_size()) +
               u(l.calendar_money_size()));
}

// The persons of one variant with limited places, simulated together (core/capacity.cpp).
u64 capacity_world_bytes(const CompiledModel& m, const TallyLayout& l, const ArmVariant& variant,
                         bool records_monthly) {
  const u64 persons = u(m.persons);
  const u64 metrics = u(static_cast<std::int64_t>(l.metrics));
  const u64 limited = u(variant.capacity.size());
  const u64 money = records_monthly ? u(static_cast<std::int64_t>(k_cost_measure_count)) *
                                          u(static_cast<std::int64_t>(l.money_months))
                                    : 0U;
  const u64 per_person = 8U * (2U * metrics + 1U + money) + sizeof(RunState) + k_paused_run_heap_bytes +
                         sizeof(PlaceRequest) + 4U * limited + 8U;  // + one place in a month's queue
  return persons * per_person + (records_monthly ? full_tally_bytes(l) : 0U);
}

// Results (core/results.h): rows and their heap strings and vectors.
u64 results_bytes(const CompiledModel& m, const TallyLayout& l, u64& monthly_rows) {
  const u64 slots = u(static_cast<std::int64_t>(l.monthly_slots));
  const u64 groups = u(m.groups.size());
  const u64 metrics = u(static_cast<std::int64_t>(l.metrics));
  const u64 horizon = u(static_cast<std::int64_t>(m.horizon_months));
  monthly_rows = slots * groups * u(static_cast<std::int64_t>(l.series)) * horizon;
  // A programme's id may be longer than a string keeps inline.
  const u64 monthly = monthly_rows * (sizeof(MonthlyRow) + 32U + k_heap_overhead);
  const u64 summary =
      slots * groups * (sizeof(SummaryRow) + 2U * (metrics * sizeof(Estimate) + k_heap_overhead));
  const u64 effects = slots * groups * 3U * 6U * (sizeof(EffectRowOut) + 64U);
  u64 planner = 0;
  if (l.money_months > 0) {
    const u64 measures =
        u(static_cast<std::int64_t>(l.series + k_money_measure_count)) + 4U * u(m.interventions.size());
    planner = slots * horizon * measures * (sizeof(CalendarRow) + 32U + k_heap_overhead);
  }
  return monthly + summary + effects + planner;
}

u64 csv_bytes(const CompiledModel& m, const TallyLayout& l, u64 monthly_rows) {
  const u64 slots = u(static_cast<std::int64_t>(l.monthly_slots));
  const u64 groups = u(m.groups.size());
  const u64 metrics = u(static_cast<std::int64_t>(l.metrics));
  const u64 summary = slots * groups * (64U + 4U * metrics * k_csv_number_bytes);
  u64 planner = 0;
  if (l.money_months > 0) {
    const u64 measures =
        u(static_cast<std::int64_t>(l.series + k_money_measure_count)) + 4U * u(m.interventions.size());
    planner = slots * u(static_cast<std::int64_t>(m.horizon_months)) * measures * k_monthly_csv_row_bytes;
  }
  // A string grown by appending holds up to twice its length while it grows.
  return 2U * (monthly_rows * k_monthly_csv_row_bytes + summary + planner);
}

}  // namespace

MemoryEstimate estimate_run_memory(const CompiledModel& m, const int threads_wanted, const int ranks) {
  const TallyLayout l(m);
  const std::int64_t chunk = chunk_size_for(m.persons);
  const std::int64_t chunks = (m.persons + chunk - 1) / chunk;
  const u64 threads = u(std::clamp<std::int64_t>(threads_wanted, 1, std::max<std::int64_t>(1, chunks)));
  const u64 variants = u(static_cast<std::int64_t>(l.variants));
  const u64 runner = variants * (8U * u(static_cast<std::int64_t>(l.metrics)) * 2U + sizeof(RunSnapshot) +
                                 8U * u(static_cast<std::int64_t>(k_cost_measure_count)) *
                                     u(static_cast<std::int64_t>(l.money_months))) +
                     k_worker_bytes + timeline_max_bytes(k_default_timeline_passes);

  // While simulating: the sums of the chunks being simulated or waiting to be merged (at
  // most k_fold_window_per_thread per thread, core/ordered_fold.h; on a cluster's rank 0 a
  // wave of every rank's chunks), the per-thread counts and their total, and the variants
  // with limited places.
  const u64 held = std::min(
      u(chunks), u(k_fold_window_per_thread) * threads * u(static_cast<std::int64_t>(std::max(1, ranks))));
  std::vector<MemoryTerm> simulating = {
      {"sums of the chunks in progress", held * chunk_tally_bytes(l), "threads, arms, subgroups and months"},
      {"monthly tables and sums per thread", (threads + 1U) * full_tally_bytes(l) + threads * runner,
       "threads, arms, subgroups and months"}};
  u64 worlds = 0;
  for (std::size_t v = 0; v < m.variants.size(); ++v) {
    const ArmVariant& variant = m.variants[v];
    if (variant.capacity.empty()) continue;
    const bool records = m.is_arm_variant(static_cast<int>(v));
    worlds += capacity_world_bytes(m, l, variant, records);
  }
  if (worlds > 0)
    simulating.push_back(
        {"persons of arms with limited places", worlds, "persons and arms with limited places"});

  // Afterwards: the summed tallies or the CSV text, beside the results.
  u64 monthly_rows = 0;
  const u64 results = results_bytes(m, l, monthly_rows);
  const u64 text = csv_bytes(m, l, monthly_rows);
  std::vector<MemoryTerm> writing = {
      {"result tables", results, "arms, subgroups and months"},
      {"CSV text", std::max(text, full_tally_bytes(l)), "arms, subgroups and months"}};

  u64 sim_total = 0, write_total = 0;
  for (const MemoryTerm& t : simulating) sim_total += t.bytes;
  for (const MemoryTerm& t : writing) write_total += t.bytes;
  MemoryEstimate out;
  out.terms = sim_total >= write_total ? simulating : writing;
  for (MemoryTerm& t : out.terms) t.bytes += t.bytes / 100U * k_slack_percent;
  out.terms.push_back({"program, catalogue and compiled model", k_fixed_bytes, ""});
  std::stable_sort(out.terms.begin(), out.terms.end(),
                   [](const MemoryTerm& a, const MemoryTerm& b) { return a.bytes > b.bytes; });
  for (const MemoryTerm& t : out.terms) out.total_bytes += t.bytes;
  return out;
}

std::string format_bytes(const std::uint64_t bytes) {
  static constexpr const char* k_units[] = {"bytes", "kB", "MB", "GB", "TB", "PB", "EB"};
  double value = static_cast<double>(bytes);
  std::size_t unit = 0;
  while (value >= 1024.0 && unit + 1 < std::size(k_units)) {
    value /= 1024.0;
    ++unit;
  }
  char buffer[32];
  if (unit == 0)
    std::snprintf(buffer, sizeof buffer, "%llu bytes", static_cast<unsigned long long>(bytes));
  else
    std::snprintf(buffer, sizeof buffer, value < 10.0 ? "%.1f %s" : "%.0f %s", value, k_units[unit]);
  return buffer;
}

void check_memory(const MemoryEstimate& estimate, const MemoryLimit& limit) {
  if (limit.bytes == 0 || estimate.total_bytes <= limit.bytes) return;
  const MemoryTerm& biggest = estimate.terms.front();
  std::string message = "the run needs an estimated ";
  message += format_bytes(estimate.total_bytes);
  message += " of memory, more than the ";
  message += format_bytes(limit.bytes);
  message += " allowed (";
  message += limit.source;
  message += "); the largest part is ";
  message += biggest.name;
  message += " (";
  message += format_bytes(biggest.bytes);
  if (biggest.grows_with.empty()) {
    message += "), which every run needs: raise --max-memory";
  } else {
    message += "), which grows with ";
    message += biggest.grows_with;
    // Advice for what the part grows with first: persons only matter for the arms with
    // limited places, threads for the sums and tables kept per thread.
    const auto first = [&](const char* what) { return biggest.grows_with.rfind(what, 0) == 0; };
    message += first("persons")   ? ": simulate fewer persons, months, arms or subgroups"
               : first("threads") ? ": use fewer --threads, simulate fewer months, arms or subgroups"
                                  : ": simulate fewer months, arms or subgroups";
    message += " (or turn the decomposition off), or raise --max-memory if the machine has the memory";
  }
  throw InputError(message);
}

}  // namespace integrasim
