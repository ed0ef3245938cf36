#include "core/engine.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <limits>
#include <chrono>
#include <thread>

#include "core/combination.h"
#include "core/population.h"
#include "core/random_streams.h"

namespace integrasim {
namespace {

constexpr double k_never = std::numeric_limits<double>::infinity();
constexpr double k_max_danish_level = 3.0;
// Danish education has six modules, each ending with a module test (evidence DU-1), over
// levels 0-3: a module is half a level. Hazards and eligibility use completed modules.
constexpr double k_danish_module = 0.5;
// Absorbs rounding in sums such as 6 x (1/12) when comparing with the module grid.
constexpr double k_grid_tolerance = 1e-9;

double module_level(double level) {
  return std::floor(level / k_danish_module + k_grid_tolerance) * k_danish_module;
}

// A person's latent draws, shared by every arm variant (common random numbers). The first
// few spells are cached because each variant asks for the same ones.
class Latent {
 public:
  Latent(const StreamKey& key, std::uint64_t person) : key_(key), person_(person) {
    benefit_.fill(std::numeric_limits<double>::quiet_NaN());
    job_loss_.fill(std::numeric_limits<double>::quiet_NaN());
    dropout_.fill(std::numeric_limits<double>::quiet_NaN());
    coverage_.fill(std::numeric_limits<double>::quiet_NaN());
    placement_.fill(std::numeric_limits<double>::quiet_NaN());
  }

  double benefit_threshold(int spell, int destination) {
    static constexpr Purpose purposes[k_destination_count] = {
        Purpose::threshold_employed, Purpose::threshold_education, Purpose::threshold_exit,
        Purpose::threshold_off_benefit};
    const Purpose p = purposes[destination];
    if (spell >= k_cached_spells) return exponential_threshold(key_, person_, p, static_cast<std::uint64_t>(spell));
    double& slot = benefit_[static_cast<std::size_t>(spell * k_destination_count + destination)];
    if (std::isnan(slot)) slot = exponential_threshold(key_, person_, p, static_cast<std::uint64_t>(spell));
    return slot;
  }
  double job_loss_threshold(int spell) { return cached(job_loss_, Purpose::threshold_job_loss, spell); }
  double dropout_threshold(int spell) { return cached(dropout_, Purpose::threshold_dropout, spell); }
  double off_benefit_return_threshold(int spell) {
    return exponential_threshold(key_, person_, Purpose::threshold_off_benefit_return, static_cast<std::uint64_t>(spell));
  }
  // The k-th breach of obligations in benefit spell `spell` (sanction regimes).
  double violation_threshold(int spell, int k) {
    return exponential_threshold(key_, person_, Purpose::sanction,
                                 static_cast<std::uint64_t>(spell) * 4096U + static_cast<std::uint64_t>(k));
  }

  // Uniforms per (spell, pathway step): whether the step is offered (coverage) and
  // whether a company placement can be established (placement).
  double coverage_uniform(int spell, int step_key) { return step_uniform(coverage_, Purpose::coverage, spell, step_key); }
  double placement_uniform(int spell, int step_key) {
    return step_uniform(placement_, Purpose::placement, spell, step_key);
  }

 private:
  static constexpr int k_cached_spells = 8;
  static constexpr int k_cached_coverage_spells = 2;
  static constexpr int k_cached_steps = 32;

  using StepCache = std::array<double, 2 * 32>;  // k_cached_coverage_spells x k_cached_steps

  double step_uniform(StepCache& cache, Purpose p, int spell, int step_key) {
    const std::uint64_t index = static_cast<std::uint64_t>(spell) * 4096U + static_cast<std::uint64_t>(step_key);
    if (spell >= k_cached_coverage_spells || step_key >= k_cached_steps) return uniform_open01(key_, person_, p, index);
    double& slot = cache[static_cast<std::size_t>(spell * k_cached_steps + step_key)];
    if (std::isnan(slot)) slot = uniform_open01(key_, person_, p, index);
    return slot;
  }

  template <std::size_t N>
  double cached(std::array<double, N>& cache, Purpose p, int spell) {
    if (spell >= static_cast<int>(N)) return exponential_threshold(key_, person_, p, static_cast<std::uint64_t>(spell));
    double& slot = cache[static_cast<std::size_t>(spell)];
    if (std::isnan(slot)) slot = exponential_threshold(key_, person_, p, static_cast<std::uint64_t>(spell));
    return slot;
  }

  StreamKey key_;
  std::uint64_t person_;
  std::array<double, k_cached_spells * k_destination_count> benefit_{};
  std::array<double, k_cached_spells> job_loss_{};
  std::array<double, k_cached_spells> dropout_{};
  StepCache coverage_{};
  StepCache placement_{};
  static_assert(std::tuple_size_v<StepCache> == k_cached_coverage_spells * k_cached_steps);
};

// A completed (or interrupted) programme, for post-programme effects.
struct Completion {
  int intervention = 0;
  double end_time = 0.0;  // months since entry
  double scale = 1.0;     // dose share completed x step dose, multiplies the log HR
};

// The schedule of one track within a benefit spell (MODEL §6).
struct TrackState {
  enum class Status : std::uint8_t { done, waiting, active };
  const std::vector<CompiledStep>* steps = nullptr;
  std::size_t next = 0;      // index of the current step
  Status status = Status::done;
  int start = 0;             // months since entry
  int end = 0;
  int anticipation_from = 0;
  int previous_end = 0;      // end of the last step that ran on this track
};

// Where a person's intervals go in the monthly table (null when the variant is not one
// that is reported month by month).
struct MonthlyRecorder {
  std::int64_t* diff = nullptr;   // series-major block for this person's slot and cell
  int months = 0;                 // stride between series: H + 2
};

// Per-person results of one variant: numerator x and denominator w of each metric.
struct Outcome {
  double* x = nullptr;
  double* w = nullptr;
  double first_job = k_never;
};

// Simulates one person in one arm variant. One instance per thread; its buffers are
// reused so that nothing is allocated per person-month.
class PersonSimulator {
 public:
  explicit PersonSimulator(const CompiledModel& m) : m_(m) {
    tracks_.reserve(8);
    completions_.reserve(64);
    post_terms_.reserve(64);
  }

  // Returns the time of the first job (infinity if none within the horizon).
  double run(const ArmVariant& v, const PersonStatic& ps, Latent& latent, Outcome out, MonthlyRecorder rec) {
    v_ = &v;
    ps_ = &ps;
    latent_ = &latent;
    out_ = out;
    rec_ = rec;
    completions_.clear();
    decaying_post_ = false;
    sanctioned_months_ = 0.0;
    danish_level_ = ps.attrs.danish_level_at_entry;
    const int metrics = k_fixed_metric_count + static_cast<int>(m_.employment_rate_months.size());
    std::fill(out.x, out.x + metrics, 0.0);
    std::fill(out.w, out.w + metrics, 1.0);
    for (std::size_t i = 0; i < m_.employment_rate_months.size(); ++i) out.w[k_fixed_metric_count + i] = 0.0;

    const double horizon = m_.horizon_months;
    double t = 0.0;
    State state = State::benefit;
    int benefit_spell = 0;
    int employment_spell = 0;
    int education_spell = 0;
    int off_benefit_spell = 0;
    while (t < horizon) {
      double next = horizon;
      if (state == State::benefit) {
        state = benefit_spell_(t, benefit_spell++, next);
      } else if (state == State::employed) {
        next = return_time_(ReturnHazard::job_loss, t, latent.job_loss_threshold(employment_spell++));
        record_state_(State::employed, t, next);
        state = State::benefit;
      } else if (state == State::education) {
        next = return_time_(ReturnHazard::education_dropout, t, latent.dropout_threshold(education_spell++));
        record_state_(State::education, t, next);
        state = State::benefit;
      } else if (state == State::off_benefit) {
        next = return_time_(ReturnHazard::off_benefit_return, t, latent.off_benefit_return_threshold(off_benefit_spell++));
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

 private:
  // ---- time functions: when would the next event happen ----

  // Time at which a piecewise-constant return hazard (by tenure since `start`) reaches
  // threshold `e`; infinity if never.
  double return_time_(ReturnHazard kind, double start, double e) const {
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
  State benefit_spell_(double t, int spell, double& next) {
    const int horizon = m_.horizon_months;
    const std::size_t cell = static_cast<std::size_t>(ps_->cell);
    spell_ = spell;
    anchor_ = static_cast<int>(std::ceil(t));
    start_tracks_(spell == 0 ? first_pathway_() : v_->reentry_pathway);

    std::array<double, k_destination_count> remaining{};
    std::array<const double*, k_destination_count> base{};
    for (int j = 0; j < k_destination_count; ++j) {
      const std::size_t js = static_cast<std::size_t>(j);
      // A destination nobody can reach needs no threshold (and no random draw).
      remaining[js] = m_.destination_reachable[js] ? latent_->benefit_threshold(spell, j) : k_never;
      base[js] = m_.baseline[js][cell].data();
    }
    const int* base_next_change = m_.baseline_next_change[cell].data();
    const bool since_entry = m_.duration_clock == DurationClock::since_entry;
    std::array<double, k_destination_count> scale{};  // covariates x frailty x effects
    std::array<double, k_destination_count> extra{};  // hazards added on top (sanctions)
    bool effects_dirty = true;
    double danish_rate = 0.0;  // Danish levels per month from active programmes
    int module_month = horizon;  // month the next Danish module is completed
    const double spell_start = t;
    start_sanctions_(t);

    while (true) {
      const int month = static_cast<int>(t);  // t >= 0, so truncation is floor
      if (month >= next_schedule_month_) effects_dirty |= advance_schedule_(month);
      if (month >= sanction_month_) effects_dirty |= apply_sanctions_(month);
      // A local labour-market series changes hazards at its own change months; a fading
      // sanction effect every month.
      const bool sanction_fading = month < last_sanction_month_ + m_.sanction.fade_months;
      if (effects_dirty || effects_vary_monthly_ || m_.labour_market_active || sanction_fading) {
        compute_scale_(month, scale);
        extra[static_cast<std::size_t>(Destination::off_benefit)] =
            v_->sanctions ? m_.sanction.after_off_benefit[static_cast<std::size_t>(ps_->attrs.match_group)] *
                                sanction_fade_(month)
                          : 0.0;
        // Danish progress is linear between phase changes, so the month of the next
        // completed module stays valid until the next re-evaluation.
        danish_rate = danish_rate_();
        module_month = danish_rate > 0.0 ? next_module_month_(t, danish_rate) : horizon;
        effects_dirty = false;
      }
      const int d = since_entry ? month : std::max(0, month - anchor_);
      int segment_end = std::min(next_schedule_month_, horizon);
      if (since_entry) {
        segment_end = std::min(segment_end, base_next_change[d]);
      } else {
        segment_end = std::min(segment_end, month < anchor_ ? anchor_ : anchor_ + base_next_change[d]);
      }
      if (effects_vary_monthly_) segment_end = month + 1;
      segment_end = std::min(segment_end, module_month);
      if (m_.labour_market_active)
        segment_end = std::min(segment_end, m_.labour_market_next_change[static_cast<std::size_t>(month)]);
      segment_end = std::min(segment_end, sanction_fading ? month + 1 : sanction_month_);
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
        add_sanctioned_time_(t, segment_end);
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
      add_sanctioned_time_(t, event_time);
      if (danish_rate > 0.0) gain_danish_(event_time - t);
      end_spell_(event_time);
      record_state_(State::benefit, spell_start, event_time);
      next = event_time;
      if (winner == static_cast<int>(Destination::employed)) {
        out_.first_job = std::min(out_.first_job, event_time);
        return State::employed;
      }
      switch (static_cast<Destination>(winner)) {
        case Destination::education: return State::education;
        case Destination::off_benefit: return State::off_benefit;
        default: return State::exit;
      }
    }
  }

  int first_pathway_() const {
    for (const auto& [who, pathway] : v_->assignments)
      if (who.matches(ps_->attrs)) return pathway;
    return -1;
  }

  // ---- apply functions: change state when an event happens ----

  void start_tracks_(int pathway) {
    tracks_.clear();
    const bool runs_programmes = v_->kind != VariantKind::no_intervention && v_->kind != VariantKind::rules_only;
    if (pathway >= 0 && runs_programmes) {
      for (const auto& steps : m_.pathways[static_cast<std::size_t>(pathway)].tracks) {
        TrackState ts;
        ts.steps = &steps;
        ts.previous_end = anchor_;
        prepare_step_(ts, anchor_);
        tracks_.push_back(ts);
      }
    }
    // The spell may start mid-month (t < anchor); anticipation from the anchor onwards
    // then needs an event at the anchor.
    update_next_schedule_month_(anchor_ - 1);
  }

  // Finds the next step on the track that the person is offered and eligible for.
  void prepare_step_(TrackState& ts, int now) {
    while (ts.next < ts.steps->size()) {
      const CompiledStep& step = (*ts.steps)[ts.next];
      const bool covered = step.coverage >= 1.0 ||
                           (step.coverage > 0.0 && latent_->coverage_uniform(spell_, step.key) < step.coverage);
      if (covered && step.eligible.matches(ps_->attrs)) {
        const int base = step.relative_to_previous ? ts.previous_end : anchor_;
        ts.status = TrackState::Status::waiting;
        ts.start = std::max(base + step.start_month, now);
        ts.end = ts.start + step.duration_months;
        const int anticipation = m_.interventions[static_cast<std::size_t>(step.intervention)].anticipation_months;
        ts.anticipation_from = std::max(now, ts.start - anticipation);
        return;
      }
      ++ts.next;  // not offered or not eligible: the track goes on as if the step were absent
    }
    ts.status = TrackState::Status::done;
  }

  // Handles starts, completions and anticipation windows at `month`; true if the
  // effect multipliers changed.
  bool advance_schedule_(int month) {
    bool changed = false;
    for (TrackState& ts : tracks_) {
      while (true) {
        if (ts.status == TrackState::Status::waiting && month >= ts.start) {
          const CompiledStep& step = (*ts.steps)[ts.next];
          changed = true;
          if (module_level(danish_level_) + k_grid_tolerance < step.min_danish_level || !placement_succeeds_(step)) {
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
  void update_next_schedule_month_(int month) {
    int next = std::numeric_limits<int>::max();
    for (const TrackState& ts : tracks_) {
      if (ts.status == TrackState::Status::waiting) {
        next = std::min(next, ts.anticipation_from > month ? ts.anticipation_from : ts.start);
      } else if (ts.status == TrackState::Status::active) {
        next = std::min(next, ts.end);
      }
      if (ts.status != TrackState::Status::done && effect_limit_month_(ts) > month)
        next = std::min(next, effect_limit_month_(ts));
    }
    next_schedule_month_ = next;
    // While a post-programme effect decays or a benefit-cut response fades, hazards
    // change every month.
    effects_vary_monthly_ = decaying_post_ || cut_responds_();
  }

  // The month from which the current step's anticipation and lock-in effects stop
  // (meetings motivate the newly unemployed, not the long-term unemployed); -1 if never.
  int effect_limit_month_(const TrackState& ts) const {
    const int until = m_.interventions[static_cast<std::size_t>((*ts.steps)[ts.next].intervention)].effect_until_spell_month;
    return until > 0 ? anchor_ + until : -1;
  }

  // Company placements need enough Danish (and company collaboration): they succeed
  // with a probability rising in the Danish level (MODEL §5).
  bool placement_succeeds_(const CompiledStep& step) const {
    if (!m_.placement_active ||
        m_.interventions[static_cast<std::size_t>(step.intervention)].kind != InterventionKind::company)
      return true;
    const double p = std::clamp(
        (m_.placement_at_level_0 + m_.placement_per_level * module_level(danish_level_)) * m_.company_collaboration,
        0.0, 1.0);
    if (p >= 1.0) return true;
    return latent_->placement_uniform(spell_, step.key) < p;
  }

  // ---- sanctions (MODEL §5): breaches of obligations arrive at a constant monthly rate
  // while on benefit under the regime, from latent thresholds like any other event; the
  // sanction and its effects start at the next whole month. ----

  void start_sanctions_(double t) {
    violations_ = 0;
    last_sanction_month_ = std::numeric_limits<int>::min() / 2;
    sanctioned_from_ = sanctioned_until_ = 0.0;
    violation_rate_ = v_->sanctions ? m_.sanction.violation_rate[static_cast<std::size_t>(ps_->attrs.match_group)] : 0.0;
    violation_time_ = t;
    schedule_next_violation_();
  }

  void schedule_next_violation_() {
    if (violation_rate_ <= 0.0) {
      sanction_month_ = std::numeric_limits<int>::max();
      return;
    }
    violation_time_ += latent_->violation_threshold(spell_, violations_) / violation_rate_;
    sanction_month_ = violation_time_ >= m_.horizon_months ? std::numeric_limits<int>::max()
                                                           : static_cast<int>(std::ceil(violation_time_));
  }

  // Starts the sanctions due by `month`; true (effects change).
  bool apply_sanctions_(int month) {
    while (month >= sanction_month_) {
      last_sanction_month_ = sanction_month_;
      out_.x[static_cast<int>(Metric::sanctions)] += 1.0;
      const double from = std::max(static_cast<double>(sanction_month_), sanctioned_until_);
      if (from > sanctioned_until_) sanctioned_from_ = from;
      sanctioned_until_ = from + m_.sanction.sanction_months;
      ++violations_;
      schedule_next_violation_();
    }
    return true;
  }

  // Share of the ex-post sanction effect left at `month`: 1 in the month the sanction
  // starts, falling linearly to 0 over the fade months.
  double sanction_fade_(int month) const {
    const double since = month - last_sanction_month_;
    return since < m_.sanction.fade_months ? 1.0 - since / m_.sanction.fade_months : 0.0;
  }

  // Benefit withheld: time on benefit within a sanction period.
  void add_sanctioned_time_(double from, double to) {
    const double overlap = std::min(to, sanctioned_until_) - std::max(from, sanctioned_from_);
    if (overlap > 0.0) sanctioned_months_ += overlap;
  }

  // Whether this person's job hazard responds to the arm's benefit cut (persons who do
  // not respond keep exactly the hazards, and so the results, of standard rules).
  bool cut_responds_() const {
    return v_->benefit_cut > 0.0 &&
           m_.benefit_cut_response.log_hr_per_full_cut[static_cast<std::size_t>(ps_->attrs.sex)] != 0.0;
  }

  void complete_step_(const TrackState& ts, double end_time) {
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
    if (iv.kind == InterventionKind::education && m_.labour_market_active)
      scale *= m_.education_activation_gain[std::min(static_cast<std::size_t>(end_time),
                                                     m_.education_activation_gain.size() - 1)];
    completions_.push_back({step.intervention, end_time, scale});
    if (iv.half_life_months > 0.0 && v_->post_on) decaying_post_ = true;
  }

  // Leaving benefit ends the current programmes (counted with the dose completed) and
  // cancels the rest of the pathway for this spell (MODEL §4).
  void end_spell_(double time) {
    for (TrackState& ts : tracks_)
      if (ts.status == TrackState::Status::active) complete_step_(ts, time);
    tracks_.clear();
  }

  // Danish levels gained per month from the programmes now active.
  double danish_rate_() const {
    double rate = 0.0;
    for (const TrackState& ts : tracks_) {
      if (ts.status != TrackState::Status::active) continue;
      const CompiledStep& step = (*ts.steps)[ts.next];
      rate += m_.interventions[static_cast<std::size_t>(step.intervention)].danish_gain_per_month * step.dose;
    }
    return danish_level_ < k_max_danish_level ? rate : 0.0;
  }

  // The first whole month at which the next Danish module is completed.
  int next_module_month_(double t, double rate) const {
    const double next_grid = (std::floor(danish_level_ / k_danish_module + k_grid_tolerance) + 1.0) * k_danish_module;
    return static_cast<int>(std::ceil(t + (next_grid - danish_level_) / rate - k_grid_tolerance));
  }

  // Adds `months` of Danish progress; true if a module was completed (the hazard and
  // eligibility count completed modules).
  bool gain_danish_(double months) {
    const double before = module_level(danish_level_);
    danish_level_ = std::min(k_max_danish_level, danish_level_ + danish_rate_() * months);
    return module_level(danish_level_) != before;
  }

  void compute_scale_(int month, std::array<double, k_destination_count>& scale) {
    const std::size_t cell = static_cast<std::size_t>(ps_->cell);
    const double danish = module_level(v_->post_on ? danish_level_ : ps_->attrs.danish_level_at_entry);
    for (int j = 0; j < k_destination_count; ++j) {
      const std::size_t js = static_cast<std::size_t>(j);
      if (!m_.destination_has_effects[js]) {  // typically exit: nothing to add up
        scale[js] = ps_->factor[js];
        continue;
      }
      double log_hr = 0.0;
      for (const TrackState& ts : tracks_) {
        if (ts.status == TrackState::Status::done) continue;
        const CompiledStep& step = (*ts.steps)[ts.next];
        const auto& iv = m_.interventions[static_cast<std::size_t>(step.intervention)];
        if (iv.effect_until_spell_month > 0 && month - anchor_ >= iv.effect_until_spell_month) continue;
        if (ts.status == TrackState::Status::waiting && v_->anticipation_on && month >= ts.anticipation_from)
          log_hr += iv.log_hr[static_cast<std::size_t>(Phase::anticipation)][js][cell] * step.dose;
        if (ts.status == TrackState::Status::active && v_->lock_in_on)
          log_hr += iv.log_hr[static_cast<std::size_t>(Phase::lock_in)][js][cell] * step.dose;
      }
      log_hr += m_.log_hr_per_danish_level[js] * danish;
      if (v_->sanctions && j == static_cast<int>(Destination::employed)) {
        const std::size_t g = static_cast<std::size_t>(ps_->attrs.match_group);
        log_hr += m_.sanction.threat_log_hr[g] + m_.sanction.after_log_hr[g] * sanction_fade_(month);
      }
      if (j == static_cast<int>(Destination::employed) && m_.labour_market_active)
        log_hr += m_.labour_market_log_hr[static_cast<std::size_t>(ps_->attrs.sex)][static_cast<std::size_t>(month)];
      if (j == static_cast<int>(Destination::employed) && cut_responds_()) {
        const BenefitCutResponse& r = m_.benefit_cut_response;
        log_hr += r.log_hr_per_full_cut[static_cast<std::size_t>(ps_->attrs.sex)] * v_->benefit_cut *
                  r.profile(month - anchor_);
      }
      if (v_->post_on) log_hr += post_log_hr_(j, month);
      // Most re-evaluations change one destination's effects only; reuse the last exp().
      if (log_hr != last_log_hr_[js]) {
        last_log_hr_[js] = log_hr;
        last_multiplier_[js] = log_hr == 0.0 ? 1.0 : std::exp(log_hr);
      }
      scale[js] = ps_->factor[js] * last_multiplier_[js];
    }
  }

  double decay_(const Completion& c, int month) const {
    const double half_life = m_.interventions[static_cast<std::size_t>(c.intervention)].half_life_months;
    if (half_life <= 0.0) return 1.0;
    return std::exp2(-std::max(0.0, month - c.end_time) / half_life);
  }

  // Combined post-programme log hazard ratio (MODEL §4), plus ordered interactions.
  double post_log_hr_(int j, int month) {
    if (completions_.empty()) return 0.0;
    const std::size_t js = static_cast<std::size_t>(j);
    const std::size_t cell = static_cast<std::size_t>(ps_->cell);
    post_terms_.clear();
    for (const Completion& c : completions_) {
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
      for (const Completion& c : completions_)
        if (c.intervention == ia.first) first_a = std::min(first_a, c.end_time);
      for (const Completion& c : completions_)
        if (c.intervention == ia.then && c.end_time > first_a) {
          total += b * c.scale * decay_(c, month);
          break;
        }
    }
    return total;
  }

  // ---- recording ----

  // Adds state time within [0, H] and the state's monthly occupancy at t = 1..H.
  // `to` = infinity means "until the end".
  void record_state_(State s, double from, double to) {
    const double horizon = m_.horizon_months;
    const double within = std::min(to, horizon) - from;
    switch (s) {
      case State::benefit: out_.x[static_cast<int>(Metric::months_on_benefit)] += within; break;
      case State::employed: out_.x[static_cast<int>(Metric::months_employed)] += within; break;
      case State::education: out_.x[static_cast<int>(Metric::months_education)] += within; break;
      case State::off_benefit: out_.x[static_cast<int>(Metric::months_off_benefit)] += within; break;
      case State::exit: break;
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
  void record_programme_(int intervention, int start, double end) {
    if (rec_.diff == nullptr) return;
    add_interval_(k_state_count + intervention, start + 1, static_cast<int>(std::ceil(end)) + 1);
  }

  void add_interval_(int series, int first_month, int end_month) {
    const int last = m_.horizon_months + 1;
    first_month = std::clamp(first_month, 0, last);
    end_month = std::clamp(end_month, 0, last);
    if (first_month >= end_month) return;
    std::int64_t* row = rec_.diff + static_cast<std::ptrdiff_t>(series) * rec_.months;
    row[first_month] += 1;
    row[end_month] -= 1;
  }

  void finish_metrics_() {
    const double horizon = m_.horizon_months;
    double* x = out_.x;
    x[static_cast<int>(Metric::months_self_support)] =
        x[static_cast<int>(Metric::months_employed)] + x[static_cast<int>(Metric::months_education)];
    x[static_cast<int>(Metric::ever_employed)] = out_.first_job < horizon ? 1.0 : 0.0;
    x[static_cast<int>(Metric::time_to_first_job)] = std::min(out_.first_job, horizon);
    const double alive_time = x[static_cast<int>(Metric::months_on_benefit)] +
                              x[static_cast<int>(Metric::months_employed)] +
                              x[static_cast<int>(Metric::months_education)] +
                              x[static_cast<int>(Metric::months_off_benefit)];
    x[static_cast<int>(Metric::exit_share)] = alive_time < horizon - 1e-9 ? 1.0 : 0.0;
    x[static_cast<int>(Metric::cost_benefit_dkk)] =
        (x[static_cast<int>(Metric::months_on_benefit)] - m_.sanction.benefit_cut_share * sanctioned_months_) *
        m_.benefit_per_month;
  }

  const CompiledModel& m_;
  const ArmVariant* v_ = nullptr;
  const PersonStatic* ps_ = nullptr;
  Latent* latent_ = nullptr;
  Outcome out_;
  MonthlyRecorder rec_;
  std::vector<TrackState> tracks_;
  std::vector<Completion> completions_;
  std::vector<double> post_terms_;
  double danish_level_ = 0.0;
  // Sanction regime state of the current benefit spell.
  double violation_rate_ = 0.0;    // breaches per month
  double violation_time_ = 0.0;    // time of the next breach
  int violations_ = 0;             // breaches so far in this spell
  int sanction_month_ = 0;         // month the next sanction starts
  int last_sanction_month_ = 0;    // month the latest sanction started
  double sanctioned_from_ = 0.0;   // current sanction period [from, until)
  double sanctioned_until_ = 0.0;
  double sanctioned_months_ = 0.0; // months on benefit under a sanction, this person
  std::array<double, k_destination_count> last_log_hr_{0.0, 0.0, 0.0};
  std::array<double, k_destination_count> last_multiplier_{1.0, 1.0, 1.0};
  int spell_ = 0;
  int anchor_ = 0;
  int next_schedule_month_ = 0;
  bool effects_vary_monthly_ = false;
  bool decaying_post_ = false;
};

// Simulates persons [first, last) into `sums` (floating, chunk-private) and `counts`
// (integer, may be shared by a thread's chunks: integer addition is order-free).
class ChunkRunner {
 public:
  ChunkRunner(const CompiledModel& m, const TallyLayout& layout, const StreamKey& key)
      : m_(m), layout_(layout), key_(key), sim_(m),
        x_(static_cast<std::size_t>(layout.variants * layout.metrics)),
        w_(static_cast<std::size_t>(layout.variants * layout.metrics)),
        first_job_(static_cast<std::size_t>(layout.variants)) {}

  void run(std::int64_t first, std::int64_t last, Tallies& sums, Tallies& counts) {
    for (std::int64_t person = first; person < last; ++person) simulate_person_(static_cast<std::uint64_t>(person), sums, counts);
  }

 private:
  void simulate_person_(std::uint64_t person, Tallies& sums, Tallies& counts) {
    const PersonStatic ps = draw_person(m_, key_, person);
    Latent latent(key_, person);
    const int cell = m_.report_cell_of(ps.attrs);
    const int metrics = layout_.metrics;
    for (int v = 0; v < layout_.variants; ++v) {
      const ArmVariant& variant = m_.variants[static_cast<std::size_t>(v)];
      MonthlyRecorder rec;
      if (m_.arm_full_variant[static_cast<std::size_t>(variant.arm)] == v) {
        rec.diff = counts.monthly_diff.data() + layout_.monthly(variant.arm, cell, 0, 0);
        rec.months = layout_.months;
      }
      const Outcome out{x_.data() + v * metrics, w_.data() + v * metrics, k_never};
      first_job_[static_cast<std::size_t>(v)] = sim_.run(variant, ps, latent, out, rec);
    }
    accumulate_(cell, sums, counts);
  }

  void accumulate_(int cell, Tallies& sums, Tallies& counts) {
    const int metrics = layout_.metrics;
    sums.persons += 1;
    counts.group_persons[static_cast<std::size_t>(cell)] += 1;
    for (int v = 0; v < layout_.variants; ++v) {
      const double* x = x_.data() + v * metrics;
      const double* w = w_.data() + v * metrics;
      double* s = sums.variant_sums.data() + layout_.variant_sum(v, cell, 0, 0);
      for (int k = 0; k < k_fixed_metric_count; ++k, s += k_variant_sum_count) {
        s[0] += x[k];
        s[2] += x[k] * x[k];
      }
      for (int k = k_fixed_metric_count; k < metrics; ++k, s += k_variant_sum_count) {
        s[0] += x[k];
        s[1] += w[k];
        s[2] += x[k] * x[k];
        s[3] += w[k] * w[k];
        s[4] += x[k] * w[k];
      }
      const double fj = first_job_[static_cast<std::size_t>(v)];
      const int bin = fj < m_.horizon_months ? static_cast<int>(fj * k_first_job_bins_per_month)
                                            : layout_.first_job_bins - 1;
      counts.first_job_hist[layout_.first_job(v, cell, std::min(bin, layout_.first_job_bins - 1))] += 1;
    }
    for (int p = 0; p < layout_.pairs; ++p) {
      const VariantPair& pair = m_.pairs[static_cast<std::size_t>(p)];
      const double* x1 = x_.data() + pair.first * metrics;
      const double* w1 = w_.data() + pair.first * metrics;
      const double* x2 = x_.data() + pair.second * metrics;
      const double* w2 = w_.data() + pair.second * metrics;
      double* s = sums.pair_sums.data() + layout_.pair_sum(p, cell, 0, 0);
      for (int k = 0; k < k_fixed_metric_count; ++k, s += k_pair_sum_count) s[0] += x1[k] * x2[k];
      for (int k = k_fixed_metric_count; k < metrics; ++k, s += k_pair_sum_count) {
        s[0] += x1[k] * x2[k];
        s[1] += x1[k] * w2[k];
        s[2] += w1[k] * x2[k];
        s[3] += w1[k] * w2[k];
      }
    }
  }

  const CompiledModel& m_;
  const TallyLayout& layout_;
  StreamKey key_;
  PersonSimulator sim_;
  std::vector<double> x_;
  std::vector<double> w_;
  std::vector<double> first_job_;
};

// Floating sums only: a chunk's Tallies without the integer arrays.
Tallies make_sum_tallies(const TallyLayout& layout) {
  Tallies t;
  t.layout = layout;
  t.variant_sums.assign(layout.variant_sum_size(), 0.0);
  t.pair_sums.assign(layout.pair_sum_size(), 0.0);
  return t;
}

}  // namespace

std::int64_t chunk_size_for(std::int64_t persons) {
  constexpr std::int64_t k_min_chunk = 1024;
  constexpr std::int64_t k_max_chunks = 512;
  return std::max(k_min_chunk, (persons + k_max_chunks - 1) / k_max_chunks);
}

Tallies simulate(const CompiledModel& model, const SimulationOptions& options) {
  const TallyLayout layout(model);
  const StreamKey key{options.seed, options.draw};
  const std::int64_t chunk = chunk_size_for(model.persons);
  const std::int64_t chunk_count = (model.persons + chunk - 1) / chunk;
  std::vector<Tallies> chunk_sums(static_cast<std::size_t>(chunk_count));
  const int threads = static_cast<int>(std::clamp<std::int64_t>(options.threads, 1, std::max<std::int64_t>(1, chunk_count)));
  std::vector<Tallies> thread_counts;
  for (int i = 0; i < threads; ++i) thread_counts.emplace_back(layout);
  std::atomic<std::int64_t> next_chunk{0};
  std::atomic<std::int64_t> done_chunks{0};

  const auto worker = [&](int thread_index) {
    ChunkRunner runner(model, layout, key);
    while (true) {
      const std::int64_t c = next_chunk.fetch_add(1);
      if (c >= chunk_count) break;
      Tallies sums = make_sum_tallies(layout);
      const std::int64_t first = c * chunk;
      runner.run(first, std::min(model.persons, first + chunk), sums, thread_counts[static_cast<std::size_t>(thread_index)]);
      chunk_sums[static_cast<std::size_t>(c)] = std::move(sums);
      const std::int64_t done = done_chunks.fetch_add(1) + 1;
      // With one thread the calling thread is the worker and reports progress itself.
      if (threads == 1 && options.progress) options.progress(static_cast<double>(done) / static_cast<double>(chunk_count));
    }
  };
  if (threads == 1) {
    worker(0);
  } else {
    std::vector<std::thread> pool;
    for (int i = 0; i < threads; ++i) pool.emplace_back(worker, i);
    // The calling thread only reports progress while the workers run.
    while (options.progress && done_chunks.load() < chunk_count) {
      options.progress(static_cast<double>(done_chunks.load()) / static_cast<double>(chunk_count));
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    for (auto& th : pool) th.join();
  }
  if (options.progress && threads > 1) options.progress(1.0);

  Tallies total(layout);
  for (const Tallies& t : thread_counts) total.merge(t);
  for (const Tallies& s : chunk_sums) {
    for (std::size_t i = 0; i < total.variant_sums.size(); ++i) total.variant_sums[i] += s.variant_sums[i];
    for (std::size_t i = 0; i < total.pair_sums.size(); ++i) total.pair_sums[i] += s.pair_sums[i];
    total.persons += s.persons;
  }
  return total;
}

}  // namespace integrasim
