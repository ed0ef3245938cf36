#include "core/capacity.h"

#include <algorithm>
#include <cmath>

#include "core/latent_draws.h"
#include "core/person_simulator.h"
#include "core/population.h"

namespace integrasim {
namespace {

class World {
 public:
  World(const CompiledModel& m, const TallyLayout& layout, const StreamKey& key, int variant)
      : m_(m),
        layout_(layout),
        key_(key),
        variant_(m.variants[static_cast<std::size_t>(variant)]),
        sim_(m),
        persons_(m.persons),
        metrics_(layout.metrics),
        limited_(static_cast<int>(variant_.capacity.size())),
        horizon_(m.horizon_months) {
    out_.variant = variant;
    out_.x.assign(static_cast<std::size_t>(persons_ * metrics_), 0.0);
    out_.w.assign(static_cast<std::size_t>(persons_ * metrics_), 0.0);
    out_.first_job.assign(static_cast<std::size_t>(persons_), k_never);
    records_monthly_ = m.is_arm_variant(variant);
    if (records_monthly_) out_.counts = Tallies(layout);
    // Only the variant that is its arm records the calendar (as the monthly table).
    money_stride_ =
        records_monthly_ ? static_cast<std::size_t>(k_cost_measure_count * layout.money_months) : 0;
    money_.assign(static_cast<std::size_t>(persons_) * money_stride_, 0.0);
    states_.resize(static_cast<std::size_t>(persons_));
    requests_.resize(static_cast<std::size_t>(persons_));
    held_since_.assign(static_cast<std::size_t>(persons_ * limited_), -1);
    asking_.resize(static_cast<std::size_t>(horizon_) + 1);
    for (const CompiledCapacity& c : variant_.capacity) {
      QueueReport q;
      q.arm = variant_.arm;
      q.intervention = c.intervention;
      q.places = c.places;
      q.capacity_units = c.units;
      for (auto* series : {&q.queued, &q.starts, &q.in_places, &q.places_free})
        series->assign(static_cast<std::size_t>(horizon_), 0.0);
      out_.queues.push_back(std::move(q));
      in_use_.push_back(0);
      release_.emplace_back(static_cast<std::size_t>(horizon_) + 2, 0);
    }
  }

  CapacityWorld run() {
    for (std::int64_t p = 0; p < persons_; ++p) {
      const Person person = person_(p);
      Latent latent(key_, static_cast<std::uint64_t>(p));
      const double first_job =
          sim_.run(variant_, person.ps, latent, outcome_(p), recorder_(person), nullptr, nullptr);
      after_run_(p, person, first_job, 0);
    }
    for (int c = 0; c < horizon_; ++c) allocate_month_(c);
    // The arm's DKK by calendar month, in person order (the same for any thread count).
    if (money_stride_ > 0)
      for (std::int64_t p = 0; p < persons_; ++p)
        add_person_money(layout_, variant_.arm, money_.data() + static_cast<std::size_t>(p) * money_stride_,
                         m_.calendar.window_of(p).weight, out_.counts.calendar_money);
    // Counted in whole place units, so that sums are exact; reported in real persons.
    const double upr = m_.calendar.units_per_real();
    for (QueueReport& q : out_.queues) {
      for (auto* series : {&q.queued, &q.starts})
        for (double& v : *series) v /= upr;
      q.due /= upr;
      q.started /= upr;
      q.wait_months /= upr;
    }
    return std::move(out_);
  }

 private:
  struct Person {
    PersonStatic ps;
    int cell = 0;
    std::int64_t index = 0;
  };

  Person person_(std::int64_t p) const {
    Person person{draw_person(m_, key_, static_cast<std::uint64_t>(p)), 0, p};
    person.cell = m_.report_cell_of(person.ps.attrs);
    return person;
  }
  Outcome outcome_(std::int64_t p) {
    const std::size_t at = static_cast<std::size_t>(p * metrics_);
    return Outcome{out_.x.data() + at, out_.w.data() + at, k_never};
  }
  MonthlyRecorder recorder_(const Person& person) {
    MonthlyRecorder rec;
    if (records_monthly_) {
      rec.diff = out_.counts.monthly_diff.data() + layout_.monthly(variant_.arm, person.cell, 0, 0);
      rec.months = layout_.months;
      rec.units = m_.calendar.place_units(person.ps.window);
      if (money_stride_ > 0)
        rec.money = money_.data() + static_cast<std::size_t>(person.index) * money_stride_;
    }
    return rec;
  }
  std::size_t slot_(std::int64_t p, int k) const { return static_cast<std::size_t>(p * limited_ + k); }
  int limited_index_(int intervention) const {
    return variant_.capacity_of[static_cast<std::size_t>(intervention)];
  }

  // After a run stopped: its places taken and given back, then either its request
  // (filed under the calendar month it asks in) or its end.
  void after_run_(std::int64_t p, const Person& person, double first_job, int now) {
    const int offset = person.ps.window.offset;
    const std::int64_t units = m_.calendar.place_units(person.ps.window);
    for (const PlaceEvent& e : sim_.place_events()) {
      const int k = limited_index_(e.intervention);
      if (e.start) continue;  // the units were taken when the place was granted
      // The place is held in every calendar month the programme touches.
      const int held_from = held_since_[slot_(p, k)];
      const int free_from = std::max(static_cast<int>(std::ceil(e.time)) + offset, held_from + 1);
      held_since_[slot_(p, k)] = -1;
      if (free_from <= now) {
        in_use_[static_cast<std::size_t>(k)] -= units;
      } else {
        release_[static_cast<std::size_t>(k)][static_cast<std::size_t>(std::min(free_from, horizon_ + 1))] +=
            units;
      }
    }
    sim_.place_events().clear();
    if (!sim_.paused()) {
      out_.first_job[static_cast<std::size_t>(p)] = first_job;
      return;
    }
    const PlaceRequest& r = sim_.request();
    requests_[static_cast<std::size_t>(p)] = r;
    sim_.take_state(states_[static_cast<std::size_t>(p)]);
    const int c = r.month + offset;
    asking_[static_cast<std::size_t>(std::clamp(c, 0, horizon_))].push_back(p);
  }

  // The fixed random order that breaks ties among persons due in the same month: the
  // same in every arm (a draw of the person's own stream), unrelated to person numbers.
  std::uint32_t tie_break_(std::int64_t p) const {
    return random_block(key_, static_cast<std::uint64_t>(p), Purpose::queue_order, 0)[0];
  }

  void allocate_month_(int c) {
    const std::size_t cs = static_cast<std::size_t>(c);
    for (int k = 0; k < limited_; ++k)
      in_use_[static_cast<std::size_t>(k)] -= release_[static_cast<std::size_t>(k)][cs];
    // Rounds: a run resumed this month may ask again this month (a second limited step);
    // it queues behind everyone who asked before it.
    while (!asking_[cs].empty()) {
      std::vector<std::int64_t> round;
      round.swap(asking_[cs]);
      std::vector<std::pair<std::pair<int, std::uint32_t>, std::int64_t>> order;
      order.reserve(round.size());
      for (const std::int64_t p : round) {
        const PlaceRequest& r = requests_[static_cast<std::size_t>(p)];
        const int due = r.due + m_.calendar.window_of(p).offset;
        order.push_back({{due, tie_break_(p)}, p});
      }
      std::sort(order.begin(), order.end());
      for (const auto& [rank, p] : order) decide_(p, c, rank.first);
    }
    for (int k = 0; k < limited_; ++k) {
      QueueReport& q = out_.queues[static_cast<std::size_t>(k)];
      const std::int64_t used = in_use_[static_cast<std::size_t>(k)];
      q.most_units_held = std::max(q.most_units_held, used);
      q.in_places[cs] = real_(used);
      q.places_free[cs] = real_(q.capacity_units - used);
    }
  }

  double real_(std::int64_t units) const { return static_cast<double>(units) / m_.calendar.units_per_real(); }

  void decide_(std::int64_t p, int c, int due) {
    const PlaceRequest r = requests_[static_cast<std::size_t>(p)];
    const int k = limited_index_(r.intervention);
    const std::size_t ks = static_cast<std::size_t>(k);
    const Person person = person_(p);
    const std::int64_t units = m_.calendar.place_units(person.ps.window);
    QueueReport& q = out_.queues[ks];
    const double weight = static_cast<double>(units);  // in units until run() ends
    // Each step falling due is counted once, in the month it first asks (its due month).
    if (r.month == r.due) q.due += weight;
    const bool granted = in_use_[ks] + units <= q.capacity_units;
    const std::size_t cs = static_cast<std::size_t>(c);
    if (granted) {
      in_use_[ks] += units;
      held_since_[slot_(p, k)] = c;
      q.starts[cs] += weight;
      q.started += weight;
      q.wait_months += weight * static_cast<double>(c - due);
    } else {
      q.queued[cs] += weight;
    }
    Latent latent(key_, static_cast<std::uint64_t>(p));
    const double first_job = sim_.resume_decided(variant_, person.ps, latent, outcome_(p), recorder_(person),
                                                 states_[static_cast<std::size_t>(p)], r.track, granted);
    after_run_(p, person, first_job, c);
  }

  const CompiledModel& m_;
  const TallyLayout& layout_;
  StreamKey key_;
  const ArmVariant& variant_;
  PersonSimulator sim_;
  std::int64_t persons_;
  int metrics_;
  int limited_;  // programmes with limited places
  int horizon_;
  bool records_monthly_ = false;
  CapacityWorld out_;
  std::vector<RunState> states_;                    // per person, a paused run
  std::size_t money_stride_ = 0;                    // planner runs: DKK by measure and month per person
  std::vector<double> money_;                       // per person, kept while runs pause
  std::vector<PlaceRequest> requests_;              // per person, what a paused run asks for
  std::vector<int> held_since_;                     // per person and programme: month the place was taken, -1
  std::vector<std::vector<std::int64_t>> asking_;   // per calendar month, the persons asking
  std::vector<std::int64_t> in_use_;                // per programme, place units held now
  std::vector<std::vector<std::int64_t>> release_;  // per programme and month, units given back
};

}  // namespace

CapacityWorld simulate_capacity_world(const CompiledModel& m, const TallyLayout& layout, const StreamKey& key,
                                      int variant) {
  return World(m, layout, key, variant).run();
}

}  // namespace integrasim
