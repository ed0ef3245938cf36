#include "core/engine.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <exception>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <thread>

#include "core/capacity.h"
#include "core/latent_draws.h"
#include "core/ordered_fold.h"
#include "core/person_simulator.h"
#include "core/person_tally.h"
#include "core/population.h"
#include "core/prefix_reuse.h"

namespace integrasim {
namespace {

// Simulates persons [first, last) into `sums` (floating, chunk-private) and `counts`
// (integer, persons included, may be shared by a thread's chunks: integer addition is
// order-free). Each
// person's variants run in the prefix plan's order, parents before the variants that
// continue from their saved runs.
class ChunkRunner {
 public:
  ChunkRunner(const CompiledModel& m, const TallyLayout& layout, const StreamKey& key, const PrefixPlan& plan,
              const std::vector<const CapacityWorld*>& worlds, const SimulationOptions& options)
      : m_(m),
        layout_(layout),
        tally_(m, layout),
        key_(key),
        plan_(plan),
        worlds_(worlds),
        sim_(m, options.timeline_passes),
        x_(static_cast<std::size_t>(layout.variants * layout.metrics)),
        w_(static_cast<std::size_t>(layout.variants * layout.metrics)),
        first_job_(static_cast<std::size_t>(layout.variants)),
        money_(static_cast<std::size_t>(layout.variants) * k_cost_measure_count *
               static_cast<std::size_t>(layout.money_months)),
        saved_(static_cast<std::size_t>(layout.variants)),
        final_intervals_(static_cast<std::size_t>(layout.variants)),
        replayed_(static_cast<std::size_t>(layout.variants), 0),
        person_outcomes_(options.person_outcomes) {
    for (std::size_t c = 0; c < plan.copy_of.size(); ++c)
      if (plan.copy_of[c] >= 0 && m.is_arm_variant(static_cast<int>(c)))
        replayed_[static_cast<std::size_t>(plan.copy_of[c])] = 1;
  }

  void run(std::int64_t first, std::int64_t last, Tallies& sums, Tallies& counts) {
    for (std::int64_t person = first; person < last; ++person)
      simulate_person_(static_cast<std::uint64_t>(person), sums, counts);
  }

 private:
  void simulate_person_(std::uint64_t person, Tallies& sums, Tallies& counts) {
    const PersonStatic ps = draw_person(m_, key_, person);
    Latent latent(key_, person);
    const int cell = m_.report_cell_of(ps.attrs);
    for (const int v : plan_.order) {
      if (worlds_[static_cast<std::size_t>(v)] != nullptr) {
        take_from_world_(v, person);
        continue;
      }
      if (plan_.copies_inert(v, ps.cell)) continue;  // below, once its source is done
      simulate_variant_(v, ps, latent, cell, counts);
    }
    for (const int v : plan_.order)
      if (plan_.copies_inert(v, ps.cell)) copy_outcome_(plan_.inert_source[static_cast<std::size_t>(v)], v);
    accumulate_(ps.window, cell, sums, counts);
    if (person_outcomes_) person_outcomes_(person, cell, x_.data(), w_.data());
  }

  void simulate_variant_(int v, const PersonStatic& ps, Latent& latent, int cell, Tallies& counts) {
    const std::size_t vs = static_cast<std::size_t>(v);
    const ArmVariant& variant = m_.variants[vs];
    const int metrics = layout_.metrics;
    MonthlyRecorder rec;
    if (m_.is_arm_variant(v)) {
      rec.diff = counts.monthly_diff.data() + layout_.monthly(variant.arm, cell, 0, 0);
      rec.months = layout_.months;
      rec.units = m_.calendar.place_units(ps.window);
      if (layout_.money_months > 0) {
        rec.money = money_.data() + money_at_(v);
        std::fill_n(rec.money, k_cost_measure_count * layout_.money_months, 0.0);
      }
      rec.keep_intervals = replayed_[vs] != 0;
    }
    const int source = plan_.copy_of[vs];
    if (source >= 0) {  // simulated exactly alike (so is a monthly table, if it has one)
      copy_outcome_(source, v);
      add_intervals(final_intervals_[static_cast<std::size_t>(source)], rec);
      return;
    }
    const Outcome out{x_.data() + v * metrics, w_.data() + v * metrics, k_never};
    const bool parent_of_others = plan_.has_children(v);
    const PrefixCapture* capture = parent_of_others ? &plan_.capture[vs] : nullptr;
    RunSnapshot* save = parent_of_others ? &saved_[vs] : nullptr;
    const int parent = plan_.parent[vs];
    const RunSnapshot* from = parent >= 0 ? &saved_[static_cast<std::size_t>(parent)] : nullptr;
    if (from != nullptr && from->status == RunSnapshot::Status::never) {
      // The person never reached the steps this variant adds: its run is the parent's.
      const std::size_t pv = static_cast<std::size_t>(parent);
      copy_outcome_(parent, v);
      add_intervals(final_intervals_[pv], rec);
      if (parent_of_others) saved_[vs].status = RunSnapshot::Status::never;
      if (parent_of_others || rec.keep_intervals) final_intervals_[vs] = final_intervals_[pv];
      return;
    }
    if (from != nullptr && from->status == RunSnapshot::Status::saved) {
      first_job_[vs] = sim_.resume(variant, ps, latent, out, rec, *from, capture, save);
    } else {
      first_job_[vs] = sim_.run(variant, ps, latent, out, rec, capture, save);
    }
    if ((parent_of_others || rec.keep_intervals) && rec.diff != nullptr)
      final_intervals_[vs] = sim_.intervals();
  }

  // A variant with limited places was simulated for all persons at once (core/capacity.h).
  void take_from_world_(int v, std::uint64_t person) {
    const CapacityWorld& world = *worlds_[static_cast<std::size_t>(v)];
    const int metrics = layout_.metrics;
    const std::size_t at = static_cast<std::size_t>(person) * static_cast<std::size_t>(metrics);
    std::copy_n(world.x.begin() + static_cast<std::ptrdiff_t>(at), metrics, x_.begin() + v * metrics);
    std::copy_n(world.w.begin() + static_cast<std::ptrdiff_t>(at), metrics, w_.begin() + v * metrics);
    first_job_[static_cast<std::size_t>(v)] = world.first_job[static_cast<std::size_t>(person)];
  }

  void copy_outcome_(int from, int to) {
    const int metrics = layout_.metrics;
    std::copy_n(x_.begin() + from * metrics, metrics, x_.begin() + to * metrics);
    std::copy_n(w_.begin() + from * metrics, metrics, w_.begin() + to * metrics);
    first_job_[static_cast<std::size_t>(to)] = first_job_[static_cast<std::size_t>(from)];
  }

  // The planner's DKK and the persons' relative weights, then the person's tallies.
  void accumulate_(const PersonWindow& window, int cell, Tallies& sums, Tallies& counts) {
    if (layout_.money_months > 0) add_money_(window, sums);
    // Persons standing for different numbers of real persons (caseload replicas and
    // arrivals at different rates) count by their weight relative to the mean, so that
    // the means are over real persons; with equal weights nothing is multiplied.
    if (!m_.calendar.uniform_weights) weigh_(m_.calendar.relative_weight(window));
    tally_.add(window, cell, x_.data(), w_.data(), first_job_.data(), sums, counts);
  }

  std::size_t money_at_(int v) const {
    return static_cast<std::size_t>(v) * k_cost_measure_count *
           static_cast<std::size_t>(layout_.money_months);
  }

  // The arms' DKK by calendar month, as the real persons this person stands for.
  void add_money_(const PersonWindow& window, Tallies& sums) {
    for (int slot = 0; slot < layout_.monthly_slots; ++slot) {
      const int v = m_.arm_full_variant[static_cast<std::size_t>(slot)];
      if (worlds_[static_cast<std::size_t>(v)] != nullptr) continue;  // the world adds its own
      add_person_money(layout_, slot, money_.data() + money_at_(v), window.weight, sums.calendar_money);
    }
  }

  void weigh_(double relative) {
    for (double& x : x_) x *= relative;
    for (double& w : w_) w *= relative;
  }

  const CompiledModel& m_;
  const TallyLayout& layout_;
  PersonTally tally_;
  StreamKey key_;
  const PrefixPlan& plan_;
  const std::vector<const CapacityWorld*>& worlds_;  // per variant, its world or null
  PersonSimulator sim_;
  std::vector<double> x_;
  std::vector<double> w_;
  std::vector<double> first_job_;
  std::vector<double> money_;  // planner runs: per variant, DKK by CostMeasure and calendar month
  // Per variant with children: its run saved at the capture point; and per variant with
  // children or copies with a monthly table, its monthly intervals (which those that copy
  // its outcome replay).
  std::vector<RunSnapshot> saved_;
  std::vector<std::vector<MonthlyInterval>> final_intervals_;
  std::vector<std::uint8_t> replayed_;  // per variant: a variant with a monthly table copies it
  const std::function<void(std::uint64_t, int, const double*, const double*)>& person_outcomes_;
};

// Runs `work(i)` on `count` threads (i = 0 on the calling thread when `caller_works`),
// while the calling thread calls `wait()` until the workers are done. The first exception
// of any worker, or of starting a thread, asks the others to stop (`stop` is set; workers
// look at it between chunks) and is rethrown after all have been joined, so that it never
// escapes a thread (which would abort the program).
class WorkerPool {
 public:
  std::atomic<bool> stop{false};

  template <typename Work>
  void guarded(Work&& work) {
    try {
      work();
    } catch (...) {
      fail_(std::current_exception());
    }
  }

  template <typename Work, typename Wait>
  void run(int count, bool caller_works, Work&& work, Wait&& wait) {
    std::vector<std::thread> pool;
    guarded([&] {
      pool.reserve(static_cast<std::size_t>(count));
      for (int i = caller_works ? 1 : 0; i < count; ++i)
        pool.emplace_back([this, &work, i] { guarded([&] { work(i); }); });
    });
    if (caller_works && !stop.load()) guarded([&] { work(0); });
    guarded([&] { wait(); });
    for (auto& th : pool) th.join();
    if (error_) std::rethrow_exception(error_);
  }

 private:
  void fail_(std::exception_ptr e) {
    const std::lock_guard<std::mutex> lock(mutex_);
    if (!error_) error_ = std::move(e);
    stop.store(true);
  }

  std::mutex mutex_;
  std::exception_ptr error_;
};

}  // namespace

std::int64_t chunk_size_for(std::int64_t persons) {
  constexpr std::int64_t k_min_chunk = 1024;
  constexpr std::int64_t k_max_chunks = 512;
  return std::max(k_min_chunk, (persons + k_max_chunks - 1) / k_max_chunks);
}

Tallies simulate(const CompiledModel& model, const SimulationOptions& options) {
  check_memory(estimate_run_memory(model, options.threads, options.partition.ranks), options.memory_limit);
  const TallyLayout layout(model);
  const StreamKey key{options.seed, options.draw};
  const PrefixPlan plan = options.reuse_prefixes ? plan_prefix_reuse(model) : plan_without_reuse(model);
  // Variants with limited places first, each simulated as a whole (its persons share
  // the places); the worlds run in parallel, each one sequentially.
  std::vector<int> limited;
  for (int v = 0; v < static_cast<int>(model.variants.size()); ++v)
    if (!model.variants[static_cast<std::size_t>(v)].capacity.empty()) limited.push_back(v);
  std::vector<CapacityWorld> worlds(limited.size());
  {
    std::atomic<std::size_t> next_world{0};
    WorkerPool pool;
    const auto world_worker = [&](int) {
      for (std::size_t i = next_world.fetch_add(1); i < limited.size() && !pool.stop.load();
           i = next_world.fetch_add(1))
        worlds[i] = simulate_capacity_world(model, layout, key, limited[i]);
    };
    const std::size_t world_threads =
        std::min<std::size_t>(limited.size(), static_cast<std::size_t>(std::max(1, options.threads)));
    pool.run(static_cast<int>(std::max<std::size_t>(1, world_threads)), true, world_worker, [] {});
  }
  std::vector<const CapacityWorld*> world_of(model.variants.size(), nullptr);
  for (std::size_t i = 0; i < limited.size(); ++i)
    world_of[static_cast<std::size_t>(limited[i])] = &worlds[i];
  const std::int64_t chunk = chunk_size_for(model.persons);
  const std::int64_t chunk_count = (model.persons + chunk - 1) / chunk;
  const ChunkPartition& part = options.partition;
  const bool clustered = part.ranks > 1;
  if (clustered && part.exchange == nullptr)
    throw std::logic_error("simulate: a partition needs an exchange");
  // This process simulates chunks rank, rank + ranks, ...; `local_count` of them.
  const std::int64_t stride = clustered ? part.ranks : 1;
  const std::int64_t offset = clustered ? part.rank : 0;
  const std::int64_t local_count = offset < chunk_count ? (chunk_count - offset + stride - 1) / stride : 0;
  const int threads =
      static_cast<int>(std::clamp<std::int64_t>(options.threads, 1, std::max<std::int64_t>(1, local_count)));
  std::vector<Tallies> thread_counts;
  for (int i = 0; i < threads; ++i) thread_counts.emplace_back(layout);
  Tallies total(layout);
  // The capacity worlds' DKK come before the chunks' in the floating sums, as they always
  // have (every rank adds them alike; on ranks other than 0 share_sums replaces them).
  for (const CapacityWorld& w : worlds)
    if (!w.counts.calendar_money.empty())
      for (std::size_t i = 0; i < total.calendar_money.size(); ++i)
        total.calendar_money[i] += w.counts.calendar_money[i];

  // Simulates this process's chunks [local_begin, local_end) (c = offset + local x stride)
  // on up to `threads` threads; `begin(c)` gives a chunk's zeroed sums (nothing: stop),
  // `finish(c, sums)` takes them when done.
  std::int64_t done_chunks = 0;  // of local_count, for progress
  const auto run_chunks = [&](std::int64_t local_begin, std::int64_t local_end, auto&& begin, auto&& finish) {
    if (local_end <= local_begin) return;
    const int workers = static_cast<int>(std::clamp<std::int64_t>(threads, 1, local_end - local_begin));
    std::atomic<std::int64_t> next{local_begin};
    std::atomic<std::int64_t> done{done_chunks};
    WorkerPool pool;
    const auto worker = [&](int thread_index) {
      ChunkRunner runner(model, layout, key, plan, world_of, options);
      while (!pool.stop.load()) {
        const std::int64_t local = next.fetch_add(1);
        if (local >= local_end) break;
        const std::int64_t c = offset + local * stride;
        std::optional<Tallies> sums = begin(c, pool.stop);
        if (!sums) break;  // another worker failed
        const std::int64_t first = c * chunk;
        runner.run(first, std::min(model.persons, first + chunk), *sums,
                   thread_counts[static_cast<std::size_t>(thread_index)]);
        finish(c, std::move(*sums));
        const std::int64_t now = done.fetch_add(1) + 1;
        // With one thread the calling thread is the worker and reports progress itself.
        if (workers == 1 && options.progress)
          options.progress(static_cast<double>(now) / static_cast<double>(local_count));
      }
    };
    // With more than one thread the calling thread only reports progress while the workers run.
    const std::int64_t target = done_chunks + (local_end - local_begin);
    pool.run(workers, workers == 1, worker, [&] {
      while (workers > 1 && options.progress && done.load() < target && !pool.stop.load()) {
        options.progress(static_cast<double>(done.load()) / static_cast<double>(local_count));
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
      }
    });
    done_chunks = done.load();
  };

  if (!clustered) {
    // Each chunk is folded into the total as soon as those before it are in
    // (core/ordered_fold.h).
    OrderedFold fold(total, k_fold_window_per_thread * static_cast<std::int64_t>(threads));
    run_chunks(
        0, local_count,
        [&](std::int64_t c, const std::atomic<bool>& stop) { return fold.begin_chunk(c, stop); },
        [&](std::int64_t c, Tallies&& sums) { fold.finish_chunk(c, std::move(sums)); });
    if (fold.merged() != chunk_count) throw std::logic_error("simulate: a chunk was not merged");
  } else {
    // In waves of chunks, the same on every rank: each rank simulates its chunks of the wave,
    // rank 0 gathers them and adds them in chunk order, and the next wave begins. A wave is
    // a whole number of rounds of the ranks, so that chunk c of the wave is rank c % ranks's.
    const std::int64_t rounds =
        k_fold_window_per_thread * static_cast<std::int64_t>(part.exchange->most_threads(threads));
    const std::int64_t wave = rounds * part.ranks;
    for (std::int64_t wave_begin = 0; wave_begin < chunk_count; wave_begin += wave) {
      const std::int64_t wave_end = std::min(chunk_count, wave_begin + wave);
      std::vector<Tallies> wave_sums(static_cast<std::size_t>(wave_end - wave_begin));
      // This rank's chunks of the wave, as local indices: c = offset + local x stride.
      const std::int64_t local_begin = wave_begin / stride;
      const std::int64_t local_end = std::min(local_count, wave_end / stride + (offset < wave_end % stride));
      run_chunks(
          local_begin, local_end,
          [&](std::int64_t, const std::atomic<bool>&) {
            return std::optional<Tallies>(make_sum_tallies(layout));
          },
          [&](std::int64_t c, Tallies&& sums) {
            wave_sums[static_cast<std::size_t>(c - wave_begin)] = std::move(sums);
          });
      part.exchange->gather_chunks(wave_sums);
      if (part.rank == 0)
        for (const Tallies& s : wave_sums) total.add_sums(s);
    }
  }
  if (options.progress && threads > 1) options.progress(1.0);

  for (const Tallies& t : thread_counts) total.merge(t);
  if (clustered) part.exchange->sum_counts(total);
  // Every rank simulated the capacity worlds whole (its chunks read their persons), so
  // every rank adds them alike.
  for (CapacityWorld& w : worlds) {
    if (!w.counts.monthly_diff.empty())
      for (std::size_t i = 0; i < total.monthly_diff.size(); ++i)
        total.monthly_diff[i] += w.counts.monthly_diff[i];
    for (QueueReport& q : w.queues)
      if (model.arm_full_variant[static_cast<std::size_t>(q.arm)] == w.variant)
        total.queues.push_back(std::move(q));
  }
  if (clustered) part.exchange->share_sums(total);
  fill_self_pairs(model, TallyColumnPlan(model), total);
  return total;
}

}  // namespace integrasim
