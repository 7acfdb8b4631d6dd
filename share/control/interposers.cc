// share/control/interposers.cc
//
// The scheduling points and modelled waits of controlled_scheduler.h, for
// the whole test binary:
//
//  - SanitizerCoverage's load and store callbacks and the
//    -finstrument-functions hooks, called by the code racelab_add_share_test
//    compiles for the test (-fsanitize-coverage=trace-pc-guard,trace-loads,
//    trace-stores -finstrument-functions): every load and store outside the
//    thread's own stack, atomics included, and every function's entry and
//    exit, inlined ones included, is a point;
//  - the pthread mutex, read-write lock, spin lock, condition variable and
//    semaphore calls, sched_yield, the sleeps, and the futex system call
//    (absl::Mutex's and std::atomic::wait's waiters make it through
//    syscall()): points, with blocking modelled.
//
// On a thread that is not under control (no schedule, or racelab's own
// code) each one is the real call after one thread-local test.
// pthread_mutex_unlock and pthread_rwlock_unlock also serve the free-running
// switch points (share/history/switch_points.h).

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
#include "share/control/real_functions.h"
#include "share/history/switch_points.h"

namespace racelab::share_internal {

void LinkInterposers() {}

UserCallScope::UserCallScope() { ++this_controlled_thread.user_calls; }
UserCallScope::~UserCallScope() { --this_controlled_thread.user_calls; }

namespace {

// The scheduler of the calling thread when a call of the code under test
// may be a point: controlled, and not inside racelab's own code.
inline ControlledScheduler* Controlling() {
  ControlledThread& self = this_controlled_thread;
  if (__builtin_expect(self.scheduler == nullptr, 1) || self.inside) {
    return nullptr;
  }
  return self.scheduler;
}

inline void MemoryPoint(const void* address, PointKind kind) {
  ControlledScheduler* scheduler = Controlling();
  if (scheduler == nullptr) return;
  const ControlledThread& self = this_controlled_thread;
  if (self.user_calls == 0) return;
  const uintptr_t at = reinterpret_cast<uintptr_t>(address);
  if (at >= self.stack_low && at < self.stack_high) return;
  scheduler->Point(kind);
}

inline void FunctionPoint() {
  ControlledScheduler* scheduler = Controlling();
  if (scheduler == nullptr || this_controlled_thread.user_calls == 0) return;
  scheduler->Point(PointKind::kFunction);
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

// --- Yields and sleeps: the thread gives way, and does not sleep ---
int sched_yield() {
  if (ControlledScheduler* scheduler = Controlling()) {
    scheduler->Yield();
    return 0;
  }
  return real::SchedYield();
}

}  // extern "C"

namespace racelab::share_internal {
namespace {

// A modelled condition wait: the mutex released (waking its waiters), the
// thread blocked on the condition until a signal or broadcast by the
// running thread, the mutex taken again. True if signalled; false if no
// other thread could run, which is a spurious wakeup to the caller (after
// a short real pause: the signal can only come from outside the schedule).
bool ControlledCondWait(ControlledScheduler* scheduler, pthread_cond_t* cond,
                        pthread_mutex_t* mutex) {
  // Released and waiting in one step, as the real wait does: no point
  // between them, where a signal would be lost.
  real::MutexUnlock(mutex);
  scheduler->Wake(mutex, INT_MAX);
  const bool signalled = scheduler->Block(cond);
  if (!signalled) {
    const timespec pause = {0, 50000};
    real::Nanosleep(&pause, nullptr);
  }
  pthread_mutex_lock(mutex);
  return signalled;
}

// The futex system call of a controlled thread: WAIT and WAIT_BITSET block
// (modelled) while the word holds the value; WAKE and WAKE_BITSET wake
// modelled waiters and real ones; every other operation is real.
long ControlledFutex(ControlledScheduler* scheduler, const long (&a)[6]) {
  auto* word = reinterpret_cast<uint32_t*>(a[0]);
  const int op = static_cast<int>(a[1]);
  const int command = op & FUTEX_CMD_MASK;
  if (command == FUTEX_WAIT || command == FUTEX_WAIT_BITSET) {
    scheduler->Point(PointKind::kSync);
    if (__atomic_load_n(word, __ATOMIC_SEQ_CST) !=
        static_cast<uint32_t>(a[2])) {
      errno = EAGAIN;
      return -1;
    }
    if (scheduler->Block(word)) return 0;
    if (a[3] != 0)
      return real::Syscall6(SYS_futex, a[0], a[1], a[2], a[3], a[4], a[5]);
    // No limit given and nothing else can run: wait a millisecond for real,
    // then wake spuriously (futex callers re-check their word).
    const timespec limit = {0, 1000000};
    const int wait_op = FUTEX_WAIT | (op & FUTEX_PRIVATE_FLAG);
    real::Syscall6(SYS_futex, a[0], wait_op, a[2],
                   reinterpret_cast<long>(&limit), 0, 0);
    return 0;
  }
  if (command == FUTEX_WAKE || command == FUTEX_WAKE_BITSET) {
    const int count = a[2] > INT_MAX ? INT_MAX : static_cast<int>(a[2]);
    const int woken = scheduler->Wake(word, count);
    const long real_woken =
        real::Syscall6(SYS_futex, a[0], a[1], a[2], a[3], a[4], a[5]);
    scheduler->Point(PointKind::kSync);
    return woken + (real_woken > 0 ? real_woken : 0);
  }
  return real::Syscall6(SYS_futex, a[0], a[1], a[2], a[3], a[4], a[5]);
}

}  // namespace
}  // namespace racelab::share_internal

extern "C" {

// --- Condition variables ---
int pthread_cond_wait(pthread_cond_t* cond, pthread_mutex_t* mutex) {
  ControlledScheduler* scheduler = Controlling();
  if (scheduler == nullptr) return real::CondWait(cond, mutex);
  racelab::share_internal::ControlledCondWait(scheduler, cond, mutex);
  return 0;
}

int pthread_cond_timedwait(pthread_cond_t* cond, pthread_mutex_t* mutex,
                           const timespec* abstime) {
  ControlledScheduler* scheduler = Controlling();
  if (scheduler == nullptr) return real::CondTimedwait(cond, mutex, abstime);
  return racelab::share_internal::ControlledCondWait(scheduler, cond, mutex)
             ? 0
             : ETIMEDOUT;
}

int pthread_cond_clockwait(pthread_cond_t* cond, pthread_mutex_t* mutex,
                           clockid_t clock, const timespec* abstime) {
  ControlledScheduler* scheduler = Controlling();
  if (scheduler == nullptr) {
    return real::CondClockwait(cond, mutex, clock, abstime);
  }
  return racelab::share_internal::ControlledCondWait(scheduler, cond, mutex)
             ? 0
             : ETIMEDOUT;
}

int pthread_cond_signal(pthread_cond_t* cond) {
  ControlledScheduler* scheduler = Controlling();
  if (scheduler != nullptr) scheduler->Wake(cond, 1);
  const int result = real::CondSignal(cond);
  if (scheduler != nullptr) scheduler->Point(PointKind::kSync);
  return result;
}

int pthread_cond_broadcast(pthread_cond_t* cond) {
  ControlledScheduler* scheduler = Controlling();
  if (scheduler != nullptr) scheduler->Wake(cond, INT_MAX);
  const int result = real::CondBroadcast(cond);
  if (scheduler != nullptr) scheduler->Point(PointKind::kSync);
  return result;
}

// --- Sleeps: under control the thread gives way instead ---
int nanosleep(const timespec* duration, timespec* remaining) {
  if (ControlledScheduler* scheduler = Controlling()) {
    scheduler->Yield();
    return 0;
  }
  return real::Nanosleep(duration, remaining);
}

int usleep(useconds_t microseconds) {
  if (ControlledScheduler* scheduler = Controlling()) {
    scheduler->Yield();
    return 0;
  }
  return real::Usleep(microseconds);
}

int clock_nanosleep(clockid_t clock, int flags, const timespec* duration,
                    timespec* remaining) {
  if (ControlledScheduler* scheduler = Controlling()) {
    scheduler->Yield();
    return 0;
  }
  return real::ClockNanosleep(clock, flags, duration, remaining);
}

// --- syscall(): the futex calls of absl::Mutex and std::atomic::wait ---
long syscall(long number, ...) {
  long a[6];
  va_list args;
  va_start(args, number);
  for (long& arg : a) arg = va_arg(args, long);
  va_end(args);
  if (number == SYS_futex) {
    if (ControlledScheduler* scheduler = Controlling()) {
      return racelab::share_internal::ControlledFutex(scheduler, a);
    }
  }
  return real::Syscall6(number, a[0], a[1], a[2], a[3], a[4], a[5]);
}

}  // extern "C"
