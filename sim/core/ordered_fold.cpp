#include "core/ordered_fold.h"

#include <algorithm>
#include <chrono>
#include <stdexcept>
#include <utility>

namespace integrasim {

Tallies make_sum_tallies(const TallyLayout& layout) {
  Tallies t;
  t.layout = layout;
  t.variant_sums.assign(layout.variant_sum_size(), 0.0);
  t.pair_sums.assign(layout.pair_sum_size(), 0.0);
  t.participant_sums.assign(layout.participant_sum_size(), 0.0);
  t.calendar_money.assign(layout.calendar_money_size(), 0.0);
  return t;
}

OrderedFold::OrderedFold(Tallies& total, std::int64_t window)
    : total_(total), window_(window), ready_(static_cast<std::size_t>(std::max<std::int64_t>(1, window))) {
  if (window < 1) throw std::logic_error("OrderedFold: window must be at least 1");
}

std::optional<Tallies> OrderedFold::begin_chunk(std::int64_t c, const std::atomic<bool>& stop) {
  std::unique_lock<std::mutex> lock(mutex_);
  // The chunk at next_ is always being simulated or handed over (chunks are taken in
  // order, and it is within the window), so this wait ends. The stop flag is set without
  // this lock, so it is looked at now and then rather than waited for.
  while (c >= next_ + window_) {
    if (stop.load()) return std::nullopt;
    merged_more_.wait_for(lock, std::chrono::milliseconds(50));
  }
  if (spare_.empty()) {
    lock.unlock();
    return make_sum_tallies(total_.layout);
  }
  Tallies t = std::move(spare_.back());
  spare_.pop_back();
  lock.unlock();
  for (std::vector<double>* v : t.sum_arrays()) std::fill(v->begin(), v->end(), 0.0);
  t.persons = 0;
  return t;
}

void OrderedFold::finish_chunk(std::int64_t c, Tallies&& sums) {
  std::unique_lock<std::mutex> lock(mutex_);
  ready_[static_cast<std::size_t>(c % window_)] = std::move(sums);
  if (merging_) return;  // the merging thread finds it when it gets to it
  merging_ = true;
  for (;;) {
    std::optional<Tallies>& slot = ready_[static_cast<std::size_t>(next_ % window_)];
    // A slot holds chunk next_ or nothing: a chunk further on (next_ + window or more)
    // cannot have started yet.
    if (!slot) break;
    Tallies chunk = std::move(*slot);
    slot.reset();
    lock.unlock();
    total_.add_sums(chunk);  // total_ is touched only by the merging thread
    lock.lock();
    spare_.push_back(std::move(chunk));
    ++next_;
    merged_more_.notify_all();
  }
  merging_ = false;
}

std::int64_t OrderedFold::merged() const {
  const std::lock_guard<std::mutex> lock(mutex_);
  return next_;
}

}  // namespace integrasim
