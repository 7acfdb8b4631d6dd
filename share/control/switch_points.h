// share/control/switch_points.h
//
// Forced switch points for MayShare's history phase. A race condition with
// no data race needs one operation to be interrupted between two of its
// locked sections, while another thread runs. With real parallelism that
// window is the few nanoseconds between an unlock and the next lock, and
// on a busy or pinned CPU only a timer preemption (milliseconds apart) can
// split a microsecond-long call. So during the history phase a worker
// thread, after a mutex unlock, sometimes steps aside (PCT-style: at
// points chosen by the seed) until another worker has unlocked something
// too, or a short pause has passed.
//
// The points are the unlocks of pthread mutexes and read-write locks: what
// std::mutex, std::shared_mutex, std::recursive_mutex (and StdMutex) go
// through: share/control/interposers.cc stands in front of
// pthread_mutex_unlock and pthread_rwlock_unlock for the whole test binary
// and, after the real unlock, calls SwitchPointAfterUnlock(), which pauses
// only on a thread where switch points are on. Elsewhere the cost is one
// thread-local test per unlock.
// absl::Mutex and spin locks do not go through pthread: classes that use
// them get no forced switch points, only the parallelism the machine has.
//
// Thread-safe: each function acts on the calling thread's own state.

#ifndef RACELAB_SHARE_CONTROL_SWITCH_POINTS_H_
#define RACELAB_SHARE_CONTROL_SWITCH_POINTS_H_

#include <cstdint>

namespace racelab::share_internal {

// From now on, the calling thread pauses after an unlock with probability
// 1/one_in, drawn from `seed` (the same seed, the same choices). A pause
// ends when another thread with switch points on unlocks, or after
// `max_pause_us`. REQUIRES: one_in >= 1.
void EnableSwitchPoints(uint64_t seed, int one_in, int max_pause_us);
// The calling thread takes no more pauses.
void DisableSwitchPoints();
// How many pauses all threads have taken since the process started.
int64_t SwitchPointsTaken();
// Called after every pthread mutex or rwlock unlock in the process by a
// thread that is not under control (share/control/interposers.cc).
void SwitchPointAfterUnlock();

}  // namespace racelab::share_internal

#endif  // RACELAB_SHARE_CONTROL_SWITCH_POINTS_H_
