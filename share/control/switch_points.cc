// share/control/switch_points.cc

#include "share/control/switch_points.h"

#include <pthread.h>
#include <sched.h>
#include <time.h>

#include <atomic>

#include "base/check.h"
#include "base/split_mix64.h"

namespace racelab::share_internal {
namespace {

struct ThreadSwitchState {
  bool enabled = false;
  SplitMix64 random;
  uint64_t one_in = 1;
  int64_t max_pause_ns = 0;
};

// Initial-exec TLS in the executable: usable at any point of a thread's
// life, even inside the unlock of a thread that is starting or ending.
thread_local ThreadSwitchState state;

// Unlocks made by threads with switch points on: a paused thread waits
// for this to move. Relaxed: it orders nothing, so ThreadSanitizer sees no
// happens-before edge from it.
std::atomic<int64_t> worker_unlocks{0};
std::atomic<int64_t> pauses{0};

int64_t NowNs() {
  timespec now;
  clock_gettime(CLOCK_MONOTONIC, &now);
  return int64_t{now.tv_sec} * 1000000000 + now.tv_nsec;
}

}  // namespace

void SwitchPointAfterUnlock() {
  ThreadSwitchState& self = state;
  if (!self.enabled) return;
  const int64_t seen = worker_unlocks.fetch_add(1, std::memory_order_relaxed);
  if (self.random() % self.one_in != 0) return;
  pauses.fetch_add(1, std::memory_order_relaxed);
  const int64_t until = NowNs() + self.max_pause_ns;
  // Step aside until another worker has unlocked something.
  while (worker_unlocks.load(std::memory_order_relaxed) == seen + 1 &&
         NowNs() < until) {
    sched_yield();
  }
}

void EnableSwitchPoints(uint64_t seed, int one_in, int max_pause_us) {
  RACELAB_CHECK(one_in >= 1, "switch points need one_in >= 1");
  state.random = SplitMix64(seed);
  state.one_in = static_cast<uint64_t>(one_in);
  state.max_pause_ns = int64_t{max_pause_us} * 1000;
  state.enabled = true;
}

void DisableSwitchPoints() { state.enabled = false; }

int64_t SwitchPointsTaken() { return pauses.load(std::memory_order_relaxed); }

}  // namespace racelab::share_internal
