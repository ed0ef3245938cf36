// Where a run's time goes, by part of the run and kind of variant (docs/developing.md,
// "Where the benchmark's time goes"). The person simulator counts processor cycles
// (the time-stamp counter) around each part: the set-up of a run, its first benefit
// spell, its later benefit spells, the other states (employed, education, off benefit,
// exit) and the final metrics. Sampling profilers spread the engine's time over dozens
// of inlined lines; these counters say which part of a run a speed-up must come from.
//
// The counters are compiled in only with the CMake option INTEGRASIM_RUN_PROFILE (off by
// default): about 20 cycles a timing by itself, they make a run about 1.3 times as slow
// (docs/developing.md), most of it in the pipeline around them. Then
// `integrasim bench` prints the table (format_run_profile). In other builds the timers
// are empty and nothing is counted.
//
// A "run" in the table is one call of the simulator: a run with limited places that pauses
// to ask for a place counts once more per resumption, and a run resumed from a saved
// prefix (core/prefix_reuse.h) has no set-up and spends the rest of its first spell in
// the glue. The reference benchmark has neither.
#pragma once

#include <array>
#include <cstdint>
#include <string>

#if INTEGRASIM_RUN_PROFILE
#include <x86intrin.h>
#endif

namespace integrasim {

enum class RunPart : std::uint8_t { setup, first_spell, later_spells, other_states, metrics, whole };
inline constexpr int k_run_part_count = 6;
// VariantKind's values (core/compiled_model.h): N, A1, A2, full, A0.
inline constexpr int k_profiled_kind_count = 5;

struct RunProfile {
  // Per variant kind and part: how often the part was timed, and its cycles.
  std::array<std::array<std::int64_t, k_run_part_count>, k_profiled_kind_count> times{};
  std::array<std::array<std::int64_t, k_run_part_count>, k_profiled_kind_count> cycles{};

  void merge(const RunProfile& other);
  bool empty() const;
};

// Whether this build counts (INTEGRASIM_RUN_PROFILE).
inline constexpr bool k_run_profile_built =
#if INTEGRASIM_RUN_PROFILE
    true;
#else
    false;
#endif

// The cycles one timing itself adds (two counter reads), measured on this machine; 0 in
// builds without the counters.
std::int64_t run_profile_timer_cycles();

// The process's total: each person simulator adds its own when it is destroyed, so that
// the hot loop never takes a lock.
void add_to_run_profile_total(const RunProfile& p);
RunProfile run_profile_total();
void reset_run_profile_total();

// The table `bench` prints: per kind of variant that ran, cycles per run of each part
// (less the timer's own cost per timing), and the glue that no part covers (whole less
// the parts). `timer_cycles` is what one timing adds.
std::string format_run_profile(const RunProfile& p, std::int64_t timer_cycles);

// Counts the cycles of one part of a run from construction to destruction.
class RunPartTimer {
 public:
#if INTEGRASIM_RUN_PROFILE
  RunPartTimer(RunProfile& p, int kind, RunPart part)
      : profile_(p), kind_(kind), part_(static_cast<int>(part)), start_(__rdtsc()) {}
  ~RunPartTimer() {
    const auto k = static_cast<std::size_t>(kind_);
    const auto i = static_cast<std::size_t>(part_);
    profile_.cycles[k][i] += static_cast<std::int64_t>(__rdtsc() - start_);
    profile_.times[k][i] += 1;
  }

 private:
  RunProfile& profile_;
  int kind_;
  int part_;
  unsigned long long start_;
#else
  RunPartTimer(RunProfile&, int, RunPart) {}
#endif
  RunPartTimer(const RunPartTimer&) = delete;
  RunPartTimer& operator=(const RunPartTimer&) = delete;
};

}  // namespace integrasim
