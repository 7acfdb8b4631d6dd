// share/exhibits/atomic_counter.h
//
// AtomicCounter: RequestCounter's safe twin: the statistic is an atomic.
//
// Threading: thread-safe; one instance may be shared.

#ifndef RACELAB_SHARE_EXHIBITS_ATOMIC_COUNTER_H_
#define RACELAB_SHARE_EXHIBITS_ATOMIC_COUNTER_H_

#include <atomic>
#include <cstdint>

namespace racelab::exhibits {

class AtomicCounter {
 public:
  void Count() { count_.fetch_add(1, std::memory_order_relaxed); }
  int64_t count() const { return count_.load(std::memory_order_relaxed); }

 private:
  std::atomic<int64_t> count_{0};
};

}  // namespace racelab::exhibits

#endif  // RACELAB_SHARE_EXHIBITS_ATOMIC_COUNTER_H_
