// base/interrupt.h
//
// InterruptScope: while alive, SIGINT and SIGTERM set a flag instead of
// killing the process, so a long run (verdict, matrix) can stop its child,
// keep what it has finished and exit 130.

#ifndef RACELAB_BASE_INTERRUPT_H_
#define RACELAB_BASE_INTERRUPT_H_

#include <signal.h>

#include <atomic>

namespace racelab {

inline constexpr int kExitInterrupted = 130;  // 128 + SIGINT, as shells say

// Thread safety: construct and destroy on one thread; Interrupted() may be
// read from any thread (and is what RunChild's `cancel` should point to).
class InterruptScope {
 public:
  InterruptScope();
  ~InterruptScope();
  InterruptScope(const InterruptScope&) = delete;
  InterruptScope& operator=(const InterruptScope&) = delete;

  // The flag the signal handler sets. Async-signal-safe to set.
  static const std::atomic<bool>& Interrupted();

 private:
  struct sigaction old_int_ = {};
  struct sigaction old_term_ = {};
};

}  // namespace racelab

#endif  // RACELAB_BASE_INTERRUPT_H_
