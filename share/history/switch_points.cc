// share/history/switch_points.cc

#include "share/history/switch_points.h"

#include <dlfcn.h>
#include <pthread.h>
#include <sched.h>
#include <time.h>

#include <atomic>

#include "absl/base/config.h"
#include "base/check.h"

namespace racelab::share_internal {
namespace {

struct ThreadSwitchState {
  bool enabled = false;
  uint64_t random = 0;  // splitmix64 state
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

uint64_t SplitMix64(uint64_t& x) {
  uint64_t z = (x += 0x9E3779B97F4A7C15ULL);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

int64_t NowNs() {
  timespec now;
  clock_gettime(CLOCK_MONOTONIC, &now);
  return int64_t{now.tv_sec} * 1000000000 + now.tv_nsec;
}

// Called after every pthread unlock in the process.
void AfterUnlock() {
  ThreadSwitchState& self = state;
  if (!self.enabled) return;
  const int64_t seen = worker_unlocks.fetch_add(1, std::memory_order_relaxed);
  if (SplitMix64(self.random) % self.one_in != 0) return;
  pauses.fetch_add(1, std::memory_order_relaxed);
  const int64_t until = NowNs() + self.max_pause_ns;
  // Step aside until another worker has unlocked something.
  while (worker_unlocks.load(std::memory_order_relaxed) == seen + 1 &&
         NowNs() < until) {
    sched_yield();
  }
}

}  // namespace

void EnableSwitchPoints(uint64_t seed, int one_in, int max_pause_us) {
  RACELAB_CHECK(one_in >= 1, "switch points need one_in >= 1");
  state.random = seed;
  state.one_in = static_cast<uint64_t>(one_in);
  state.max_pause_ns = int64_t{max_pause_us} * 1000;
  state.enabled = true;
}

void DisableSwitchPoints() { state.enabled = false; }

int64_t SwitchPointsTaken() { return pauses.load(std::memory_order_relaxed); }

}  // namespace racelab::share_internal

// The interposed unlocks. The real one is glibc's (found once with
// RTLD_NEXT) or, under ThreadSanitizer, the runtime's interceptor, which
// defines these names weakly so that a program may wrap them.
#if defined(ABSL_HAVE_THREAD_SANITIZER)
extern "C" int __interceptor_pthread_mutex_unlock(pthread_mutex_t* mutex);
extern "C" int __interceptor_pthread_rwlock_unlock(pthread_rwlock_t* lock);
#endif

namespace {

#if !defined(ABSL_HAVE_THREAD_SANITIZER)
using MutexUnlock = int (*)(pthread_mutex_t*);
using RwlockUnlock = int (*)(pthread_rwlock_t*);

// The next definition of `name` after this executable's (glibc's), found
// on first use. A plain atomic, not a function-local static: the guard of
// a static's initialisation may itself unlock a mutex.
template <typename F>
F Resolve(std::atomic<F>& cached, const char* name) {
  F f = cached.load(std::memory_order_acquire);
  if (f == nullptr) {
    f = reinterpret_cast<F>(dlsym(RTLD_NEXT, name));
    RACELAB_CHECK(f != nullptr, "dlsym(RTLD_NEXT) found no pthread unlock");
    cached.store(f, std::memory_order_release);
  }
  return f;
}
#endif

}  // namespace

extern "C" int pthread_mutex_unlock(pthread_mutex_t* mutex) {
#if defined(ABSL_HAVE_THREAD_SANITIZER)
  const int result = __interceptor_pthread_mutex_unlock(mutex);
#else
  static std::atomic<MutexUnlock> real{nullptr};
  const int result = Resolve(real, "pthread_mutex_unlock")(mutex);
#endif
  racelab::share_internal::AfterUnlock();
  return result;
}

extern "C" int pthread_rwlock_unlock(pthread_rwlock_t* lock) {
#if defined(ABSL_HAVE_THREAD_SANITIZER)
  const int result = __interceptor_pthread_rwlock_unlock(lock);
#else
  static std::atomic<RwlockUnlock> real{nullptr};
  const int result = Resolve(real, "pthread_rwlock_unlock")(lock);
#endif
  racelab::share_internal::AfterUnlock();
  return result;
}
