#include "core/person_simulator.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "core/combination.h"
#include "core/exp_cache.h"
#include "core/mechanisms/benefit_cut.h"
#include "core/mechanisms/danish_progression.h"
#include "core/mechanisms/labour_market.h"
#include "core/mechanisms/motivation_window.h"
#include "core/mechanisms/placement.h"
#include "core/mechanisms/sanctions.h"
#include "core/run_profile.h"
#include "core/spell_timelines.h"
#include "core/threshold_crossing.h"

namespace integrasim {
namespace {

// What a benefit spell's loop reads but never changes: the person's baseline tables.
struct SpellFrame {
  std::array<const double*, k_destination_count>
      base{};                             // baseline hazard by duration month, per destination
  const int* base_next_change = nullptr;  // next baseline change after each duration month
  bool since_entry = true;                // the baseline's clock runs since entry
  int horizon = 0;                        // end of the person's follow-up, months since entry
};

// A segment of constant hazards [t, end) of a benefit spell.
struct Segment {
  int d = 0;                                    // duration month indexing the baseline
  int end = 0;                                  // month the segment ends
  std::array<double, k_destination_count> h{};  // hazard per destination, per month
  int winner = -1;                              // destination crossed first; -1 = none
  double winner_dt = 0.0;                       // months from the run's start to that crossing
};

// The person simulator proper (PersonSimulator forwards to it).
class Simulator {
 public:
  Simulator(const CompiledModel& m, std::int64_t timeline_passes);
  ~Simulator() {
    if (k_run_profile_built) add_to_run_profile_total(profile_);
  }
  Simulator(const Simulator&) = delete;
  Simulator& operator=(const Simulator&) = delete;

  // As PersonSimulator's (person_simulator.h).
  double run(const ArmVariant& v, const PersonStatic& ps, Latent& latent, Outcome out, MonthlyRecorder rec,
             const PrefixCapture* capture, RunSnapshot* save);
  double resume(const ArmVariant& v, const PersonStatic& ps, Latent& latent, Outcome out, MonthlyRecorder rec,
                const RunSnapshot& from, const PrefixCapture* capture, RunSnapshot* save);
  const std::vector<MonthlyInterval>& intervals() const { return run_.intervals; }

  // Limited places (person_simulator.h, core/capacity.h).
  bool paused() const { return paused_; }
  const PlaceRequest& request() const { return request_; }
  void take_state(RunState& into) { std::swap(into, run_); }
  double resume_decided(const ArmVariant& v, const PersonStatic& ps, Latent& latent, Outcome out,
                        MonthlyRecorder rec, RunState& state, int track, bool granted);
  std::vector<PlaceEvent>& place_events() { return place_events_; }
  PersonSimulator::TimelineStats timeline_stats() const {
    return {static_cast<std::int64_t>(timelines_.size()), timelines_.passes_recorded(), evaluations_reused_,
            spells_walked_};
  }

 private:
  void begin_run_(const ArmVariant& v, const PersonStatic& ps, Latent& latent, Outcome out,
                  MonthlyRecorder rec, const PrefixCapture* capture, RunSnapshot* save);
  // Runs the state machine from time t in `state` (the spell counts are in run_.spells).
  double continue_run_(double t, State state);
  // The run stops to ask for a place: what lives outside run_ goes into it.
  double pause_();

  // ---- time functions: when would the next event happen ----

  // Time at which a piecewise-constant return hazard (by tenure since `start`) reaches
  // threshold `e`; infinity if never.
  double return_time_(ReturnHazard kind, double start, double e) const;

  // Simulates a benefit spell starting at t; returns the state entered and sets `next`
  // to the time it was entered (or the horizon). Hazards are constant between change
  // points (baseline pieces, programme phases, completed Danish modules, post-effect
  // decay), so the loop walks whole segments, not months: within a segment each
  // destination's crossing time is (E - Lambda) / h (docs/model.md §9).
  State benefit_spell_(double t, int spell, double& next);
  // The first half of benefit_spell_: starts the spell's pathway, thresholds and sanctions.
  // `spell_start` <= t: a caseload person's spell began before their follow-up.
  void begin_spell_(double t, double spell_start, int spell);
  // The part of begin_spell_ that the walk of a first spell shares (walk_first_spell_).
  void start_spell_state_(SpellLoop& loop, double t, double spell_start, int spell);
  // The second half: walks segments from run_.loop until the spell ends or the horizon;
  // a resumed run enters here. Its named events follow.
  State spell_loop_(double& next);
  SpellFrame spell_frame_() const;
  void schedule_event_(SpellLoop& loop, int month);
  void mechanism_events_(SpellLoop& loop, int month);
  Segment segment_end_(const SpellFrame& f, const SpellLoop& loop, int month) const;
  void first_crossing_(const SpellFrame& f, SpellLoop& loop, Segment& seg) const;
  void advance_segment_(SpellLoop& loop, const Segment& seg);
  State stay_to_horizon_(const SpellLoop& loop, double& next);
  State leave_benefit_(SpellLoop& loop, const Segment& seg, double& next);

  int first_pathway_() const;

  // ---- apply functions: change state when an event happens ----

  // Starts the pathway's tracks at month `now` (steps due before it start now).
  void start_tracks_(int pathway, int now);
  // A caseload person in a programme at the plan's start stays in it, on a track of its
  // own after the pathway's, in every variant that runs programmes.
  void continue_current_programme_();

  // Finds the next step on the track that the person is offered and eligible for.
  void prepare_step_(TrackState& ts, int now);

  // Handles starts, completions and anticipation windows at `month`; true if the
  // effect multipliers changed.
  bool advance_schedule_(int month);

  // A step with limited places is due at `month` and no place was decided: the run
  // pauses to ask for one (true).
  bool asks_for_place_(int month);
  // The step of a track that was refused a place waits a month, or is skipped after
  // the arm's longest wait; true if the track moved on to another step.
  bool wait_for_place_(TrackState& ts, int month);
  // The place of a programme that ends at `time`, if it held one, is given back.
  void give_back_place_(const TrackState& ts, double time);

  // The next month at which a track changes phase, given that events up to and
  // including `month` have been handled.
  void update_next_schedule_month_(int month);

  // The month from which the current step's anticipation and lock-in effects stop
  // (meetings motivate the newly unemployed, not the long-term unemployed); -1 if never.
  int effect_limit_month_(const TrackState& ts) const;

  void complete_step_(const TrackState& ts, double end_time);

  // Leaving benefit ends the current programmes (counted with the dose completed) and
  // cancels the rest of the pathway for this spell (docs/model.md §4).
  void end_spell_(double time);

  // Danish levels gained per month from the programmes now active.
  double danish_rate_() const;
  // The spell loop's Danish rate and the month of its next completed module, from now on
  // (the level is up to date at loop.t).
  void update_danish_(SpellLoop& loop) const;

  // The Danish level at the start of `ts`'s waiting step, projected from `month` on:
  // the level now plus what the Danish-teaching steps now on the other tracks add
  // before that start if they run as scheduled (capped at 3).
  double projected_danish_level_(const TrackState& ts, int month) const;

  // Brings the Danish level (RunState::danish_level, which holds at the loop's
  // danish_from) up to time `t`; true if a module was completed meanwhile.
  bool sync_danish_(SpellLoop& loop, double t);

  void compute_scale_(int month, std::array<double, k_destination_count>& scale);

  double decay_(const Completion& c, int month) const;

  // Combined post-programme log hazard ratio (docs/model.md §4), plus ordered interactions.
  double post_log_hr_(int j, int month);

  // ---- recording ----

  // Adds state time within [0, H] and the state's monthly occupancy at t = 1..H.
  // `to` = infinity means "until the end".
  void record_state_(State s, double from, double to);

  // Participation in month m (the interval [m-1, m)) for m = 1..H.
  void record_programme_(int intervention, int start, double end);
  void record_began_(int intervention, int month);

  // Planner runs: months employed or in education in [from, to), by calendar year.
  void add_self_support_(double from, double to);
  // Planner runs: the budget columns by calendar year from the run's money by month.
  void finish_budget_();

  void add_interval_(int series, int first_month, int end_month);

  // ---- first-spell timelines (core/spell_timelines.h) ----

  // Whether this run's first spell may follow and record timelines.
  bool timelines_apply_(const ArmVariant& v, const PersonStatic& ps) const;
  TimelineKey timeline_key_() const;
  // A pass of the spell loop begins: the next recorded one, or one to record.
  void next_pass_();
  // The run takes a random decision with `outcome` (`how`: what it was taken from): as the
  // followed timeline did, or it moves to another.
  void decide_(bool outcome, const TimelineDecision& how);
  // A recording run's pass has its segment: the pass and the books at it are recorded.
  void record_pass_(const SpellLoop& loop, const Segment& seg);
  // A following run's first spell walks the recorded passes with the person's own
  // thresholds, hazard factors and decisions, and ends the spell as the loop would, from
  // the books of the pass it ends in. False if the timelines do not cover this person's
  // spell (a decision with no recorded other outcome, a pass not recorded): nothing the
  // run reads has changed, and the loop runs the spell.
  bool walk_first_spell_(double t, double& next, State& state);
  void prefetch_walk_() const;
  void restore_books_(const Timeline& tl, std::size_t pass, SpellLoop& loop);

  // ---- prefix reuse ----

  // Copies the run so far into save_ (before an event that may diverge).
  void save_state_();
  // Whether the capture track has reached its depth: then the saved state is the one
  // a longer pathway resumes from, and capturing stops.
  void maybe_capture_(RunSnapshot::Status reached);
  // Continues from a state another variant saved; `pathway` is this variant's own.
  void restore_(const RunSnapshot& from, int pathway);

  void finish_metrics_();

  const CompiledModel& model_;
  // The mechanisms (core/mechanisms/), called in this order.
  DanishProgression danish_;
  Sanctions sanctions_;
  LabourMarket labour_market_;
  BenefitCut benefit_cut_;
  Placement placement_;
  MunicipalAccounts accounts_;
  const ArmVariant* variant_ = nullptr;
  const PersonStatic* ps_ = nullptr;
  Latent* latent_ = nullptr;
  // The person's follow-up [begin_, horizon_) in months since entry (core/calendar.h).
  int begin_ = 0;
  int horizon_ = 0;
  Outcome out_;
  MonthlyRecorder rec_;
  int metric_count_ = 0;
  RunState run_;
  std::vector<double> post_terms_;
  // post_log_hr_ per destination, memoised for the run's completions so far: without
  // decay the combined post effect changes only when a programme is completed, and a run
  // only adds completions (each restore of a run state clears the memo).
  std::array<int, k_destination_count> post_memo_count_{};  // completions it is for; -1: none
  std::array<double, k_destination_count> post_memo_{};     // log HR
  // Capture of the current run (null once reached or impossible).
  const PrefixCapture* capture_ = nullptr;
  RunSnapshot* save_ = nullptr;
  // Limited places: whether this variant has any, and a paused run's request.
  bool limited_ = false;
  bool paused_ = false;
  // Whether this variant keeps the municipal accounts (ArmVariant::keeps_accounts).
  bool accounting_ = true;
  PlaceRequest request_;
  std::vector<PlaceEvent> place_events_;
  // exp() of the log HRs, memoised (core/exp_cache.h): not part of the run's state.
  ExpCache exp_;
  // compute_scale_'s steps acting now (kept to reuse its memory).
  struct ActingStep {
    const std::array<std::array<double, k_effect_cell_count>, k_destination_count>* log_hr;  // of the phase
    double dose;
  };
  std::vector<ActingStep> acting_;
  // The first spells' timelines, the one this run follows or records (-1: none), whether
  // it records, and the pass of the spell loop it is at.
  SpellTimelines timelines_;
  int timeline_ = -1;
  bool recording_ = false;
  int pass_ = -1;
  std::size_t decision_ = 0;  // decisions taken so far in the first spell
  // Whether this run's first spell may walk its timeline (walk_first_spell_): it follows
  // one, and nothing outside what the books hold is written (no saved run, no limited
  // places, no calendar of money).
  bool walk_ = false;
  // The first spell's monthly-table calls so far, while it has a timeline (TimelineRecord).
  std::vector<TimelineRecord> records_;
  std::int64_t spells_walked_ = 0;
  // exp(log HR) per destination of the last evaluation (the scale is factor x this).
  std::array<double, k_destination_count> effect_{};
  // The dimensions some assignment or step selector reads (TimelineKey).
  std::array<bool, k_dimension_count> selected_dimensions_{};
  bool timelines_on_ = true;
  std::int64_t evaluations_reused_ = 0;
  // Cycles per part of a run (core/run_profile.h; counted only in INTEGRASIM_RUN_PROFILE
  // builds), added to the process's total when the simulator goes.
  RunProfile profile_;
};

// The run profile's row for a variant: its kind (core/run_profile.h).
inline int profile_row(const ArmVariant& v) {
  return static_cast<int>(v.rules.kind);
}

}  // namespace

void add_intervals(const std::vector<MonthlyInterval>& intervals, MonthlyRecorder rec) {
  if (rec.diff == nullptr) return;
  for (const MonthlyInterval& i : intervals) {
    std::int64_t* row = rec.diff + static_cast<std::ptrdiff_t>(i.series) * rec.months;
    row[i.first_month] += rec.units;
    row[i.end_month] -= rec.units;
  }
}

Simulator::Simulator(const CompiledModel& m, std::int64_t timeline_passes)
    : model_(m),
      danish_(m.log_hr_per_danish_level),
      sanctions_(m.mechanisms.sanction),
      labour_market_(m.mechanisms.labour_market),
      benefit_cut_(m.mechanisms.benefit_cut),
      placement_(m.mechanisms.placement),
      accounts_(m.mechanisms.costs),
      timelines_(timeline_passes),
      timelines_on_(timeline_passes > 0) {
  const auto note = [this](const Selector& s) {
    for (std::size_t d = 0; d < selected_dimensions_.size(); ++d)
      if (s.required_level[d] >= 0) selected_dimensions_[d] = true;
  };
  for (const ArmVariant& v : m.variants)
    for (const auto& [who, pathway] : v.assignments) note(who);
  for (const CompiledPathway& p : m.pathways)
    for (const auto& track : p.tracks)
      for (const CompiledStep& step : track) note(step.eligible);
  run_.tracks.reserve(8);
  run_.completions.reserve(64);
  post_terms_.reserve(64);
  acting_.reserve(16);
}

inline void Simulator::begin_run_(const ArmVariant& v, const PersonStatic& ps, Latent& latent, Outcome out,
                                  MonthlyRecorder rec, const PrefixCapture* capture, RunSnapshot* save) {
  variant_ = &v;
  ps_ = &ps;
  latent_ = &latent;
  out_ = out;
  rec_ = rec;
  metric_count_ = model_.tally_columns;
  capture_ = save != nullptr ? capture : nullptr;
  save_ = save;
  limited_ = !v.capacity_of.empty();
  accounting_ = v.keeps_accounts;
  paused_ = false;
  timeline_ = -1;
  walk_ = false;
  post_memo_count_.fill(-1);
  if (save_ != nullptr) save_->status = RunSnapshot::Status::never;
  danish_.bind(v.rules.post_on, ps.attrs.danish_level_at_entry);
  begin_ = ps.window.begin;
  horizon_ = ps.window.end;
  sanctions_.bind(v.rules.benefit.sanctions, ps.attrs.match_group, latent, horizon_);
  labour_market_.bind(ps.attrs.sex, ps.window.offset);
  accounts_.bind(ps.window.offset, begin_, horizon_, rec.money,
                 rec.money != nullptr ? model_.horizon_months : 0);
  benefit_cut_.bind(v.rules.benefit.benefit_cut, ps.attrs.sex);
}

inline double Simulator::run(const ArmVariant& v, const PersonStatic& ps, Latent& latent, Outcome out,
                             MonthlyRecorder rec, const PrefixCapture* capture, RunSnapshot* save) {
  const RunPartTimer whole(profile_, profile_row(v), RunPart::whole);
  {
    const RunPartTimer setup(profile_, profile_row(v), RunPart::setup);
    begin_run_(v, ps, latent, out, rec, capture, save);
    run_.completions.clear();
    run_.intervals.clear();
    run_.decaying_post = false;
    run_.spells = {};
    accounts_.begin_run();  // zero even when not accounting: a saved run carries the state
    Sanctions::begin_run(run_.mechanisms.sanction);
    run_.danish_level = ps.attrs.danish_level_at_entry;
    run_.began.assign(model_.interventions.size(), 0);
    std::fill(out.x, out.x + metric_count_, 0.0);
    std::fill(out.w, out.w + metric_count_, 1.0);
    for (std::size_t i = 0; i < model_.employment_rate_months.size(); ++i)
      out.w[k_fixed_metric_count + i] = 0.0;
    if (timelines_apply_(v, ps)) {
      const TimelineKey key = timeline_key_();
      timeline_ = timelines_.first(key);
      recording_ = timeline_ < 0;
      if (recording_) timeline_ = timelines_.add(key);
      pass_ = -1;
      decision_ = 0;
      records_.clear();
      walk_ = !recording_ && save == nullptr && !limited_ && rec.money == nullptr;
      if (walk_) prefetch_walk_();
    }
  }
  return continue_run_(begin_, State::benefit);
}

inline double Simulator::resume(const ArmVariant& v, const PersonStatic& ps, Latent& latent, Outcome out,
                                MonthlyRecorder rec, const RunSnapshot& from, const PrefixCapture* capture,
                                RunSnapshot* save) {
  const RunPartTimer whole(profile_, profile_row(v), RunPart::whole);
  begin_run_(v, ps, latent, out, rec, capture, save);
  restore_(from, first_pathway_());
  sanctions_.resume_spell(run_.spell);
  double next = horizon_;
  const State state = spell_loop_(next);
  return continue_run_(next, state);
}

inline double Simulator::resume_decided(const ArmVariant& v, const PersonStatic& ps, Latent& latent,
                                        Outcome out, MonthlyRecorder rec, RunState& state, int track,
                                        bool granted) {
  const RunPartTimer whole(profile_, profile_row(v), RunPart::whole);
  begin_run_(v, ps, latent, out, rec, nullptr, nullptr);
  std::swap(run_, state);
  accounts_.restore(run_.accounts);
  out_.first_job = run_.first_job;
  run_.tracks[static_cast<std::size_t>(track)].place =
      granted ? PlaceDecision::granted : PlaceDecision::denied;
  sanctions_.resume_spell(run_.spell);
  double next = horizon_;
  const State s = spell_loop_(next);
  if (paused_) return pause_();
  return continue_run_(next, s);
}

inline double Simulator::pause_() {
  run_.first_job = out_.first_job;
  run_.accounts = accounts_.state();
  return k_never;
}

inline double Simulator::continue_run_(double t, State state) {
  const double horizon = horizon_;
  auto& [benefit_spell, employment_spell, education_spell, off_benefit_spell] = run_.spells;
  while (t < horizon) {
    double next = horizon;
    const RunPartTimer part(profile_, profile_row(*variant_),
                            state != State::benefit ? RunPart::other_states
                            : benefit_spell == 0    ? RunPart::first_spell
                                                    : RunPart::later_spells);
    if (state == State::benefit) {
      state = benefit_spell_(t, benefit_spell++, next);
      if (paused_) return pause_();  // asking for a place: the run is taken out as it stands
    } else if (state == State::employed) {
      next = return_time_(ReturnHazard::job_loss, t, latent_->job_loss_threshold(employment_spell++));
      record_state_(State::employed, t, next);
      state = State::benefit;
    } else if (state == State::education) {
      next = return_time_(ReturnHazard::education_dropout, t, latent_->dropout_threshold(education_spell++));
      record_state_(State::education, t, next);
      state = State::benefit;
    } else if (state == State::off_benefit) {
      next = return_time_(ReturnHazard::off_benefit_return, t,
                          latent_->off_benefit_return_threshold(off_benefit_spell++));
      record_state_(State::off_benefit, t, next);
      state = State::benefit;
    } else {
      record_state_(State::exit, t, k_never);
      break;
    }
    t = next;
  }
  const RunPartTimer metrics(profile_, profile_row(*variant_), RunPart::metrics);
  finish_metrics_();
  return out_.first_job;
}

// Time at which a piecewise-constant return hazard (by tenure since `start`) reaches
// threshold `e`; infinity if never.
inline double Simulator::return_time_(ReturnHazard kind, double start, double e) const {
  const auto& pieces =
      model_.return_hazard[static_cast<std::size_t>(kind)][static_cast<std::size_t>(ps_->cell)];
  for (const HazardPiece& p : pieces) {
    const double span = static_cast<double>(p.to_month - p.from_month);
    if (p.hazard * span >= e) return start + p.from_month + e / p.hazard;
    e -= p.hazard * span;
  }
  return k_never;
}

// Simulates a benefit spell starting at t; returns the state entered and sets `next`
// to the time it was entered (or the horizon). Hazards are constant between change
// points (baseline pieces, programme phases, completed Danish modules, post-effect
// decay), so the loop walks whole segments, not months: within a segment each
// destination's crossing time is (E - Lambda) / h (docs/model.md §9).
inline State Simulator::benefit_spell_(double t, int spell, double& next) {
  if (spell == 0 && walk_) {
    State state = State::benefit;
    if (walk_first_spell_(t, next, state)) return state;
  }
  // The first spell of a person followed from mid-history began before the follow-up.
  begin_spell_(t, spell == 0 ? std::min(t, static_cast<double>(ps_->window.spell_start)) : t, spell);
  return spell_loop_(next);
}

inline void Simulator::begin_spell_(double t, double spell_start, int spell) {
  start_spell_state_(run_.loop, t, spell_start, spell);
  start_tracks_(spell == 0 ? first_pathway_() : variant_->reentry_pathway, static_cast<int>(std::ceil(t)));
  if (spell == 0) continue_current_programme_();
  if (capture_ != nullptr) maybe_capture_(RunSnapshot::Status::at_start);
}

// What a spell starts with apart from its schedule: the spell's number and anchor, the
// loop's variables with the spell's thresholds, and the sanctions' spell state.
inline void Simulator::start_spell_state_(SpellLoop& loop, double t, double spell_start, int spell) {
  run_.spell = spell;
  run_.anchor = static_cast<int>(std::ceil(spell_start));
  // Field by field: `loop = SpellLoop{}` zeroes a temporary with `rep stos` and copies it,
  // whose reads stall on the just-written stores (about 2 % of the benchmark). The
  // structured binding names every field, so a field added to SpellLoop stops this from
  // compiling until it is set here too.
  auto& [loop_t, loop_spell_start, run_from, run_h, remaining, scale, extra, effects_dirty, danish_rate,
         danish_from, module_month] = loop;
  for (int j = 0; j < k_destination_count; ++j) {
    const std::size_t js = static_cast<std::size_t>(j);
    // A destination nobody can reach needs no threshold (and no random draw).
    remaining[js] = model_.destination_reachable[js] ? latent_->benefit_threshold(spell, j) : k_never;
  }
  loop_t = t;
  loop_spell_start = spell_start;
  run_from = t;  // run_h is all 0: the first segment opens the first run
  run_h = {};
  scale = {};
  extra = {};
  effects_dirty = true;
  danish_rate = 0.0;
  danish_from = 0.0;
  module_month = horizon_;
  sanctions_.begin_spell(run_.mechanisms.sanction, t, spell);
}

// A short loop of named events, like a particle's history in a transport code: events
// due now, the segment's end, the first threshold crossing, then either the segment
// passes on benefit or the person leaves benefit.
inline State Simulator::spell_loop_(double& next) {
  const SpellFrame frame = spell_frame_();
  // A local copy the compiler can keep in registers (members could alias the metric sums
  // written through out_); written back to run_.loop only when the run is saved.
  SpellLoop loop = run_.loop;
  while (true) {
    if (timeline_ >= 0) next_pass_();
    const int month = static_cast<int>(loop.t);  // t >= 0, so truncation is floor
    if (month >= run_.next_schedule_month) {
      schedule_event_(loop, month);
      if (paused_) {
        run_.loop = loop;
        return State::benefit;
      }
    }
    mechanism_events_(loop, month);
    Segment seg = segment_end_(frame, loop, month);
    if (timeline_ >= 0 && recording_) record_pass_(loop, seg);
    first_crossing_(frame, loop, seg);
    if (seg.winner >= 0) return leave_benefit_(loop, seg, next);
    advance_segment_(loop, seg);
    if (loop.t >= frame.horizon) return stay_to_horizon_(loop, next);
  }
}

inline SpellFrame Simulator::spell_frame_() const {
  SpellFrame f;
  const std::size_t cell = static_cast<std::size_t>(ps_->cell);
  for (std::size_t j = 0; j < f.base.size(); ++j) f.base[j] = model_.baseline[j][cell].data();
  f.base_next_change = model_.baseline_next_change[cell].data();
  f.since_entry = model_.duration_clock == DurationClock::since_entry;
  f.horizon = horizon_;
  return f;
}

// The pathway's schedule moves on. The step a longer pathway adds can only start to
// matter here, so a run that may be captured keeps itself as it is before each one.
inline void Simulator::schedule_event_(SpellLoop& loop, int month) {
  // Admissions and placements read the level now. A module completed by now that no
  // segment ended at was one nothing watches (update_danish_).
  sync_danish_(loop, loop.t);
  if (capture_ != nullptr) {
    run_.loop = loop;
    save_state_();
  }
  loop.effects_dirty |= advance_schedule_(month);
  if (capture_ != nullptr) maybe_capture_(RunSnapshot::Status::saved);
  // A step with limited places waits for a decision; the event runs again at this month
  // once it is made (advance_schedule_ does nothing twice).
  if (limited_ && asks_for_place_(month)) paused_ = true;
}

// The mechanisms' own events, then, if anything changed, the hazards' re-evaluation.
inline void Simulator::mechanism_events_(SpellLoop& loop, int month) {
  loop.effects_dirty |= sanctions_.apply(run_.mechanisms.sanction, month, out_.x[column(Metric::sanctions)]);
  // Mechanisms whose hazards change between events say so (a labour-market series at
  // any segment, a fading sanction effect or benefit-cut response every month).
  if (!(loop.effects_dirty || run_.effects_vary_monthly || labour_market_.reevaluate() ||
        sanctions_.reevaluate(run_.mechanisms.sanction, month)))
    return;
  sync_danish_(loop, loop.t);  // the hazards and the rate read the level now
  loop.effects_dirty = false;
  if (timeline_ >= 0 && !recording_) {  // following: the recorded run evaluated in this pass too
    const TimelinePass& p = timelines_[timeline_].passes[static_cast<std::size_t>(pass_)];
    if (p.evaluated) {
      // loop.extra stays as it is: all 0, as the run has no sanctions (timelines_apply_).
      for (std::size_t j = 0; j < loop.scale.size(); ++j) loop.scale[j] = ps_->factor[j] * p.effect[j];
      loop.danish_rate = p.danish_rate;
      loop.module_month = p.module_month;
      ++evaluations_reused_;
      return;
    }
    timeline_ = -1;  // cannot be (same state, same pass), but what was not recorded is not assumed
  }
  compute_scale_(month, loop.scale);
  for (int j = 0; j < k_destination_count; ++j)
    loop.extra[static_cast<std::size_t>(j)] =
        sanctions_.extra_hazard(static_cast<Destination>(j), run_.mechanisms.sanction, month);
  update_danish_(loop);
  if (timeline_ >= 0) {  // recording
    TimelinePass& p = timelines_[timeline_].passes[static_cast<std::size_t>(pass_)];
    p.evaluated = true;
    p.effect = effect_;
    p.danish_rate = loop.danish_rate;
    p.module_month = loop.module_month;
  }
}

// Danish progress is linear between phase changes, so the level is kept as its value at
// one time and the rate since (sync_danish_ brings it up to date where it is read), and the
// month of the next completed module stays valid until the next re-evaluation or module.
// That month ends a segment only where a completed module changes something: the hazards
// (Danish gains act) or the accounts (the Danish test grant). Elsewhere (the
// decomposition's A1 and A2) the segments run on through it.
inline void Simulator::update_danish_(SpellLoop& loop) const {
  loop.danish_rate = danish_rate_();
  const bool watched = danish_.gains() || accounting_;
  loop.module_month = loop.danish_rate > 0.0 && watched
                          ? DanishProgression::next_module_month(run_.danish_level, loop.t, loop.danish_rate)
                          : horizon_;
}

// Where the segment of constant hazards that starts now ends: the first change point of
// the schedule, the baseline or a mechanism, at least the next whole month.
inline Segment Simulator::segment_end_(const SpellFrame& f, const SpellLoop& loop, int month) const {
  Segment seg;
  seg.d = f.since_entry ? month : std::max(0, month - run_.anchor);
  int end = std::min(run_.next_schedule_month, f.horizon);
  if (f.since_entry) {
    end = std::min(end, f.base_next_change[seg.d]);
  } else {
    end = std::min(end, month < run_.anchor ? run_.anchor : run_.anchor + f.base_next_change[seg.d]);
  }
  if (run_.effects_vary_monthly) end = month + 1;
  end = std::min({end, loop.module_month, labour_market_.next_change(month),
                  sanctions_.next_change(run_.mechanisms.sanction, month)});
  seg.end = std::max(end, month + 1);
  return seg;
}

// Within the run of constant hazards each destination's crossing time is (E - Lambda) / h
// (docs/model.md §9); the earliest crossing before the segment's end wins. A segment whose
// hazards differ from the run's, bit for bit, closes the run and opens a new one. Whether a
// crossing is within the segment is decided by its time (core/threshold_crossing.h), so a
// change point that changes no hazard changes no bit: the decomposition's copies rely on it.
inline void Simulator::first_crossing_(const SpellFrame& f, SpellLoop& loop, Segment& seg) const {
  for (int j = 0; j < k_destination_count; ++j) {
    const std::size_t js = static_cast<std::size_t>(j);
    seg.h[js] = f.base[js][seg.d] * loop.scale[js] + loop.extra[js];
  }
  if (seg.h != loop.run_h) {
    const double run_length = loop.t - loop.run_from;
    for (std::size_t j = 0; j < seg.h.size(); ++j) loop.remaining[j] -= loop.run_h[j] * run_length;
    loop.run_from = loop.t;
    loop.run_h = seg.h;
  }
  seg.winner = -1;
  seg.winner_dt = 0.0;
  for (int j = 0; j < k_destination_count; ++j) {
    const std::size_t js = static_cast<std::size_t>(j);
    double dt = 0.0;
    if (crosses_within(loop.run_from, seg.h[js], loop.remaining[js], seg.end, dt)) {
      if (seg.winner < 0 || dt < seg.winner_dt) {
        seg.winner = j;
        seg.winner_dt = dt;
      }
    }
  }
}

// No threshold is crossed: the whole segment passes on benefit.
inline void Simulator::advance_segment_(SpellLoop& loop, const Segment& seg) {
  Sanctions::on_benefit(run_.mechanisms.sanction, loop.t, seg.end);
  loop.t = seg.end;
  if (seg.end < loop.module_month || !sync_danish_(loop, seg.end)) return;
  if (accounting_) accounts_.danish_test(seg.end);  // a completed module is a passed Danish test
  // Completed modules change the hazards only where the variant lets Danish gains act;
  // elsewhere a re-evaluation would give the same hazards: only the rate (none at the top
  // level) and the next module's month move on.
  if (danish_.gains()) {
    loop.effects_dirty = true;
  } else {
    update_danish_(loop);
  }
}

// Still on benefit at the horizon.
inline State Simulator::stay_to_horizon_(const SpellLoop& loop, double& next) {
  end_spell_(loop.t);
  record_state_(State::benefit, loop.spell_start, k_never);
  next = horizon_;
  return State::benefit;
}

// The winning destination's threshold is crossed: the spell ends there.
inline State Simulator::leave_benefit_(SpellLoop& loop, const Segment& seg, double& next) {
  const double event_time = loop.run_from + seg.winner_dt;  // at most seg.end (first_crossing_)
  Sanctions::on_benefit(run_.mechanisms.sanction, loop.t, event_time);
  if (sync_danish_(loop, event_time) && accounting_) accounts_.danish_test(event_time);
  end_spell_(event_time);
  record_state_(State::benefit, loop.spell_start, event_time);
  if (accounting_) accounts_.left_benefit(event_time, static_cast<Destination>(seg.winner));
  next = event_time;
  switch (static_cast<Destination>(seg.winner)) {
    case Destination::employed:
      out_.first_job = std::min(out_.first_job, event_time);
      return State::employed;
    case Destination::education:
      return State::education;
    case Destination::off_benefit:
      return State::off_benefit;
    default:
      return State::exit;
  }
}

inline int Simulator::first_pathway_() const {
  for (const auto& [who, pathway] : variant_->assignments)
    if (who.matches(ps_->attrs)) return pathway;
  return -1;
}

inline void Simulator::start_tracks_(int pathway, int now) {
  run_.tracks.clear();
  if (pathway >= 0 && variant_->rules.runs_programmes()) {
    for (const auto& steps : model_.pathways[static_cast<std::size_t>(pathway)].tracks) {
      TrackState ts;
      ts.steps = &steps;
      ts.previous_end = run_.anchor;
      // A caseload person's spell began before the plan: a step due before now starts
      // now (docs/model.md §6), so the plan's pathway reaches the caseload it is for.
      prepare_step_(ts, now);
      run_.tracks.push_back(ts);
    }
  }
  // The spell may start mid-month (t < now); anticipation from then onwards needs an
  // event at `now`.
  update_next_schedule_month_(now - 1);
}

inline void Simulator::continue_current_programme_() {
  const int row = ps_->window.caseload_row;
  if (row < 0 || !variant_->rules.runs_programmes()) return;
  const auto& steps = model_.caseload_programmes[static_cast<std::size_t>(row)];
  if (steps.empty()) return;
  TrackState ts;
  ts.steps = &steps;
  ts.status = TrackState::Status::active;
  ts.start = begin_ + steps.front().start_month;
  ts.end = begin_ + steps.front().duration_months;
  ts.previous_end = ts.start;
  run_.tracks.push_back(ts);
  update_next_schedule_month_(begin_ - 1);
}

// Finds the next step on the track that the person is offered and eligible for.
inline void Simulator::prepare_step_(TrackState& ts, int now) {
  while (ts.next < ts.steps->size()) {
    const CompiledStep& step = (*ts.steps)[ts.next];
    const bool covered =
        step.coverage >= 1.0 ||
        (step.coverage > 0.0 && latent_->coverage_uniform(run_.spell, step.key) < step.coverage);
    if (timeline_ >= 0 && step.coverage > 0.0 && step.coverage < 1.0)
      decide_(covered, {pass_, false, step.key, step.coverage});
    if (covered && step.eligible.matches(ps_->attrs)) {
      const int base = step.relative_to_previous ? ts.previous_end : run_.anchor;
      ts.status = TrackState::Status::waiting;
      ts.place = PlaceDecision::undecided;
      ts.due = -1;
      ts.level_decided = step.min_danish_level <= 0.0;
      ts.start = std::max(base + step.start_month, now);
      ts.end = ts.start + step.duration_months;
      const int anticipation =
          model_.interventions[static_cast<std::size_t>(step.intervention)].anticipation_months;
      ts.anticipation_from = std::max(now, ts.start - anticipation);
      return;
    }
    ++ts.next;  // not offered or not eligible: the track goes on as if the step were absent
  }
  ts.status = TrackState::Status::done;
}

// Handles starts, completions and anticipation windows at `month`; true if the
// effect multipliers changed.
inline bool Simulator::advance_schedule_(int month) {
  bool changed = false;
  for (TrackState& ts : run_.tracks) {
    while (true) {
      if (ts.place == PlaceDecision::denied && wait_for_place_(ts, month)) {
        changed = true;
        continue;
      }
      // The Danish level a step needs is decided once, as its anticipation window opens
      // (at its start without one), before any of its effects acts: a person not
      // admitted goes on as if the step were not there (no anticipation either).
      if (ts.status == TrackState::Status::waiting && !ts.level_decided && month >= ts.anticipation_from) {
        ts.level_decided = true;
        if (!DanishProgression::admits((*ts.steps)[ts.next].min_danish_level,
                                       projected_danish_level_(ts, month))) {
          ++ts.next;
          prepare_step_(ts, month);
          continue;
        }
      }
      if (ts.status == TrackState::Status::waiting && month >= ts.start) {
        const CompiledStep& step = (*ts.steps)[ts.next];
        changed = true;
        const InterventionKind kind = model_.interventions[static_cast<std::size_t>(step.intervention)].kind;
        const bool placed = placement_.admits(kind, step.key, run_.danish_level, *latent_, run_.spell);
        if (timeline_ >= 0) {
          const double p = placement_.probability(kind, run_.danish_level);
          if (p < 1.0) decide_(placed, {pass_, true, step.key, p});
        }
        if (!placed) {
          ++ts.next;  // the placement cannot be established: the track goes on
          prepare_step_(ts, month);
          continue;
        }
        // Limited places: the step starts once given a place (asks_for_place_).
        if (limited_ && ts.place != PlaceDecision::granted &&
            variant_->capacity_of[static_cast<std::size_t>(step.intervention)] >= 0)
          break;
        ts.status = TrackState::Status::active;
        // A step of the arm's pathways has begun: the person is a participant (the
        // per-participant effects of summary.csv count these persons).
        out_.x[column(Metric::participants)] = 1.0;
        record_began_(step.intervention, month);
        if (ts.place == PlaceDecision::granted)
          place_events_.push_back({step.intervention, double(month), true});
        continue;
      }
      if (ts.status == TrackState::Status::active && month >= ts.end) {
        give_back_place_(ts, ts.end);
        complete_step_(ts, ts.end);
        ts.previous_end = ts.end;
        ++ts.next;
        prepare_step_(ts, month);
        changed = true;
        continue;
      }
      if (ts.status == TrackState::Status::waiting && month == ts.anticipation_from) changed = true;
      if (ts.status != TrackState::Status::done && month == effect_limit_month_(ts)) changed = true;
      break;
    }
  }
  update_next_schedule_month_(month);
  return changed;
}

inline bool Simulator::asks_for_place_(int month) {
  for (std::size_t i = 0; i < run_.tracks.size(); ++i) {
    TrackState& ts = run_.tracks[i];
    if (ts.status != TrackState::Status::waiting || month < ts.start || ts.place != PlaceDecision::undecided)
      continue;
    const CompiledStep& step = (*ts.steps)[ts.next];
    // advance_schedule_ has just skipped the steps that could not start anyway (Danish
    // level, no placement), so a due step still waiting is one that needs a place.
    if (variant_->capacity_of[static_cast<std::size_t>(step.intervention)] < 0) continue;
    if (ts.due < 0) ts.due = ts.start;
    request_ = {static_cast<int>(i), step.intervention, month, ts.due};
    return true;
  }
  return false;
}

inline bool Simulator::wait_for_place_(TrackState& ts, int month) {
  ts.place = PlaceDecision::undecided;
  const CompiledStep& step = (*ts.steps)[ts.next];
  const int limit = variant_
                        ->capacity[static_cast<std::size_t>(
                            variant_->capacity_of[static_cast<std::size_t>(step.intervention)])]
                        .max_wait_months;
  if (limit >= 0 && month + 1 - ts.due > limit) {
    ++ts.next;  // waited as long as the arm allows: the track goes on without the step
    prepare_step_(ts, month);
    return true;
  }
  // Still on benefit and due: ask again next month (the anticipation effect stays on).
  ts.start = month + 1;
  ts.end = ts.start + step.duration_months;
  return false;
}

inline void Simulator::give_back_place_(const TrackState& ts, double time) {
  if (ts.place == PlaceDecision::granted)
    place_events_.push_back({(*ts.steps)[ts.next].intervention, time, false});
}

// The next month at which a track changes phase, given that events up to and
// including `month` have been handled.
inline void Simulator::update_next_schedule_month_(int month) {
  int next = std::numeric_limits<int>::max();
  for (const TrackState& ts : run_.tracks) {
    if (ts.status == TrackState::Status::waiting) {
      next = std::min(next, ts.anticipation_from > month ? ts.anticipation_from : ts.start);
    } else if (ts.status == TrackState::Status::active) {
      next = std::min(next, ts.end);
    }
    if (ts.status != TrackState::Status::done && effect_limit_month_(ts) > month)
      next = std::min(next, effect_limit_month_(ts));
  }
  run_.next_schedule_month = next;
  // While a post-programme effect decays or a benefit-cut response fades, hazards
  // change every month.
  run_.effects_vary_monthly = run_.decaying_post || benefit_cut_.reevaluate();
}

// The month from which the current step's anticipation and lock-in effects stop
// (meetings motivate the newly unemployed, not the long-term unemployed); -1 if never.
inline int Simulator::effect_limit_month_(const TrackState& ts) const {
  return MotivationWindow::end_month(
      model_.interventions[static_cast<std::size_t>((*ts.steps)[ts.next].intervention)]
          .effect_until_spell_month,
      run_.anchor);
}

inline void Simulator::complete_step_(const TrackState& ts, double end_time) {
  const CompiledStep& step = (*ts.steps)[ts.next];
  const CompiledIntervention& iv = model_.interventions[static_cast<std::size_t>(step.intervention)];
  const double months = end_time - ts.start;
  if (months <= 0.0) return;
  // Months before the follow-up (a caseload person's current programme) were spent and
  // paid before the plan: they count for the dose, not for the plan's months and costs.
  const double from = std::max(static_cast<double>(ts.start), static_cast<double>(begin_));
  out_.x[column(Metric::programme_months)] += end_time - from;
  out_.x[column(Metric::cost_programmes_dkk)] += (end_time - from) * iv.cost_per_month;
  if (accounting_) accounts_.programme(from, end_time, iv.cost_per_month);
  record_programme_(step.intervention, ts.start, end_time);
  double scale = std::min(1.0, months / iv.full_dose_months) * step.dose;
  // Education activation works best when local employment is low (docs/model.md §5): its post
  // effect is scaled by the labour market at completion.
  if (iv.kind == InterventionKind::education) scale *= labour_market_.education_gain(end_time);
  run_.completions.push_back({step.intervention, end_time, scale});
  if (iv.half_life_months > 0.0 && variant_->rules.post_on) run_.decaying_post = true;
}

// Leaving benefit ends the current programmes (counted with the dose completed) and
// cancels the rest of the pathway for this spell (docs/model.md §4).
[[gnu::always_inline]] inline void Simulator::end_spell_(double time) {
  capture_ = nullptr;  // only the first spell runs the pathway a longer one extends
  timeline_ = -1;      // and only the first spell has timelines
  for (TrackState& ts : run_.tracks) {
    if (ts.status != TrackState::Status::active) continue;
    give_back_place_(ts, time);
    complete_step_(ts, time);
  }
  run_.tracks.clear();
}

// Danish levels gained per month from the programmes now active.
inline double Simulator::danish_rate_() const {
  double rate = 0.0;
  for (const TrackState& ts : run_.tracks) {
    if (ts.status != TrackState::Status::active) continue;
    const CompiledStep& step = (*ts.steps)[ts.next];
    rate +=
        model_.interventions[static_cast<std::size_t>(step.intervention)].danish_gain_per_month * step.dose;
  }
  return DanishProgression::rate(rate, run_.danish_level);
}

// Only the step each other track is on counts (active, or waiting and sure to start:
// admitted, or needing no more than the level already reached), not the later steps of
// those tracks: these are not scheduled yet. So the runs of two variants agree on every
// decision until a track first moves on to a step in which they differ, which is what
// prefix reuse (core/prefix_reuse.h) relies on.
inline double Simulator::projected_danish_level_(const TrackState& ts, int month) const {
  double level = run_.danish_level;
  for (const TrackState& other : run_.tracks) {
    if (&other == &ts || other.status == TrackState::Status::done) continue;
    const CompiledStep& step = (*other.steps)[other.next];
    const double rate =
        model_.interventions[static_cast<std::size_t>(step.intervention)].danish_gain_per_month * step.dose;
    if (rate <= 0.0) continue;
    const bool active = other.status == TrackState::Status::active;
    if (!active && !other.level_decided &&
        !DanishProgression::admits(step.min_danish_level, run_.danish_level))
      continue;
    const int from = active ? month : std::max(other.start, month);
    const int to = std::min(other.end, ts.start);
    if (to > from) level += rate * (to - from);
  }
  return std::min(k_max_danish_level, level);
}

// The rate is the spell loop's danish_rate_(), which holds until the next re-evaluation
// (the tracks and the capped level change only at events that mark the effects dirty);
// hazards and eligibility count completed modules.
inline bool Simulator::sync_danish_(SpellLoop& loop, double t) {
  const double months = t - loop.danish_from;
  loop.danish_from = t;
  return loop.danish_rate > 0.0 && DanishProgression::gain(run_.danish_level, loop.danish_rate, months);
}

inline void Simulator::compute_scale_(int month, std::array<double, k_destination_count>& scale) {
  const std::size_t cell = static_cast<std::size_t>(ps_->cell);
  const double danish = danish_.hazard_level(run_.danish_level);
  // The steps acting now, in track order, found once for every destination: a waiting step
  // in its anticipation window, an active one in its lock-in.
  acting_.clear();
  for (const TrackState& ts : run_.tracks) {
    if (ts.status == TrackState::Status::done) continue;
    const CompiledStep& step = (*ts.steps)[ts.next];
    const auto& iv = model_.interventions[static_cast<std::size_t>(step.intervention)];
    if (!MotivationWindow::open(iv.effect_until_spell_month, month, run_.anchor)) continue;
    if (ts.status == TrackState::Status::waiting && variant_->rules.anticipation_on &&
        month >= ts.anticipation_from)
      acting_.push_back({&iv.log_hr[static_cast<std::size_t>(Phase::anticipation)], step.dose});
    if (ts.status == TrackState::Status::active && variant_->rules.lock_in_on)
      acting_.push_back({&iv.log_hr[static_cast<std::size_t>(Phase::lock_in)], step.dose});
  }
  for (int j = 0; j < k_destination_count; ++j) {
    const std::size_t js = static_cast<std::size_t>(j);
    if (!model_.destination_has_effects[js]) {  // typically exit: nothing to add up
      scale[js] = ps_->factor[js];
      effect_[js] = 1.0;  // factor x 1 is factor, bit for bit
      continue;
    }
    double log_hr = 0.0;
    for (const ActingStep& a : acting_) log_hr += (*a.log_hr)[js][cell] * a.dose;
    // The mechanisms' terms, in their fixed order (the order of the sum is part of the
    // results).
    const Destination dest = static_cast<Destination>(j);
    log_hr += danish_.log_hr(dest, danish);
    log_hr += sanctions_.log_hr(dest, run_.mechanisms.sanction, month);
    log_hr += labour_market_.log_hr(dest, month);
    log_hr += benefit_cut_.log_hr(dest, month - run_.anchor);
    if (variant_->rules.post_on) log_hr += post_log_hr_(j, month);
    effect_[js] = exp_(log_hr);
    scale[js] = ps_->factor[js] * effect_[js];
  }
}

inline double Simulator::decay_(const Completion& c, int month) const {
  const double half_life = model_.interventions[static_cast<std::size_t>(c.intervention)].half_life_months;
  if (half_life <= 0.0) return 1.0;
  return std::exp2(-std::max(0.0, month - c.end_time) / half_life);
}

// Combined post-programme log hazard ratio (docs/model.md §4), plus ordered interactions.
inline double Simulator::post_log_hr_(int j, int month) {
  if (run_.completions.empty()) return 0.0;
  const std::size_t js = static_cast<std::size_t>(j);
  const int count = static_cast<int>(run_.completions.size());
  const bool memo = !run_.decaying_post;  // the sum reads the month only through decay
  if (memo && post_memo_count_[js] == count) return post_memo_[js];
  const std::size_t cell = static_cast<std::size_t>(ps_->cell);
  post_terms_.clear();
  for (const Completion& c : run_.completions) {
    const double b = model_.interventions[static_cast<std::size_t>(c.intervention)]
                         .log_hr[static_cast<std::size_t>(Phase::post)][js][cell];
    // Programmes without a post effect count too (b = 0): under `strongest` a neutral
    // programme outranks a harmful one, as docs/model.md §4 reads.
    post_terms_.push_back(b == 0.0 ? 0.0 : b * c.scale * decay_(c, month));
  }
  double total = combine_post_effects(model_.combination_rule, model_.combination_alpha, post_terms_);
  for (const CompiledInteraction& ia : model_.interactions) {
    const double b = ia.log_hr[js][cell];
    if (b == 0.0) continue;
    // B completed after A: some completion of B ends strictly later than the first
    // completion of A. Programmes ending together (on parallel tracks) do not count,
    // whatever the order of the tracks.
    double first_a = k_never;
    for (const Completion& c : run_.completions)
      if (c.intervention == ia.first) first_a = std::min(first_a, c.end_time);
    for (const Completion& c : run_.completions)
      if (c.intervention == ia.then && c.end_time > first_a) {
        total += b * c.scale * decay_(c, month);
        break;
      }
  }
  if (memo) {
    post_memo_count_[js] = count;
    post_memo_[js] = total;
  }
  return total;
}

// Adds state time within [0, H] and the state's monthly occupancy at t = 1..H.
// `to` = infinity means "until the end".
[[gnu::always_inline]] inline void Simulator::record_state_(State s, double from, double to) {
  const double horizon = horizon_;
  // A caseload person's first spell began before the follow-up, which alone counts.
  const double within = std::min(to, horizon) - std::max(from, static_cast<double>(begin_));
  switch (s) {
    case State::benefit:
      out_.x[column(Metric::months_on_benefit)] += within;
      if (within > 0.0 && accounting_)
        accounts_.benefit(from, std::max(from, static_cast<double>(begin_)), std::min(to, horizon),
                          model_.benefit_per_month);
      break;
    case State::employed:
      out_.x[column(Metric::months_employed)] += within;
      if (model_.budget_years > 0) add_self_support_(from, to);
      break;
    case State::education:
      out_.x[column(Metric::months_education)] += within;
      if (model_.budget_years > 0) add_self_support_(from, to);
      break;
    case State::off_benefit:
      out_.x[column(Metric::months_off_benefit)] += within;
      break;
    case State::exit:
      break;
  }
  // The state at t = m (m = 1..H) is the state of the interval containing m; the last
  // interval is closed at the horizon. The months are strictly ascending (compile_model
  // checks it), so the first one at or past the interval's end ends the search.
  const double end = to >= horizon ? horizon + 1.0 : to;
  for (std::size_t i = 0; i < model_.employment_rate_months.size(); ++i) {
    const double at = begin_ + model_.employment_rate_months[i];  // months of follow-up
    if (at >= end) break;
    if (from <= at) {
      out_.x[static_cast<std::size_t>(k_fixed_metric_count) + i] = s == State::employed ? 1.0 : 0.0;
      out_.w[static_cast<std::size_t>(k_fixed_metric_count) + i] = s == State::exit ? 0.0 : 1.0;
    }
  }
  if (rec_.diff != nullptr)
    add_interval_(static_cast<int>(s), static_cast<int>(std::ceil(from)), static_cast<int>(std::ceil(end)));
}

// Participation in month m (the interval [m-1, m)) for m = 1..H.
inline void Simulator::record_programme_(int intervention, int start, double end) {
  if (timeline_ >= 0) records_.push_back({false, intervention, start, end});
  if (rec_.diff == nullptr) return;
  add_interval_(programme_series(intervention), start + 1, static_cast<int>(std::ceil(end)) + 1);
}

// Past any horizon (at most 600 months, window offsets included); add_interval_ clamps it.
constexpr int k_never_month = 1 << 29;

// Has begun `intervention` from month m = month + 1 on (the interval [month, month + 1) is
// month m's), for the rest of the follow-up; once per person and intervention.
inline void Simulator::record_began_(int intervention, int month) {
  if (timeline_ >= 0) records_.push_back({true, intervention, month, 0.0});
  std::uint8_t& began = run_.began[static_cast<std::size_t>(intervention)];
  if (began != 0 || rec_.diff == nullptr) return;
  began = 1;
  add_interval_(began_series(static_cast<int>(model_.interventions.size()), intervention), month + 1,
                k_never_month);
}

inline void Simulator::add_interval_(int series, int first_month, int end_month) {
  // The monthly table runs by calendar month (a cohort's is its months since entry).
  const int last = model_.horizon_months + 1;
  first_month = std::clamp(first_month + ps_->window.offset, 0, last);
  end_month = std::clamp(end_month + ps_->window.offset, 0, last);
  if (first_month >= end_month) return;
  std::int64_t* row = rec_.diff + static_cast<std::ptrdiff_t>(series) * rec_.months;
  row[first_month] += rec_.units;
  row[end_month] -= rec_.units;
  // A run that may be saved or copied keeps what it recorded.
  if (save_ != nullptr || rec_.keep_intervals) run_.intervals.push_back({series, first_month, end_month});
}

// ---- first-spell timelines ----

// Sanctions draw the person's own breaches, and a caseload person starts mid-programme:
// such runs evaluate every pass themselves. Sanctions are also the only mechanism that adds
// a hazard on top (SpellLoop::extra), which passes do not keep: a mechanism that adds one
// must be left out here too (test SpellTimelines.SanctionRunsHaveNoTimelines). The variant
// must be the model's own (its index is part of the key).
inline bool Simulator::timelines_apply_(const ArmVariant& v, const PersonStatic& ps) const {
  const bool own = &v >= model_.variants.data() && &v < model_.variants.data() + model_.variants.size();
  return timelines_on_ && own && !v.rules.benefit.sanctions && ps.window.caseload_row < 0;
}

inline TimelineKey Simulator::timeline_key_() const {
  const PersonWindow& w = ps_->window;
  TimelineKey key;
  key.variant = static_cast<int>(variant_ - model_.variants.data());
  key.cell = ps_->cell;
  for (std::size_t d = 0; d < key.levels.size(); ++d)
    key.levels[d] = selected_dimensions_[d]
                        ? static_cast<std::int8_t>(level_of(ps_->attrs, static_cast<Dimension>(d)))
                        : std::int8_t{-1};
  key.danish_level_at_entry = ps_->attrs.danish_level_at_entry;
  key.offset = w.offset;
  key.begin = w.begin;
  key.end = w.end;
  key.spell_start = w.spell_start;
  return key;
}

// A run that follows a timeline has taken its decisions so far, so it is at the recorded
// pass; past the last one, it records from there on, as the run there is the one the
// recorded run would be.
inline void Simulator::next_pass_() {
  Timeline& tl = timelines_[timeline_];
  ++pass_;
  if (static_cast<std::size_t>(pass_) < tl.passes.size()) return;
  if (!timelines_.take_pass()) {
    timeline_ = -1;
    return;
  }
  recording_ = true;
  tl.passes.emplace_back();
  tl.books.emplace_back();
}

inline void Simulator::decide_(bool outcome, const TimelineDecision& how) {
  const std::uint8_t d = outcome ? 1 : 0;
  if (recording_) {
    timelines_[timeline_].decisions.push_back(d);
    timelines_[timeline_].decision_info.push_back(how);
    ++decision_;
    return;
  }
  // Following, the run is within the recorded passes, so the recording took this decision
  // (a run past them would be recording; the check keeps the index in range regardless).
  const std::vector<std::uint8_t>& taken = timelines_[timeline_].decisions;
  if (decision_ >= taken.size()) {
    timeline_ = -1;
    return;
  }
  if (taken[decision_] != d) {
    const int other = timelines_.sibling(timeline_, decision_);
    if (other >= 0) {
      timeline_ = other;
    } else {  // a new timeline: until now the followed one's, from here this run's
      timeline_ = timelines_.add_sibling(timeline_, decision_, pass_);
      recording_ = true;
      if (timeline_ >= 0) {
        timelines_[timeline_].decisions.push_back(d);
        timelines_[timeline_].decision_info.push_back(how);
      }
    }
  }
  ++decision_;
}

// The pass's segment is known: its schedule event and its re-evaluation are done, and
// nothing in its books changes until the segment ends or the spell does.
inline void Simulator::record_pass_(const SpellLoop& loop, const Segment& seg) {
  Timeline& tl = timelines_[timeline_];
  const std::size_t p = static_cast<std::size_t>(pass_);
  TimelinePass& pass = tl.passes[p];
  TimelineBooks& b = tl.books[p];
  b.tracks = 0;
  for (const TrackState& ts : run_.tracks) {
    if (ts.status != TrackState::Status::active) continue;
    if (b.tracks == k_timeline_tracks) return;  // more than the books hold: not walkable
    b.active[static_cast<std::size_t>(b.tracks++)] = {ts.steps, ts.next, ts.start};
  }
  pass.d = seg.d;
  pass.end = seg.end;
  b.danish_level = run_.danish_level;
  b.danish_from = loop.danish_from;
  b.danish_rate = loop.danish_rate;
  b.module_month = loop.module_month;
  b.accounts = accounts_.state();
  b.participants = out_.x[column(Metric::participants)];
  b.programme_months = out_.x[column(Metric::programme_months)];
  b.cost_programmes_dkk = out_.x[column(Metric::cost_programmes_dkk)];
  b.decaying_post = run_.decaying_post;
  tl.completions.assign(run_.completions.begin(), run_.completions.end());
  tl.records.assign(records_.begin(), records_.end());
  b.completions = static_cast<int>(run_.completions.size());
  b.records = static_cast<int>(records_.size());
  pass.walkable = true;
}

// Asks for the cache lines of `bytes` bytes from `at`, one prefetch per 64-byte step.
static void prefetch_lines(const void* at, std::size_t bytes) {
  const char* p = static_cast<const char*>(at);
  for (std::size_t o = 0; o < bytes; o += 64) __builtin_prefetch(p + o);
}

// The walk's first reads are the timeline's first passes and decisions, in memory that other
// persons' runs have touched since: asked for while the set-up runs (with the passes' unused
// `extra` dropped, about 1.02 times as fast on `bench`, docs/developing.md).
inline void Simulator::prefetch_walk_() const {
  const Timeline& tl = timelines_[timeline_];
  prefetch_lines(tl.passes.data(), std::min<std::size_t>(tl.passes.size(), 4) * sizeof(TimelinePass));
  __builtin_prefetch(tl.decisions.data());
  __builtin_prefetch(tl.decision_info.data());
}

// The loop's first spell, pass by pass, without its schedule: what a pass's schedule
// event and re-evaluation would give is recorded; what is the person's own is taken as the
// loop takes it (begin_spell_, first_crossing_), with the same operations in the same
// order, so every bit is the loop's.
inline bool Simulator::walk_first_spell_(double t, double& next, State& state) {
  SpellLoop loop;
  start_spell_state_(loop, t, std::min(t, static_cast<double>(ps_->window.spell_start)), 0);
  const SpellFrame frame = spell_frame_();
  int followed = timeline_;
  std::size_t k = 0;  // the next decision
  std::int64_t reused = 0;
  for (std::size_t p = 0;; ++p) {
    const Timeline* tl = &timelines_[followed];
    // The decisions taken before this pass's segment (at the spell's start, or in its
    // schedule event), each with the person's own uniform.
    while (k < tl->decisions.size() && tl->decision_info[k].pass <= static_cast<int>(p)) {
      const TimelineDecision& how = tl->decision_info[k];
      const double u = how.placement ? latent_->placement_uniform(0, how.step_key)
                                     : latent_->coverage_uniform(0, how.step_key);
      if ((u < how.probability) != (tl->decisions[k] != 0)) {
        followed = timelines_.sibling(followed, k);
        if (followed < 0) return false;
        tl = &timelines_[followed];
      }
      ++k;
    }
    if (p >= tl->passes.size() || !tl->passes[p].walkable) return false;
    const TimelinePass& pass = tl->passes[p];
    // The exit reads the pass's books, which nothing else touches: ask for them early
    // (about 1.01 times as fast on `bench`, docs/developing.md).
    prefetch_lines(&tl->books[p], sizeof(TimelineBooks));
    if (pass.evaluated) {  // loop.extra stays all 0 (no sanctions: timelines_apply_)
      for (std::size_t j = 0; j < loop.scale.size(); ++j) loop.scale[j] = ps_->factor[j] * pass.effect[j];
      ++reused;
    }
    Segment seg;
    seg.d = pass.d;
    seg.end = pass.end;
    first_crossing_(frame, loop, seg);
    if (seg.winner < 0 && seg.end < frame.horizon) {
      loop.t = seg.end;
      continue;
    }
    // The spell ends in this pass: from here on the run is the loop's.
    evaluations_reused_ += reused;
    ++spells_walked_;
    restore_books_(*tl, p, loop);
    if (seg.winner >= 0) {
      state = leave_benefit_(loop, seg, next);
    } else {
      advance_segment_(loop, seg);
      state = stay_to_horizon_(loop, next);
    }
    return true;
  }
}

inline void Simulator::restore_books_(const Timeline& tl, std::size_t pass, SpellLoop& loop) {
  const TimelineBooks& b = tl.books[pass];
  run_.danish_level = b.danish_level;
  loop.danish_from = b.danish_from;
  loop.danish_rate = b.danish_rate;
  loop.module_month = b.module_month;
  accounts_.restore(b.accounts);
  out_.x[column(Metric::participants)] = b.participants;
  out_.x[column(Metric::programme_months)] = b.programme_months;
  out_.x[column(Metric::cost_programmes_dkk)] = b.cost_programmes_dkk;
  run_.decaying_post = b.decaying_post;
  post_memo_count_.fill(-1);
  run_.completions.assign(tl.completions.begin(), tl.completions.begin() + b.completions);
  run_.tracks.clear();
  for (int i = 0; i < b.tracks; ++i) {
    const TimelineTrack& a = b.active[static_cast<std::size_t>(i)];
    TrackState ts;
    ts.steps = a.steps;
    ts.next = a.next;
    ts.status = TrackState::Status::active;
    ts.start = a.start;
    run_.tracks.push_back(ts);
  }
  // The monthly table's calls the spell made, made again (they also mark what was begun).
  timeline_ = -1;  // as after the spell: nothing is recorded into the timeline any more
  for (int i = 0; i < b.records; ++i) {
    const TimelineRecord& r = tl.records[static_cast<std::size_t>(i)];
    if (r.began) {
      record_began_(r.intervention, r.start);
    } else {
      record_programme_(r.intervention, r.start, r.end);
    }
  }
}

// ---- prefix reuse ----

inline void Simulator::save_state_() {
  run_.accounts = accounts_.state();
  save_->state = run_;
  save_->x.assign(out_.x, out_.x + metric_count_);
  save_->w.assign(out_.w, out_.w + metric_count_);
  save_->first_job = out_.first_job;
}

inline void Simulator::maybe_capture_(RunSnapshot::Status reached) {
  const std::size_t track = static_cast<std::size_t>(capture_->track);
  if (track < run_.tracks.size() && run_.tracks[track].next >= static_cast<std::size_t>(capture_->depth)) {
    save_->status = reached;
    capture_ = nullptr;
  }
}

inline void Simulator::restore_(const RunSnapshot& from, int pathway) {
  run_ = from.state;
  post_memo_count_.fill(-1);
  accounts_.restore(run_.accounts);
  std::copy(from.x.begin(), from.x.end(), out_.x);
  std::copy(from.w.begin(), from.w.end(), out_.w);
  out_.first_job = from.first_job;
  add_intervals(run_.intervals, rec_);
  // The saved tracks point at the other variant's pathway; the steps so far are equal
  // (that is what made it a prefix), the rest are this variant's.
  // A caseload person's current programme, on the last track, is the same in every variant.
  const auto& tracks = model_.pathways[static_cast<std::size_t>(pathway)].tracks;
  for (std::size_t i = 0; i < std::min(run_.tracks.size(), tracks.size()); ++i)
    run_.tracks[i].steps = &tracks[i];
}

inline void Simulator::add_self_support_(double from, double to) {
  const double offset = ps_->window.offset;
  double a = std::max(from, static_cast<double>(begin_)) + offset;  // calendar months
  const double b = std::min(to, static_cast<double>(horizon_)) + offset;
  while (a < b) {
    const int year = static_cast<int>(a / 12.0);
    const double year_end = std::min(b, 12.0 * (year + 1));
    constexpr int k_self = static_cast<int>(BudgetMeasure::self_supported_months);
    if (year < model_.budget_years) {
      out_.x[static_cast<std::size_t>(model_.budget_column_base + year * k_budget_measure_count + k_self)] +=
          year_end - a;
      out_.x[static_cast<std::size_t>(model_.budget_column_base +
                                      model_.budget_years * k_budget_measure_count + k_self)] += year_end - a;
    }
    a = year_end;
  }
}

inline void Simulator::finish_budget_() {
  const int months = model_.horizon_months;
  const auto money = [&](CostMeasure m, int c) {
    return rec_.money[static_cast<std::size_t>(static_cast<int>(m) * months + c)];
  };
  for (int c = 0; c < months; ++c) {
    const double gross = money(CostMeasure::benefit, c) + money(CostMeasure::programme, c);
    const double reimbursement = money(CostMeasure::reimbursement, c);
    const double grants = money(CostMeasure::result_grants, c);
    const double basic = money(CostMeasure::basic_grant, c);
    // The calendar year's block, then the whole plan's.
    for (const int block : {c / 12, model_.budget_years}) {
      double* x = out_.x + model_.budget_column_base + block * k_budget_measure_count;
      x[static_cast<int>(BudgetMeasure::gross_public_cost)] += gross;
      x[static_cast<int>(BudgetMeasure::reimbursement)] += reimbursement;
      x[static_cast<int>(BudgetMeasure::result_grants)] += grants;
      x[static_cast<int>(BudgetMeasure::basic_grant)] += basic;
      x[static_cast<int>(BudgetMeasure::municipal_net_cost)] += gross - reimbursement - grants - basic;
    }
  }
}

inline void Simulator::finish_metrics_() {
  const double horizon = horizon_;
  const double followed = horizon_ - begin_;
  double* x = out_.x;
  x[column(Metric::months_self_support)] =
      x[column(Metric::months_employed)] + x[column(Metric::months_education)];
  x[column(Metric::ever_employed)] = out_.first_job < horizon ? 1.0 : 0.0;
  // Measured from the start of follow-up (entry, but a caseload person's is the plan's start).
  x[column(Metric::time_to_first_job)] = std::min(out_.first_job, horizon) - begin_;
  const double alive_time = x[column(Metric::months_on_benefit)] + x[column(Metric::months_employed)] +
                            x[column(Metric::months_education)] + x[column(Metric::months_off_benefit)];
  x[column(Metric::exit_share)] = alive_time < followed - 1e-9 ? 1.0 : 0.0;
  x[column(Metric::cost_benefit_dkk)] =
      (x[column(Metric::months_on_benefit)] - sanctions_.months_withheld(run_.mechanisms.sanction)) *
      model_.benefit_per_month;
  // The municipal accounts (core/mechanisms/municipal_costs.h). Benefit withheld by
  // sanctions is not paid, so the gross follows cost_benefit_dkk; the state reimburses
  // by the staircase on the benefit due.
  if (accounting_) accounts_.finish();
  const double gross = x[column(Metric::cost_benefit_dkk)] + x[column(Metric::cost_programmes_dkk)];
  x[column(Metric::cost_public_gross_dkk)] = gross;
  x[column(Metric::cost_reimbursement_dkk)] = accounts_.total(CostMeasure::reimbursement);
  x[column(Metric::cost_municipal_net_dkk)] = gross - accounts_.total(CostMeasure::reimbursement) -
                                              accounts_.total(CostMeasure::result_grants) -
                                              accounts_.total(CostMeasure::basic_grant);
  x[column(Metric::months_followed)] = followed;
  if (rec_.money != nullptr && model_.budget_years > 0) finish_budget_();
}

class PersonSimulator::Impl : public Simulator {
 public:
  using Simulator::Simulator;
};

PersonSimulator::PersonSimulator(const CompiledModel& m, std::int64_t timeline_passes)
    : impl_(std::make_unique<Impl>(m, timeline_passes)) {}
PersonSimulator::~PersonSimulator() = default;

double PersonSimulator::run(const ArmVariant& v, const PersonStatic& ps, Latent& latent, Outcome out,
                            MonthlyRecorder rec, const PrefixCapture* capture, RunSnapshot* save) {
  return impl_->run(v, ps, latent, out, rec, capture, save);
}

double PersonSimulator::resume(const ArmVariant& v, const PersonStatic& ps, Latent& latent, Outcome out,
                               MonthlyRecorder rec, const RunSnapshot& from, const PrefixCapture* capture,
                               RunSnapshot* save) {
  return impl_->resume(v, ps, latent, out, rec, from, capture, save);
}

const std::vector<MonthlyInterval>& PersonSimulator::intervals() const {
  return impl_->intervals();
}

bool PersonSimulator::paused() const {
  return impl_->paused();
}

const PlaceRequest& PersonSimulator::request() const {
  return impl_->request();
}

void PersonSimulator::take_state(RunState& into) {
  impl_->take_state(into);
}

double PersonSimulator::resume_decided(const ArmVariant& v, const PersonStatic& ps, Latent& latent,
                                       Outcome out, MonthlyRecorder rec, RunState& state, int track,
                                       bool granted) {
  return impl_->resume_decided(v, ps, latent, out, rec, state, track, granted);
}

std::vector<PlaceEvent>& PersonSimulator::place_events() {
  return impl_->place_events();
}

PersonSimulator::TimelineStats PersonSimulator::timeline_stats() const {
  return impl_->timeline_stats();
}

}  // namespace integrasim
