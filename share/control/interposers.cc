// share/control/interposers.cc
//
// The scheduling points and modelled waits of controlled_scheduler.h, for
// the whole test binary:
//
//  - SanitizerCoverage's load and store callbacks and the
//    -finstrument-functions hooks, called by the code racelab_add_share_test
//    compiles for the test (-fsanitize-coverage=trace-pc-guard,trace-loads,
//    trace-stores -finstrument-functions): every load and store outside the
//    thread's own stack (atomic loads and stores included, atomic
//    read-modify-writes not: SanitizerCoverage gives them no callback),
//    and every function's entry and exit, inlined ones included, is a
//    point;
//  - the pthread mutex, read-write lock, spin lock and semaphore calls:
//    points, with blocking modelled (the condition variables, yields,
//    sleeps and the futex system call: wait_interposers.cc).
//
// On a thread that is not under control (no schedule, or racelab's own
// code) each one is the real call after one thread-local test.
// pthread_mutex_unlock and pthread_rwlock_unlock also serve the free-running
// switch points (share/control/switch_points.h).

#include <errno.h>
#include <linux/futex.h>
#include <pthread.h>
#include <sched.h>
#include <semaphore.h>
#include <stdarg.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include <atomic>
#include <climits>
#include <cstdint>

#include "racelab/operations_internal.h"
#include "share/control/controlled_scheduler.h"
#include "share/control/controlling.h"
#include "share/control/real_functions.h"
#include "share/control/switch_points.h"

namespace racelab::share_internal {

void LinkInterposers() {}

UserCallScope::UserCallScope() { ++this_controlled_thread.user_calls; }
UserCallScope::~UserCallScope() { --this_controlled_thread.user_calls; }

namespace {

// A point of the code under test: counted down while the thread holds
// quiet points (controlled_scheduler.h), else the scheduler's.
inline void CodePoint(ControlledScheduler* scheduler, ControlledThread& self,
                      PointKind kind) {
  if (self.quiet_points > 0) {
    --self.quiet_points;
    return;
  }
  scheduler->Point(kind);
}

inline void MemoryPoint(const void* address, PointKind kind) {
  ControlledScheduler* scheduler = Controlling();
  if (scheduler == nullptr) return;
  ControlledThread& self = this_controlled_thread;
  if (self.user_calls == 0) return;
  const uintptr_t at = reinterpret_cast<uintptr_t>(address);
  if (at >= self.stack_low && at < self.stack_high) return;
  CodePoint(scheduler, self, kind);
}

inline void FunctionPoint() {
  ControlledScheduler* scheduler = Controlling();
  if (scheduler == nullptr) return;
  ControlledThread& self = this_controlled_thread;
  if (self.user_calls == 0) return;
  CodePoint(scheduler, self, PointKind::kFunction);
}

// A modelled acquisition: `try_acquire` until it succeeds, handing the
// turn on while the holder (a thread that is not running) keeps it;
// `wait_for_real` when no other thread could run.
template <typename Try, typename Wait>
int Acquire(ControlledScheduler* scheduler, const void* key, Try try_acquire,
            Wait wait_for_real) {
  scheduler->Point(PointKind::kSync);
  for (;;) {
    const int result = try_acquire();
    if (result != EBUSY && result != EAGAIN) return result;
    if (!scheduler->Block(key)) return wait_for_real();
  }
}

}  // namespace
}  // namespace racelab::share_internal

using racelab::share_internal::Acquire;
using racelab::share_internal::ControlledScheduler;
using racelab::share_internal::Controlling;
using racelab::share_internal::PointKind;
namespace real = racelab::share_internal::real;

extern "C" {

// --- SanitizerCoverage and -finstrument-functions ---
// Guards only: trace-loads and trace-stores need a coverage kind beside
// them, and racelab counts no edges.
void __sanitizer_cov_trace_pc_guard_init(uint32_t*, uint32_t*) {}
void __sanitizer_cov_trace_pc_guard(uint32_t*) {}

#define RACELAB_MEMORY_CALLBACK(name, type, kind)        \
  void name(type* address) {                             \
    racelab::share_internal::MemoryPoint(address, kind); \
  }
RACELAB_MEMORY_CALLBACK(__sanitizer_cov_load1, uint8_t, PointKind::kLoad)
RACELAB_MEMORY_CALLBACK(__sanitizer_cov_load2, uint16_t, PointKind::kLoad)
RACELAB_MEMORY_CALLBACK(__sanitizer_cov_load4, uint32_t, PointKind::kLoad)
RACELAB_MEMORY_CALLBACK(__sanitizer_cov_load8, uint64_t, PointKind::kLoad)
RACELAB_MEMORY_CALLBACK(__sanitizer_cov_load16, __int128, PointKind::kLoad)
RACELAB_MEMORY_CALLBACK(__sanitizer_cov_store1, uint8_t, PointKind::kStore)
RACELAB_MEMORY_CALLBACK(__sanitizer_cov_store2, uint16_t, PointKind::kStore)
RACELAB_MEMORY_CALLBACK(__sanitizer_cov_store4, uint32_t, PointKind::kStore)
RACELAB_MEMORY_CALLBACK(__sanitizer_cov_store8, uint64_t, PointKind::kStore)
RACELAB_MEMORY_CALLBACK(__sanitizer_cov_store16, __int128, PointKind::kStore)
#undef RACELAB_MEMORY_CALLBACK

void __cyg_profile_func_enter(void*, void*) {
  racelab::share_internal::FunctionPoint();
}
void __cyg_profile_func_exit(void*, void*) {
  racelab::share_internal::FunctionPoint();
}

// --- Mutexes ---
int pthread_mutex_lock(pthread_mutex_t* mutex) {
  ControlledScheduler* scheduler = Controlling();
  if (scheduler == nullptr) return real::MutexLock(mutex);
  return Acquire(
      scheduler, mutex, [&] { return real::MutexTrylock(mutex); },
      [&] { return real::MutexLock(mutex); });
}

int pthread_mutex_trylock(pthread_mutex_t* mutex) {
  if (ControlledScheduler* scheduler = Controlling()) {
    scheduler->Point(PointKind::kSync);
  }
  return real::MutexTrylock(mutex);
}

int pthread_mutex_timedlock(pthread_mutex_t* mutex, const timespec* abstime) {
  ControlledScheduler* scheduler = Controlling();
  if (scheduler == nullptr) return real::MutexTimedlock(mutex, abstime);
  return Acquire(
      scheduler, mutex, [&] { return real::MutexTrylock(mutex); },
      [&] { return real::MutexTimedlock(mutex, abstime); });
}

int pthread_mutex_unlock(pthread_mutex_t* mutex) {
  const int result = real::MutexUnlock(mutex);
  if (ControlledScheduler* scheduler = Controlling()) {
    scheduler->Wake(mutex, INT_MAX);
    scheduler->Point(PointKind::kSync);
  } else {
    racelab::share_internal::SwitchPointAfterUnlock();
  }
  return result;
}

// --- Read-write locks ---
int pthread_rwlock_rdlock(pthread_rwlock_t* lock) {
  ControlledScheduler* scheduler = Controlling();
  if (scheduler == nullptr) return real::RwlockRdlock(lock);
  return Acquire(
      scheduler, lock, [&] { return real::RwlockTryrdlock(lock); },
      [&] { return real::RwlockRdlock(lock); });
}

int pthread_rwlock_wrlock(pthread_rwlock_t* lock) {
  ControlledScheduler* scheduler = Controlling();
  if (scheduler == nullptr) return real::RwlockWrlock(lock);
  return Acquire(
      scheduler, lock, [&] { return real::RwlockTrywrlock(lock); },
      [&] { return real::RwlockWrlock(lock); });
}

int pthread_rwlock_tryrdlock(pthread_rwlock_t* lock) {
  if (ControlledScheduler* scheduler = Controlling()) {
    scheduler->Point(PointKind::kSync);
  }
  return real::RwlockTryrdlock(lock);
}

int pthread_rwlock_trywrlock(pthread_rwlock_t* lock) {
  if (ControlledScheduler* scheduler = Controlling()) {
    scheduler->Point(PointKind::kSync);
  }
  return real::RwlockTrywrlock(lock);
}

int pthread_rwlock_unlock(pthread_rwlock_t* lock) {
  const int result = real::RwlockUnlock(lock);
  if (ControlledScheduler* scheduler = Controlling()) {
    scheduler->Wake(lock, INT_MAX);
    scheduler->Point(PointKind::kSync);
  } else {
    racelab::share_internal::SwitchPointAfterUnlock();
  }
  return result;
}

// --- Spin locks ---
int pthread_spin_lock(pthread_spinlock_t* lock) {
  ControlledScheduler* scheduler = Controlling();
  if (scheduler == nullptr) return real::SpinLock(lock);
  return Acquire(
      scheduler, const_cast<const int*>(lock),
      [&] { return real::SpinTrylock(lock); },
      [&] { return real::SpinLock(lock); });
}

int pthread_spin_trylock(pthread_spinlock_t* lock) {
  if (ControlledScheduler* scheduler = Controlling()) {
    scheduler->Point(PointKind::kSync);
  }
  return real::SpinTrylock(lock);
}

int pthread_spin_unlock(pthread_spinlock_t* lock) {
  const int result = real::SpinUnlock(lock);
  if (ControlledScheduler* scheduler = Controlling()) {
    scheduler->Wake(const_cast<const int*>(lock), INT_MAX);
    scheduler->Point(PointKind::kSync);
  }
  return result;
}

// --- Semaphores ---
int sem_wait(sem_t* sem) {
  ControlledScheduler* scheduler = Controlling();
  if (scheduler == nullptr) return real::SemWait(sem);
  scheduler->Point(PointKind::kSync);
  for (;;) {
    if (real::SemTrywait(sem) == 0) return 0;
    if (errno != EAGAIN) return -1;
    if (!scheduler->Block(sem)) return real::SemWait(sem);
  }
}

int sem_timedwait(sem_t* sem, const timespec* abstime) {
  ControlledScheduler* scheduler = Controlling();
  if (scheduler == nullptr) return real::SemTimedwait(sem, abstime);
  scheduler->Point(PointKind::kSync);
  for (;;) {
    if (real::SemTrywait(sem) == 0) return 0;
    if (errno != EAGAIN) return -1;
    if (!scheduler->Block(sem)) return real::SemTimedwait(sem, abstime);
  }
}

int sem_trywait(sem_t* sem) {
  if (ControlledScheduler* scheduler = Controlling()) {
    scheduler->Point(PointKind::kSync);
  }
  return real::SemTrywait(sem);
}

int sem_post(sem_t* sem) {
  const int result = real::SemPost(sem);
  if (ControlledScheduler* scheduler = Controlling()) {
    scheduler->Wake(sem, INT_MAX);
    scheduler->Point(PointKind::kSync);
  }
  return result;
}

}  // extern "C"
