// The simulation of one person in one arm variant (docs/model.md §6, §9): a benefit spell walks
// segments of constant hazards between change points, other states wait for their return
// hazard. The run's changing state is one value (RunState) so that a run can be saved at
// the moment a longer pathway starts to differ and resumed there (prefix reuse,
// core/prefix_reuse.h).
#pragma once

#include <array>
#include <cstdint>
#include <limits>
#include <memory>
#include <vector>

#include "core/compiled_model.h"
#include "core/completion.h"
#include "core/latent_draws.h"
#include "core/mechanisms/municipal_costs.h"
#include "core/population.h"
#include "core/spell_timelines.h"
#include "core/tallies.h"

namespace integrasim {

inline constexpr double k_never = std::numeric_limits<double>::infinity();

// Whether a step with limited places (core/capacity.h) was given a place this month.
enum class PlaceDecision : std::uint8_t { undecided, granted, denied };

// The schedule of one track within a benefit spell (docs/model.md §6).
struct TrackState {
  enum class Status : std::uint8_t { done, waiting, active };
  PlaceDecision place = PlaceDecision::undecided;
  const std::vector<CompiledStep>* steps = nullptr;
  std::size_t next = 0;  // index of the current step
  Status status = Status::done;
  int start = 0;  // months since entry
  int end = 0;
  int anticipation_from = 0;
  int previous_end = 0;  // end of the last step that ran on this track
  int due = -1;          // month the current step first fell due, if its places are limited
  // Whether the current step's min_danish_level has been decided (always so without one):
  // once, when its anticipation window opens, from the level projected to its start
  // (docs/model.md §6). A waiting step that is decided was admitted.
  bool level_decided = true;
};

// A run of a variant with limited places pauses when a step with limited places falls
// due: the person asks for a place at `month` (months since entry).
struct PlaceRequest {
  int track = 0;
  int intervention = 0;
  int month = 0;
  int due = 0;  // month the step first fell due (first come, first served)
};

// A place taken (start) or given back (the programme ended), for the queue's accounts.
struct PlaceEvent {
  int intervention = 0;
  double time = 0.0;  // months since entry
  bool start = true;
};

// Where a person's intervals go in the monthly table (null when the variant is not one
// that is reported month by month).
struct MonthlyRecorder {
  std::int64_t* diff = nullptr;  // series-major block for this person's slot and cell
  int months = 0;                // stride between series: H + 2
  std::int64_t units = 1;        // what the person counts for (CalendarLayout::place_units)
  // Planner runs: DKK by CostMeasure and calendar month (k_cost_measure_count x H,
  // measure-major), which the run adds to; null otherwise.
  double* money = nullptr;
  // Whether the run also logs what it records (PersonSimulator::intervals), as a run that
  // may be saved does: another variant copies this one's outcome and replays them.
  bool keep_intervals = false;
};

// One interval of the monthly table: series `series` is occupied in months
// [first_month, end_month). A run that may be saved also logs them, so that the saved
// run carries what it has recorded so far.
struct MonthlyInterval {
  int series = 0;
  int first_month = 0;
  int end_month = 0;
};

void add_intervals(const std::vector<MonthlyInterval>& intervals, MonthlyRecorder rec);

// Per-person results of one variant: numerator x and denominator w of each metric.
struct Outcome {
  double* x = nullptr;
  double* w = nullptr;
  double first_job = k_never;
};

// The loop variables of a benefit spell between two segments (begin_spell_ sets each one
// through a structured binding, which names them in order).
struct SpellLoop {
  double t = 0.0;  // months since entry
  double spell_start = 0.0;
  // The hazards have been `run_h` (per month) since `run_from` (months since entry), and
  // `remaining` is each destination's threshold left at run_from. A change point that
  // changes no hazard (a programme without effects starting, a baseline piece of the same
  // value) extends the run rather than splitting it, so h * (b - a) is never summed in
  // pieces: such a change point cannot change a single bit of the results.
  double run_from = 0.0;
  std::array<double, k_destination_count> run_h{};
  std::array<double, k_destination_count> remaining{};  // threshold left per destination at run_from
  std::array<double, k_destination_count> scale{};      // covariates x frailty x effects
  std::array<double, k_destination_count> extra{};      // hazards added on top (sanctions)
  bool effects_dirty = true;
  double danish_rate = 0.0;  // Danish levels per month from active programmes
  double danish_from = 0.0;  // months since entry at which RunState::danish_level holds
  int module_month = 0;      // month the next Danish module is completed (if it matters)
};

// Everything a run changes as it goes (apart from the metric sums), as one value.
struct RunState {
  std::vector<TrackState> tracks;
  std::vector<Completion> completions;
  std::vector<MonthlyInterval> intervals;  // recorded so far (runs that save only)
  SpellLoop loop;
  // Spells begun so far per state: benefit, employed, education, off benefit (the
  // index of each one's latent threshold).
  std::array<int, 4> spells{};
  double first_job = k_never;  // of a paused run (core/capacity.h)
  double danish_level = 0.0;   // at loop.danish_from (it grows at loop.danish_rate since)
  // Per intervention, whether the person has begun it (monthly.csv's "began" rows count
  // each person once, however often they begin it).
  std::vector<std::uint8_t> began;
  MechanismStates mechanisms;       // core/mechanisms/mechanisms.h
  MunicipalAccountsState accounts;  // core/mechanisms/municipal_costs.h (saved runs only)
  int spell = 0;
  int anchor = 0;
  int next_schedule_month = 0;
  bool effects_vary_monthly = false;
  bool decaying_post = false;
};

// Where the runs of longer pathways part from this one: the moment track `track` first
// moves on to its step number `depth` (0-based) in the first benefit spell.
struct PrefixCapture {
  int track = 0;
  int depth = 0;
};

// A run saved at its capture point.
struct RunSnapshot {
  enum class Status : std::uint8_t {
    never,     // the track never reached the depth: a longer pathway runs exactly alike
    at_start,  // it did so when the spell began: a longer pathway runs from entry
    saved      // `state` is the run just before the event in which it did so
  };
  Status status = Status::never;
  RunState state;
  std::vector<double> x, w;  // metric numerators and denominators so far
  double first_job = k_never;
};

// Simulates one person in one arm variant. One instance per thread; its buffers are
// reused so that nothing is allocated per person-month.
class PersonSimulator {
 public:
  // `timeline_passes`: what its first-spell timelines may record (core/spell_timelines.h);
  // 0 = none.
  explicit PersonSimulator(const CompiledModel& m, std::int64_t timeline_passes = k_default_timeline_passes);
  ~PersonSimulator();
  PersonSimulator(const PersonSimulator&) = delete;
  PersonSimulator& operator=(const PersonSimulator&) = delete;

  // Simulates the person from entry; returns the time of the first job (infinity if
  // none within the horizon). With `capture`, also saves into `save` the run at the
  // capture point (save->status says whether it was reached).
  double run(const ArmVariant& v, const PersonStatic& ps, Latent& latent, Outcome out, MonthlyRecorder rec,
             const PrefixCapture* capture = nullptr, RunSnapshot* save = nullptr);
  // The same, continuing from a run of another variant saved at its capture point
  // (`from.status == saved`) whose pathways are a prefix of this variant's.
  double resume(const ArmVariant& v, const PersonStatic& ps, Latent& latent, Outcome out, MonthlyRecorder rec,
                const RunSnapshot& from, const PrefixCapture* capture = nullptr, RunSnapshot* save = nullptr);

  // The monthly-table intervals of the last run, if it saved (a `save` was given).
  const std::vector<MonthlyInterval>& intervals() const;

  // Runs of variants with limited places (core/capacity.h). After run() or
  // resume_decided(), paused() says whether the run stopped to ask for a place; then
  // request() says which, and take_state() moves the run out, to be resumed with the
  // decision once the month's places are allocated. place_events() lists the places
  // taken and given back since the last clear.
  bool paused() const;
  const PlaceRequest& request() const;
  void take_state(RunState& into);
  double resume_decided(const ArmVariant& v, const PersonStatic& ps, Latent& latent, Outcome out,
                        MonthlyRecorder rec, RunState& state, int track, bool granted);
  std::vector<PlaceEvent>& place_events();

  // What the first-spell timelines (core/spell_timelines.h) hold and gave so far.
  struct TimelineStats {
    std::int64_t timelines = 0;
    std::int64_t passes_recorded = 0;
    std::int64_t evaluations_reused = 0;
    std::int64_t spells_walked = 0;  // first spells that walked their timeline to the end
  };
  TimelineStats timeline_stats() const;

 private:
  // The implementation lives in the .cpp with internal linkage, so that the compiler
  // may inline its helpers into the hot loop as it sees fit.
  class Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace integrasim
