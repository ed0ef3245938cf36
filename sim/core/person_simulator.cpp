#include "core/person_simulator.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "core/combination.h"
#include "core/mechanisms/benefit_cut.h"
#include "core/mechanisms/danish_progression.h"
#include "core/mechanisms/labour_market.h"
#include "core/mechanisms/motivation_window.h"
#include "core/mechanisms/placement.h"
#include "core/mechanisms/sanctions.h"

namespace integrasim {
namespace {

// The person simulator proper (PersonSimulator forwards to it).
class Simulator {
 public:
  explicit Simulator(const CompiledModel& m);

  // As PersonSimulator's (person_simulator.h).
  double run(const ArmVariant& v, const PersonStatic& ps, Latent& latent, Outcome out, MonthlyRecorder rec,
             const PrefixCapture* capture, RunSnapshot* save);
  double resume(const ArmVariant& v, const PersonStatic& ps, Latent& latent, Outcome out, MonthlyRecorder rec,
                const RunSnapshot& from, const PrefixCapture* capture, RunSnapshot* save);
  const std::vector<MonthlyInterval>& intervals() const { return r_.intervals; }

 private:
  void begin_run_(const ArmVariant& v, const PersonStatic& ps, Latent& latent, Outcome out,
                  MonthlyRecorder rec, const PrefixCapture* capture, RunSnapshot* save);
  // Runs the state machine from time t in `state` with the given spell counts.
  double continue_run_(double t, State state, int benefit_spells);

  // ---- time functions: when would the next event happen ----

  // Time at which a piecewise-constant return hazard (by tenure since `start`) reaches
  // threshold `e`; infinity if never.
  double return_time_(ReturnHazard kind, double start, double e) const;

  // Simulates a benefit spell starting at t; returns the state entered and sets `next`
  // to the time it was entered (or the horizon). Hazards are constant between change
  // points (baseline pieces, programme phases, completed Danish modules, post-effect
  // decay), so the loop walks whole segments, not months: within a segment each
  // destination's crossing time is (E - Lambda) / h (MODEL §9).
  State benefit_spell_(double t, int spell, double& next);
  // The first half of benefit_spell_: starts the spell's pathway, thresholds and sanctions.
  void begin_spell_(double t, int spell);
  // The second half: walks segments from r_.loop until the spell ends or the horizon;
  // a resumed run enters here.
  State spell_loop_(double& next);

  int first_pathway_() const;

  // ---- apply functions: change state when an event happens ----

  void start_tracks_(int pathway);

  // Finds the next step on the track that the person is offered and eligible for.
  void prepare_step_(TrackState& ts, int now);

  // Handles starts, completions and anticipation windows at `month`; true if the
  // effect multipliers changed.
  bool advance_schedule_(int month);

  // The next month at which a track changes phase, given that events up to and
  // including `month` have been handled.
  void update_next_schedule_month_(int month);

  // The month from which the current step's anticipation and lock-in effects stop
  // (meetings motivate the newly unemployed, not the long-term unemployed); -1 if never.
  int effect_limit_month_(const TrackState& ts) const;

  void complete_step_(const TrackState& ts, double end_time);

  // Leaving benefit ends the current programmes (counted with the dose completed) and
  // cancels the rest of the pathway for this spell (MODEL §4).
  void end_spell_(double time);

  // Danish levels gained per month from the programmes now active.
  double danish_rate_() const;

  // Adds `months` of Danish progress; true if a module was completed.
  bool gain_danish_(double months);

  void compute_scale_(int month, std::array<double, k_destination_count>& scale);

  double decay_(const Completion& c, int month) const;

  // Combined post-programme log hazard ratio (MODEL §4), plus ordered interactions.
  double post_log_hr_(int j, int month);

  // ---- recording ----

  // Adds state time within [0, H] and the state's monthly occupancy at t = 1..H.
  // `to` = infinity means "until the end".
  void record_state_(State s, double from, double to);

  // Participation in month m (the interval [m-1, m)) for m = 1..H.
  void record_programme_(int intervention, int start, double end);

  void add_interval_(int series, int first_month, int end_month);

  // ---- prefix reuse ----

  // Copies the run so far into save_ (before an event that may diverge).
  void save_state_();
  // Whether the capture track has reached its depth: then the saved state is the one
  // a longer pathway resumes from, and capturing stops.
  void check_capture_(RunSnapshot::Status reached);
  // Continues from a state another variant saved; `pathway` is this variant's own.
  void restore_(const RunSnapshot& from, int pathway);

  void finish_metrics_();

  const CompiledModel& m_;
  // The mechanisms (core/mechanisms/), called in this order.
  DanishProgression danish_;
  Sanctions sanctions_;
  LabourMarket labour_market_;
  BenefitCut benefit_cut_;
  Placement placement_;
  const ArmVariant* v_ = nullptr;
  const PersonStatic* ps_ = nullptr;
  Latent* latent_ = nullptr;
  Outcome out_;
  MonthlyRecorder rec_;
  int metric_count_ = 0;
  RunState r_;
  std::vector<double> post_terms_;
  // Capture of the current run (null once reached or impossible).
  const PrefixCapture* capture_ = nullptr;
  RunSnapshot* save_ = nullptr;
  // Caches of exp(): pure functions of the log HR, not part of the run's state.
  std::array<double, k_destination_count> last_log_hr_{0.0, 0.0, 0.0, 0.0};
  std::array<double, k_destination_count> last_multiplier_{1.0, 1.0, 1.0, 1.0};
};

}  // namespace

void add_intervals(const std::vector<MonthlyInterval>& intervals, MonthlyRecorder rec) {
  if (rec.diff == nullptr) return;
  for (const MonthlyInterval& i : intervals) {
    std::int64_t* row = rec.diff + static_cast<std::ptrdiff_t>(i.series) * rec.months;
    row[i.first_month] += 1;
    row[i.end_month] -= 1;
  }
}

Simulator::Simulator(const CompiledModel& m)
    : m_(m),
      danish_(m.log_hr_per_danish_level),
      sanctions_(m.sanction),
      labour_market_(m.labour_market),
      benefit_cut_(m.benefit_cut_response),
      placement_(m.placement) {
  r_.tracks.reserve(8);
  r_.completions.reserve(64);
  post_terms_.reserve(64);
}

inline void Simulator::begin_run_(const ArmVariant& v, const PersonStatic& ps, Latent& latent, Outcome out,
                                  MonthlyRecorder rec, const PrefixCapture* capture, RunSnapshot* save) {
  v_ = &v;
  ps_ = &ps;
  latent_ = &latent;
  out_ = out;
  rec_ = rec;
  metric_count_ = k_fixed_metric_count + static_cast<int>(m_.employment_rate_months.size());
  capture_ = save != nullptr ? capture : nullptr;
  save_ = save;
  if (save_ != nullptr) save_->status = RunSnapshot::Status::never;
  danish_.bind(v.rules.post_on, ps.attrs.danish_level_at_entry);
  sanctions_.bind(v.rules.benefit.sanctions, ps.attrs.match_group, latent, m_.horizon_months);
  labour_market_.bind(ps.attrs.sex);
  benefit_cut_.bind(v.rules.benefit.benefit_cut, ps.attrs.sex);
}

inline double Simulator::run(const ArmVariant& v, const PersonStatic& ps, Latent& latent, Outcome out,
                             MonthlyRecorder rec, const PrefixCapture* capture, RunSnapshot* save) {
  begin_run_(v, ps, latent, out, rec, capture, save);
  r_.completions.clear();
  r_.intervals.clear();
  r_.decaying_post = false;
  Sanctions::begin_run(r_.sanction);
  r_.danish_level = ps.attrs.danish_level_at_entry;
  std::fill(out.x, out.x + metric_count_, 0.0);
  std::fill(out.w, out.w + metric_count_, 1.0);
  for (std::size_t i = 0; i < m_.employment_rate_months.size(); ++i) out.w[k_fixed_metric_count + i] = 0.0;
  return continue_run_(0.0, State::benefit, 0);
}

inline double Simulator::resume(const ArmVariant& v, const PersonStatic& ps, Latent& latent, Outcome out,
                                MonthlyRecorder rec, const RunSnapshot& from, const PrefixCapture* capture,
                                RunSnapshot* save) {
  begin_run_(v, ps, latent, out, rec, capture, save);
  restore_(from, first_pathway_());
  sanctions_.resume_spell(r_.spell);
  double next = m_.horizon_months;
  const State state = spell_loop_(next);
  return continue_run_(next, state, 1);
}

inline double Simulator::continue_run_(double t, State state, int benefit_spells) {
  const double horizon = m_.horizon_months;
  // Only the first benefit spell can be resumed, so the other states start at spell 0.
  int benefit_spell = benefit_spells;
  int employment_spell = 0;
  int education_spell = 0;
  int off_benefit_spell = 0;
  while (t < horizon) {
    double next = horizon;
    if (state == State::benefit) {
      state = benefit_spell_(t, benefit_spell++, next);
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
  finish_metrics_();
  return out_.first_job;
}

// Time at which a piecewise-constant return hazard (by tenure since `start`) reaches
// threshold `e`; infinity if never.
inline double Simulator::return_time_(ReturnHazard kind, double start, double e) const {
  const auto& pieces = m_.return_hazard[static_cast<std::size_t>(kind)][static_cast<std::size_t>(ps_->cell)];
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
// destination's crossing time is (E - Lambda) / h (MODEL §9).
inline State Simulator::benefit_spell_(double t, int spell, double& next) {
  begin_spell_(t, spell);
  return spell_loop_(next);
}

inline void Simulator::begin_spell_(double t, int spell) {
  r_.spell = spell;
  r_.anchor = static_cast<int>(std::ceil(t));
  start_tracks_(spell == 0 ? first_pathway_() : v_->reentry_pathway);
  if (capture_ != nullptr) check_capture_(RunSnapshot::Status::at_start);
  SpellLoop& loop = r_.loop;
  loop = SpellLoop{};
  for (int j = 0; j < k_destination_count; ++j) {
    const std::size_t js = static_cast<std::size_t>(j);
    // A destination nobody can reach needs no threshold (and no random draw).
    loop.remaining[js] = m_.destination_reachable[js] ? latent_->benefit_threshold(spell, j) : k_never;
  }
  loop.t = t;
  loop.spell_start = t;
  loop.module_month = m_.horizon_months;
  sanctions_.begin_spell(r_.sanction, t, spell);
}

inline State Simulator::spell_loop_(double& next) {
  const int horizon = m_.horizon_months;
  const std::size_t cell = static_cast<std::size_t>(ps_->cell);
  std::array<const double*, k_destination_count> base{};
  for (std::size_t j = 0; j < base.size(); ++j) base[j] = m_.baseline[j][cell].data();
  const int* base_next_change = m_.baseline_next_change[cell].data();
  const bool since_entry = m_.duration_clock == DurationClock::since_entry;
  // Locals the compiler can keep in registers (members could alias the metric sums
  // written through out_); written back to r_.loop only when the run is saved.
  double t = r_.loop.t;
  const double spell_start = r_.loop.spell_start;
  std::array<double, k_destination_count> remaining = r_.loop.remaining;
  std::array<double, k_destination_count> scale = r_.loop.scale;
  std::array<double, k_destination_count> extra = r_.loop.extra;
  bool effects_dirty = r_.loop.effects_dirty;
  double danish_rate = r_.loop.danish_rate;
  int module_month = r_.loop.module_month;

  while (true) {
    const int month = static_cast<int>(t);  // t >= 0, so truncation is floor
    if (month >= r_.next_schedule_month) {
      if (capture_ != nullptr) {
        // The step a longer pathway adds can only start to matter in a schedule event:
        // keep the run as it is before each one until the capture track moves on.
        r_.loop = {t, spell_start, remaining, scale, extra, effects_dirty, danish_rate, module_month};
        save_state_();
      }
      effects_dirty |= advance_schedule_(month);
      if (capture_ != nullptr) check_capture_(RunSnapshot::Status::saved);
    }
    effects_dirty |= sanctions_.apply(r_.sanction, month, out_.x[static_cast<int>(Metric::sanctions)]);
    // Mechanisms whose hazards change between events say so (a labour-market series at
    // any segment, a fading sanction effect or benefit-cut response every month).
    if (effects_dirty || r_.effects_vary_monthly || labour_market_.reevaluate() ||
        sanctions_.reevaluate(r_.sanction, month)) {
      compute_scale_(month, scale);
      for (int j = 0; j < k_destination_count; ++j)
        extra[static_cast<std::size_t>(j)] =
            sanctions_.extra_hazard(static_cast<Destination>(j), r_.sanction, month);
      // Danish progress is linear between phase changes, so the month of the next
      // completed module stays valid until the next re-evaluation.
      danish_rate = danish_rate_();
      module_month =
          danish_rate > 0.0 ? DanishProgression::next_module_month(r_.danish_level, t, danish_rate) : horizon;
      effects_dirty = false;
    }
    const int d = since_entry ? month : std::max(0, month - r_.anchor);
    int segment_end = std::min(r_.next_schedule_month, horizon);
    if (since_entry) {
      segment_end = std::min(segment_end, base_next_change[d]);
    } else {
      segment_end = std::min(segment_end, month < r_.anchor ? r_.anchor : r_.anchor + base_next_change[d]);
    }
    if (r_.effects_vary_monthly) segment_end = month + 1;
    segment_end = std::min({segment_end, module_month, labour_market_.next_change(month),
                            sanctions_.next_change(r_.sanction, month)});
    segment_end = std::max(segment_end, month + 1);

    const double length = segment_end - t;
    int winner = -1;
    double winner_dt = length;
    std::array<double, k_destination_count> h{};
    for (int j = 0; j < k_destination_count; ++j) {
      const std::size_t js = static_cast<std::size_t>(j);
      h[js] = base[js][d] * scale[js] + extra[js];
      if (h[js] * length >= remaining[js]) {
        const double dt = remaining[js] / h[js];
        if (winner < 0 || dt < winner_dt) {
          winner = j;
          winner_dt = dt;
        }
      }
    }
    if (winner < 0) {
      for (int j = 0; j < k_destination_count; ++j)
        remaining[static_cast<std::size_t>(j)] -= h[static_cast<std::size_t>(j)] * length;
      Sanctions::on_benefit(r_.sanction, t, segment_end);
      if (danish_rate > 0.0) effects_dirty |= gain_danish_(length);
      t = segment_end;
      if (t >= horizon) {
        end_spell_(t);
        record_state_(State::benefit, spell_start, k_never);
        next = horizon;
        return State::benefit;
      }
      continue;
    }
    const double event_time = std::min(t + winner_dt, static_cast<double>(segment_end));
    Sanctions::on_benefit(r_.sanction, t, event_time);
    if (danish_rate > 0.0) gain_danish_(event_time - t);
    end_spell_(event_time);
    record_state_(State::benefit, spell_start, event_time);
    next = event_time;
    if (winner == static_cast<int>(Destination::employed)) {
      out_.first_job = std::min(out_.first_job, event_time);
      return State::employed;
    }
    switch (static_cast<Destination>(winner)) {
      case Destination::education:
        return State::education;
      case Destination::off_benefit:
        return State::off_benefit;
      default:
        return State::exit;
    }
  }
}

inline int Simulator::first_pathway_() const {
  for (const auto& [who, pathway] : v_->assignments)
    if (who.matches(ps_->attrs)) return pathway;
  return -1;
}

inline void Simulator::start_tracks_(int pathway) {
  r_.tracks.clear();
  if (pathway >= 0 && v_->rules.runs_programmes()) {
    for (const auto& steps : m_.pathways[static_cast<std::size_t>(pathway)].tracks) {
      TrackState ts;
      ts.steps = &steps;
      ts.previous_end = r_.anchor;
      prepare_step_(ts, r_.anchor);
      r_.tracks.push_back(ts);
    }
  }
  // The spell may start mid-month (t < anchor); anticipation from the anchor onwards
  // then needs an event at the anchor.
  update_next_schedule_month_(r_.anchor - 1);
}

// Finds the next step on the track that the person is offered and eligible for.
inline void Simulator::prepare_step_(TrackState& ts, int now) {
  while (ts.next < ts.steps->size()) {
    const CompiledStep& step = (*ts.steps)[ts.next];
    const bool covered =
        step.coverage >= 1.0 ||
        (step.coverage > 0.0 && latent_->coverage_uniform(r_.spell, step.key) < step.coverage);
    if (covered && step.eligible.matches(ps_->attrs)) {
      const int base = step.relative_to_previous ? ts.previous_end : r_.anchor;
      ts.status = TrackState::Status::waiting;
      ts.start = std::max(base + step.start_month, now);
      ts.end = ts.start + step.duration_months;
      const int anticipation =
          m_.interventions[static_cast<std::size_t>(step.intervention)].anticipation_months;
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
  for (TrackState& ts : r_.tracks) {
    while (true) {
      if (ts.status == TrackState::Status::waiting && month >= ts.start) {
        const CompiledStep& step = (*ts.steps)[ts.next];
        changed = true;
        if (!DanishProgression::admits(step.min_danish_level, r_.danish_level) ||
            !placement_.admits(m_.interventions[static_cast<std::size_t>(step.intervention)].kind, step.key,
                               r_.danish_level, *latent_, r_.spell)) {
          ++ts.next;  // the placement cannot be established: the track goes on
          prepare_step_(ts, month);
          continue;
        }
        ts.status = TrackState::Status::active;
        continue;
      }
      if (ts.status == TrackState::Status::active && month >= ts.end) {
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

// The next month at which a track changes phase, given that events up to and
// including `month` have been handled.
inline void Simulator::update_next_schedule_month_(int month) {
  int next = std::numeric_limits<int>::max();
  for (const TrackState& ts : r_.tracks) {
    if (ts.status == TrackState::Status::waiting) {
      next = std::min(next, ts.anticipation_from > month ? ts.anticipation_from : ts.start);
    } else if (ts.status == TrackState::Status::active) {
      next = std::min(next, ts.end);
    }
    if (ts.status != TrackState::Status::done && effect_limit_month_(ts) > month)
      next = std::min(next, effect_limit_month_(ts));
  }
  r_.next_schedule_month = next;
  // While a post-programme effect decays or a benefit-cut response fades, hazards
  // change every month.
  r_.effects_vary_monthly = r_.decaying_post || benefit_cut_.reevaluate();
}

// The month from which the current step's anticipation and lock-in effects stop
// (meetings motivate the newly unemployed, not the long-term unemployed); -1 if never.
inline int Simulator::effect_limit_month_(const TrackState& ts) const {
  return MotivationWindow::end_month(
      m_.interventions[static_cast<std::size_t>((*ts.steps)[ts.next].intervention)].effect_until_spell_month,
      r_.anchor);
}

inline void Simulator::complete_step_(const TrackState& ts, double end_time) {
  const CompiledStep& step = (*ts.steps)[ts.next];
  const CompiledIntervention& iv = m_.interventions[static_cast<std::size_t>(step.intervention)];
  const double months = end_time - ts.start;
  if (months <= 0.0) return;
  out_.x[static_cast<int>(Metric::programme_months)] += months;
  out_.x[static_cast<int>(Metric::cost_programmes_dkk)] += months * iv.cost_per_month;
  record_programme_(step.intervention, ts.start, end_time);
  double scale = std::min(1.0, months / iv.full_dose_months) * step.dose;
  // Education activation works best when local employment is low (MODEL §5): its post
  // effect is scaled by the labour market at completion.
  if (iv.kind == InterventionKind::education) scale *= labour_market_.education_gain(end_time);
  r_.completions.push_back({step.intervention, end_time, scale});
  if (iv.half_life_months > 0.0 && v_->rules.post_on) r_.decaying_post = true;
}

// Leaving benefit ends the current programmes (counted with the dose completed) and
// cancels the rest of the pathway for this spell (MODEL §4).
inline void Simulator::end_spell_(double time) {
  capture_ = nullptr;  // only the first spell runs the pathway a longer one extends
  for (TrackState& ts : r_.tracks)
    if (ts.status == TrackState::Status::active) complete_step_(ts, time);
  r_.tracks.clear();
}

// Danish levels gained per month from the programmes now active.
inline double Simulator::danish_rate_() const {
  double rate = 0.0;
  for (const TrackState& ts : r_.tracks) {
    if (ts.status != TrackState::Status::active) continue;
    const CompiledStep& step = (*ts.steps)[ts.next];
    rate += m_.interventions[static_cast<std::size_t>(step.intervention)].danish_gain_per_month * step.dose;
  }
  return DanishProgression::rate(rate, r_.danish_level);
}

// Adds `months` of Danish progress; true if a module was completed (the hazard and
// eligibility count completed modules).
inline bool Simulator::gain_danish_(double months) {
  return DanishProgression::gain(r_.danish_level, danish_rate_(), months);
}

inline void Simulator::compute_scale_(int month, std::array<double, k_destination_count>& scale) {
  const std::size_t cell = static_cast<std::size_t>(ps_->cell);
  const double danish = danish_.hazard_level(r_.danish_level);
  for (int j = 0; j < k_destination_count; ++j) {
    const std::size_t js = static_cast<std::size_t>(j);
    if (!m_.destination_has_effects[js]) {  // typically exit: nothing to add up
      scale[js] = ps_->factor[js];
      continue;
    }
    double log_hr = 0.0;
    for (const TrackState& ts : r_.tracks) {
      if (ts.status == TrackState::Status::done) continue;
      const CompiledStep& step = (*ts.steps)[ts.next];
      const auto& iv = m_.interventions[static_cast<std::size_t>(step.intervention)];
      if (!MotivationWindow::open(iv.effect_until_spell_month, month, r_.anchor)) continue;
      if (ts.status == TrackState::Status::waiting && v_->rules.anticipation_on &&
          month >= ts.anticipation_from)
        log_hr += iv.log_hr[static_cast<std::size_t>(Phase::anticipation)][js][cell] * step.dose;
      if (ts.status == TrackState::Status::active && v_->rules.lock_in_on)
        log_hr += iv.log_hr[static_cast<std::size_t>(Phase::lock_in)][js][cell] * step.dose;
    }
    // The mechanisms' terms, in their fixed order (the order of the sum is part of the
    // results).
    const Destination dest = static_cast<Destination>(j);
    log_hr += danish_.log_hr(dest, danish);
    log_hr += sanctions_.log_hr(dest, r_.sanction, month);
    log_hr += labour_market_.log_hr(dest, month);
    log_hr += benefit_cut_.log_hr(dest, month - r_.anchor);
    if (v_->rules.post_on) log_hr += post_log_hr_(j, month);
    // Most re-evaluations change one destination's effects only; reuse the last exp().
    if (log_hr != last_log_hr_[js]) {
      last_log_hr_[js] = log_hr;
      last_multiplier_[js] = log_hr == 0.0 ? 1.0 : std::exp(log_hr);
    }
    scale[js] = ps_->factor[js] * last_multiplier_[js];
  }
}

inline double Simulator::decay_(const Completion& c, int month) const {
  const double half_life = m_.interventions[static_cast<std::size_t>(c.intervention)].half_life_months;
  if (half_life <= 0.0) return 1.0;
  return std::exp2(-std::max(0.0, month - c.end_time) / half_life);
}

// Combined post-programme log hazard ratio (MODEL §4), plus ordered interactions.
inline double Simulator::post_log_hr_(int j, int month) {
  if (r_.completions.empty()) return 0.0;
  const std::size_t js = static_cast<std::size_t>(j);
  const std::size_t cell = static_cast<std::size_t>(ps_->cell);
  post_terms_.clear();
  for (const Completion& c : r_.completions) {
    const double b = m_.interventions[static_cast<std::size_t>(c.intervention)]
                         .log_hr[static_cast<std::size_t>(Phase::post)][js][cell];
    // Programmes without a post effect count too (b = 0): under `strongest` a neutral
    // programme outranks a harmful one, as MODEL §4 reads.
    post_terms_.push_back(b == 0.0 ? 0.0 : b * c.scale * decay_(c, month));
  }
  double total = combine_post_effects(m_.combination_rule, m_.combination_alpha, post_terms_);
  for (const CompiledInteraction& ia : m_.interactions) {
    const double b = ia.log_hr[js][cell];
    if (b == 0.0) continue;
    // B completed after A: some completion of B ends strictly later than the first
    // completion of A. Programmes ending together (on parallel tracks) do not count,
    // whatever the order of the tracks.
    double first_a = k_never;
    for (const Completion& c : r_.completions)
      if (c.intervention == ia.first) first_a = std::min(first_a, c.end_time);
    for (const Completion& c : r_.completions)
      if (c.intervention == ia.then && c.end_time > first_a) {
        total += b * c.scale * decay_(c, month);
        break;
      }
  }
  return total;
}

// Adds state time within [0, H] and the state's monthly occupancy at t = 1..H.
// `to` = infinity means "until the end".
inline void Simulator::record_state_(State s, double from, double to) {
  const double horizon = m_.horizon_months;
  const double within = std::min(to, horizon) - from;
  switch (s) {
    case State::benefit:
      out_.x[static_cast<int>(Metric::months_on_benefit)] += within;
      break;
    case State::employed:
      out_.x[static_cast<int>(Metric::months_employed)] += within;
      break;
    case State::education:
      out_.x[static_cast<int>(Metric::months_education)] += within;
      break;
    case State::off_benefit:
      out_.x[static_cast<int>(Metric::months_off_benefit)] += within;
      break;
    case State::exit:
      break;
  }
  // The state at t = m (m = 1..H) is the state of the interval containing m; the last
  // interval is closed at the horizon.
  const double end = to >= horizon ? horizon + 1.0 : to;
  for (std::size_t i = 0; i < m_.employment_rate_months.size(); ++i) {
    const double at = m_.employment_rate_months[i];
    if (from <= at && at < end) {
      out_.x[static_cast<std::size_t>(k_fixed_metric_count) + i] = s == State::employed ? 1.0 : 0.0;
      out_.w[static_cast<std::size_t>(k_fixed_metric_count) + i] = s == State::exit ? 0.0 : 1.0;
    }
  }
  if (rec_.diff != nullptr)
    add_interval_(static_cast<int>(s), static_cast<int>(std::ceil(from)), static_cast<int>(std::ceil(end)));
}

// Participation in month m (the interval [m-1, m)) for m = 1..H.
inline void Simulator::record_programme_(int intervention, int start, double end) {
  if (rec_.diff == nullptr) return;
  add_interval_(k_state_count + intervention, start + 1, static_cast<int>(std::ceil(end)) + 1);
}

inline void Simulator::add_interval_(int series, int first_month, int end_month) {
  const int last = m_.horizon_months + 1;
  first_month = std::clamp(first_month, 0, last);
  end_month = std::clamp(end_month, 0, last);
  if (first_month >= end_month) return;
  std::int64_t* row = rec_.diff + static_cast<std::ptrdiff_t>(series) * rec_.months;
  row[first_month] += 1;
  row[end_month] -= 1;
  // A run that may be saved or copied keeps what it recorded.
  if (save_ != nullptr) r_.intervals.push_back({series, first_month, end_month});
}

// ---- prefix reuse ----

inline void Simulator::save_state_() {
  save_->state = r_;
  save_->x.assign(out_.x, out_.x + metric_count_);
  save_->w.assign(out_.w, out_.w + metric_count_);
  save_->first_job = out_.first_job;
}

inline void Simulator::check_capture_(RunSnapshot::Status reached) {
  const std::size_t track = static_cast<std::size_t>(capture_->track);
  if (track < r_.tracks.size() && r_.tracks[track].next >= static_cast<std::size_t>(capture_->depth)) {
    save_->status = reached;
    capture_ = nullptr;
  }
}

inline void Simulator::restore_(const RunSnapshot& from, int pathway) {
  r_ = from.state;
  std::copy(from.x.begin(), from.x.end(), out_.x);
  std::copy(from.w.begin(), from.w.end(), out_.w);
  out_.first_job = from.first_job;
  add_intervals(r_.intervals, rec_);
  // The saved tracks point at the other variant's pathway; the steps so far are equal
  // (that is what made it a prefix), the rest are this variant's.
  const auto& tracks = m_.pathways[static_cast<std::size_t>(pathway)].tracks;
  for (std::size_t i = 0; i < r_.tracks.size(); ++i) r_.tracks[i].steps = &tracks[i];
}

inline void Simulator::finish_metrics_() {
  const double horizon = m_.horizon_months;
  double* x = out_.x;
  x[static_cast<int>(Metric::months_self_support)] =
      x[static_cast<int>(Metric::months_employed)] + x[static_cast<int>(Metric::months_education)];
  x[static_cast<int>(Metric::ever_employed)] = out_.first_job < horizon ? 1.0 : 0.0;
  x[static_cast<int>(Metric::time_to_first_job)] = std::min(out_.first_job, horizon);
  const double alive_time =
      x[static_cast<int>(Metric::months_on_benefit)] + x[static_cast<int>(Metric::months_employed)] +
      x[static_cast<int>(Metric::months_education)] + x[static_cast<int>(Metric::months_off_benefit)];
  x[static_cast<int>(Metric::exit_share)] = alive_time < horizon - 1e-9 ? 1.0 : 0.0;
  x[static_cast<int>(Metric::cost_benefit_dkk)] =
      (x[static_cast<int>(Metric::months_on_benefit)] - sanctions_.months_withheld(r_.sanction)) *
      m_.benefit_per_month;
}

class PersonSimulator::Impl : public Simulator {
 public:
  using Simulator::Simulator;
};

PersonSimulator::PersonSimulator(const CompiledModel& m) : impl_(std::make_unique<Impl>(m)) {}
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

}  // namespace integrasim
