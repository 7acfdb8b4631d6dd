// share/control/wait_interposers.cc
//
// The waits no lock expresses, for the whole test binary, beside the lock
// interposers (interposers.cc): condition variables (a wait is modelled:
// released and blocked in one step, runnable again on a signal or
// broadcast by the running thread), sched_yield and the sleeps (the thread
// gives way and does not sleep), and the futex system call that
// absl::Mutex's and std::atomic::wait's waiters make through syscall()
// (WAIT blocks, modelled, while the word holds the value; WAKE wakes
// modelled waiters and real ones). On a thread that is not under control
// each one is the real call.

#include <errno.h>
#include <linux/futex.h>
#include <pthread.h>
#include <sched.h>
#include <stdarg.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include <climits>
#include <cstdint>

#include "share/control/controlled_scheduler.h"
#include "share/control/controlling.h"
#include "share/control/real_functions.h"

using racelab::share_internal::ControlledScheduler;
namespace racelab::share_internal {
void LinkWaitInterposers() {}
}  // namespace racelab::share_internal

using racelab::share_internal::Controlling;
using racelab::share_internal::PointKind;
namespace real = racelab::share_internal::real;

extern "C" {

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
