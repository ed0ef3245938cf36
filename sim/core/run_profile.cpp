#include "core/run_profile.h"

#include <algorithm>
#include <cstdio>
#include <mutex>

#include "core/compiled_model.h"

namespace integrasim {
namespace {

std::mutex g_total_mutex;
RunProfile g_total;

// Indexed by VariantKind's values, which must stay these.
constexpr std::array<const char*, k_profiled_kind_count> k_kind_names = {"N", "A1", "A2", "full", "A0"};
static_assert(static_cast<int>(VariantKind::no_intervention) == 0 &&
              static_cast<int>(VariantKind::anticipation) == 1 &&
              static_cast<int>(VariantKind::lock_in) == 2 && static_cast<int>(VariantKind::full) == 3 &&
              static_cast<int>(VariantKind::rules_only) == 4 && k_profiled_kind_count == 5);
constexpr std::array<const char*, k_run_part_count - 1> k_part_names = {
    "setup", "first spell", "later spells", "other states", "metrics"};

}  // namespace

void RunProfile::merge(const RunProfile& other) {
  for (std::size_t k = 0; k < times.size(); ++k)
    for (std::size_t i = 0; i < times[k].size(); ++i) {
      times[k][i] += other.times[k][i];
      cycles[k][i] += other.cycles[k][i];
    }
}

bool RunProfile::empty() const {
  return std::all_of(times.begin(), times.end(), [](const auto& row) {
    return std::all_of(row.begin(), row.end(), [](std::int64_t n) { return n == 0; });
  });
}

std::int64_t run_profile_timer_cycles() {
#if INTEGRASIM_RUN_PROFILE
  // The least of many back-to-back timings: what a timing costs when nothing else does.
  RunProfile p;
  std::int64_t least = -1;
  for (int i = 0; i < 1000; ++i) {
    const std::int64_t before = p.cycles[0][0];
    { const RunPartTimer t(p, 0, RunPart::setup); }
    const std::int64_t c = p.cycles[0][0] - before;
    if (least < 0 || c < least) least = c;
  }
  return least;
#else
  return 0;
#endif
}

void add_to_run_profile_total(const RunProfile& p) {
  const std::lock_guard<std::mutex> lock(g_total_mutex);
  g_total.merge(p);
}

RunProfile run_profile_total() {
  const std::lock_guard<std::mutex> lock(g_total_mutex);
  return g_total;
}

void reset_run_profile_total() {
  const std::lock_guard<std::mutex> lock(g_total_mutex);
  g_total = RunProfile{};
}

std::string format_run_profile(const RunProfile& p, std::int64_t timer_cycles) {
  std::string out = "cycles per run (time-stamp counter, less the timer's own cost):\n";
  char line[256];
  std::snprintf(line, sizeof line, "%-6s %10s", "kind", "runs");
  out += line;
  for (const char* name : k_part_names) {
    std::snprintf(line, sizeof line, " %13s", name);
    out += line;
  }
  out += "          glue         whole\n";
  const auto whole = static_cast<std::size_t>(RunPart::whole);
  for (std::size_t k = 0; k < p.times.size(); ++k) {
    const std::int64_t runs = p.times[k][whole];
    if (runs == 0) continue;
    const auto per_run = [&](std::size_t i) {
      return static_cast<double>(p.cycles[k][i] - p.times[k][i] * timer_cycles) / static_cast<double>(runs);
    };
    std::snprintf(line, sizeof line, "%-6s %10lld", k_kind_names[k], static_cast<long long>(runs));
    out += line;
    double parts = 0.0;
    std::int64_t part_timings = 0;
    for (std::size_t i = 0; i < k_part_names.size(); ++i) {
      parts += per_run(i);
      part_timings += p.times[k][i];
      std::snprintf(line, sizeof line, " %13.0f", per_run(i));
      out += line;
    }
    // The whole run's timing encloses the parts' timings: their own cost is not the run's.
    const double run =
        per_run(whole) - static_cast<double>(part_timings * timer_cycles) / static_cast<double>(runs);
    std::snprintf(line, sizeof line, " %13.0f %13.0f\n", run - parts, run);
    out += line;
  }
  return out;
}

}  // namespace integrasim
