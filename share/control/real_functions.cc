// share/control/real_functions.cc

#include "share/control/real_functions.h"

#include <dlfcn.h>
#include <linux/futex.h>
#include <sched.h>
#include <sys/syscall.h>

#include "absl/base/config.h"
#include "base/check.h"

#if defined(ABSL_HAVE_THREAD_SANITIZER)
// ThreadSanitizer's interceptors: the real functions as TSan sees them.
extern "C" {
int __interceptor_pthread_mutex_lock(pthread_mutex_t*);
int __interceptor_pthread_mutex_trylock(pthread_mutex_t*);
int __interceptor_pthread_mutex_timedlock(pthread_mutex_t*, const timespec*);
int __interceptor_pthread_mutex_unlock(pthread_mutex_t*);
int __interceptor_pthread_rwlock_rdlock(pthread_rwlock_t*);
int __interceptor_pthread_rwlock_wrlock(pthread_rwlock_t*);
int __interceptor_pthread_rwlock_tryrdlock(pthread_rwlock_t*);
int __interceptor_pthread_rwlock_trywrlock(pthread_rwlock_t*);
int __interceptor_pthread_rwlock_unlock(pthread_rwlock_t*);
int __interceptor_pthread_cond_wait(pthread_cond_t*, pthread_mutex_t*);
int __interceptor_pthread_cond_timedwait(pthread_cond_t*, pthread_mutex_t*,
                                         const timespec*);
int __interceptor_pthread_cond_clockwait(pthread_cond_t*, pthread_mutex_t*,
                                         clockid_t, const timespec*);
int __interceptor_pthread_cond_signal(pthread_cond_t*);
int __interceptor_pthread_cond_broadcast(pthread_cond_t*);
int __interceptor_sem_wait(sem_t*);
int __interceptor_sem_trywait(sem_t*);
int __interceptor_sem_timedwait(sem_t*, const timespec*);
int __interceptor_sem_post(sem_t*);
int __interceptor_pthread_spin_lock(pthread_spinlock_t*);
int __interceptor_pthread_spin_trylock(pthread_spinlock_t*);
int __interceptor_pthread_spin_unlock(pthread_spinlock_t*);
int __interceptor_nanosleep(const timespec*, timespec*);
int __interceptor_usleep(useconds_t);
}
#define RACELAB_REAL(name, tsan_name, type) return tsan_name
#else
#define RACELAB_REAL(name, tsan_name, type) \
  static std::atomic<type> cached{nullptr}; \
  return Resolve<type>(cached, name)
#endif

namespace racelab::share_internal::real {
namespace {

// The next definition of `name` after the executable's: glibc's.
template <typename F>
[[maybe_unused]] F Resolve(std::atomic<F>& cached, const char* name) {
  F f = cached.load(std::memory_order_acquire);
  if (f == nullptr) {
    f = reinterpret_cast<F>(dlsym(RTLD_NEXT, name));
    RACELAB_CHECK(f != nullptr, "dlsym(RTLD_NEXT) found no real function");
    cached.store(f, std::memory_order_release);
  }
  return f;
}

using MutexFn = int (*)(pthread_mutex_t*);
using MutexTimedFn = int (*)(pthread_mutex_t*, const timespec*);
using RwlockFn = int (*)(pthread_rwlock_t*);
using CondFn = int (*)(pthread_cond_t*);
using CondWaitFn = int (*)(pthread_cond_t*, pthread_mutex_t*);
using CondTimedFn = int (*)(pthread_cond_t*, pthread_mutex_t*, const timespec*);
using CondClockFn = int (*)(pthread_cond_t*, pthread_mutex_t*, clockid_t,
                            const timespec*);
using NanosleepFn = int (*)(const timespec*, timespec*);
using UsleepFn = int (*)(useconds_t);
using ClockNanosleepFn = int (*)(clockid_t, int, const timespec*, timespec*);
using SemFn = int (*)(sem_t*);
using SemTimedFn = int (*)(sem_t*, const timespec*);
using SpinFn = int (*)(pthread_spinlock_t*);
using YieldFn = int (*)();
using SyscallFn = long (*)(long, ...);

MutexFn MutexLockFn() {
  RACELAB_REAL("pthread_mutex_lock", __interceptor_pthread_mutex_lock, MutexFn);
}
MutexFn MutexTrylockFn() {
  RACELAB_REAL("pthread_mutex_trylock", __interceptor_pthread_mutex_trylock,
               MutexFn);
}
MutexTimedFn MutexTimedlockFn() {
  RACELAB_REAL("pthread_mutex_timedlock", __interceptor_pthread_mutex_timedlock,
               MutexTimedFn);
}
MutexFn MutexUnlockFn() {
  RACELAB_REAL("pthread_mutex_unlock", __interceptor_pthread_mutex_unlock,
               MutexFn);
}
RwlockFn RdlockFn() {
  RACELAB_REAL("pthread_rwlock_rdlock", __interceptor_pthread_rwlock_rdlock,
               RwlockFn);
}
RwlockFn WrlockFn() {
  RACELAB_REAL("pthread_rwlock_wrlock", __interceptor_pthread_rwlock_wrlock,
               RwlockFn);
}
RwlockFn TryrdlockFn() {
  RACELAB_REAL("pthread_rwlock_tryrdlock",
               __interceptor_pthread_rwlock_tryrdlock, RwlockFn);
}
RwlockFn TrywrlockFn() {
  RACELAB_REAL("pthread_rwlock_trywrlock",
               __interceptor_pthread_rwlock_trywrlock, RwlockFn);
}
RwlockFn RwUnlockFn() {
  RACELAB_REAL("pthread_rwlock_unlock", __interceptor_pthread_rwlock_unlock,
               RwlockFn);
}
CondWaitFn CondWaitPtr() {
  RACELAB_REAL("pthread_cond_wait", __interceptor_pthread_cond_wait,
               CondWaitFn);
}
CondTimedFn CondTimedwaitPtr() {
  RACELAB_REAL("pthread_cond_timedwait", __interceptor_pthread_cond_timedwait,
               CondTimedFn);
}
CondClockFn CondClockwaitPtr() {
  RACELAB_REAL("pthread_cond_clockwait", __interceptor_pthread_cond_clockwait,
               CondClockFn);
}
NanosleepFn NanosleepPtr() {
  RACELAB_REAL("nanosleep", __interceptor_nanosleep, NanosleepFn);
}
UsleepFn UsleepPtr() { RACELAB_REAL("usleep", __interceptor_usleep, UsleepFn); }
CondFn CondSignalFn() {
  RACELAB_REAL("pthread_cond_signal", __interceptor_pthread_cond_signal,
               CondFn);
}
CondFn CondBroadcastFn() {
  RACELAB_REAL("pthread_cond_broadcast", __interceptor_pthread_cond_broadcast,
               CondFn);
}
SemFn SemWaitFn() { RACELAB_REAL("sem_wait", __interceptor_sem_wait, SemFn); }
SemFn SemTrywaitFn() {
  RACELAB_REAL("sem_trywait", __interceptor_sem_trywait, SemFn);
}
SemTimedFn SemTimedwaitFn() {
  RACELAB_REAL("sem_timedwait", __interceptor_sem_timedwait, SemTimedFn);
}
SemFn SemPostFn() { RACELAB_REAL("sem_post", __interceptor_sem_post, SemFn); }
SpinFn SpinLockFn() {
  RACELAB_REAL("pthread_spin_lock", __interceptor_pthread_spin_lock, SpinFn);
}
SpinFn SpinTrylockFn() {
  RACELAB_REAL("pthread_spin_trylock", __interceptor_pthread_spin_trylock,
               SpinFn);
}
SpinFn SpinUnlockFn() {
  RACELAB_REAL("pthread_spin_unlock", __interceptor_pthread_spin_unlock,
               SpinFn);
}

// Neither is intercepted by ThreadSanitizer: always glibc's.
YieldFn SchedYieldFn() {
  static std::atomic<YieldFn> cached{nullptr};
  return Resolve<YieldFn>(cached, "sched_yield");
}
ClockNanosleepFn ClockNanosleepPtr() {
  static std::atomic<ClockNanosleepFn> cached{nullptr};
  return Resolve<ClockNanosleepFn>(cached, "clock_nanosleep");
}
SyscallFn SyscallFnPtr() {
  static std::atomic<SyscallFn> cached{nullptr};
  return Resolve<SyscallFn>(cached, "syscall");
}

}  // namespace

int MutexLock(pthread_mutex_t* m) { return MutexLockFn()(m); }
int MutexTrylock(pthread_mutex_t* m) { return MutexTrylockFn()(m); }
int MutexTimedlock(pthread_mutex_t* m, const timespec* t) {
  return MutexTimedlockFn()(m, t);
}
int MutexUnlock(pthread_mutex_t* m) { return MutexUnlockFn()(m); }
int RwlockRdlock(pthread_rwlock_t* l) { return RdlockFn()(l); }
int RwlockWrlock(pthread_rwlock_t* l) { return WrlockFn()(l); }
int RwlockTryrdlock(pthread_rwlock_t* l) { return TryrdlockFn()(l); }
int RwlockTrywrlock(pthread_rwlock_t* l) { return TrywrlockFn()(l); }
int RwlockUnlock(pthread_rwlock_t* l) { return RwUnlockFn()(l); }
int CondWait(pthread_cond_t* c, pthread_mutex_t* m) {
  return CondWaitPtr()(c, m);
}
int CondTimedwait(pthread_cond_t* c, pthread_mutex_t* m, const timespec* t) {
  return CondTimedwaitPtr()(c, m, t);
}
int CondClockwait(pthread_cond_t* c, pthread_mutex_t* m, clockid_t clock,
                  const timespec* t) {
  return CondClockwaitPtr()(c, m, clock, t);
}
int CondSignal(pthread_cond_t* c) { return CondSignalFn()(c); }
int CondBroadcast(pthread_cond_t* c) { return CondBroadcastFn()(c); }
int SemWait(sem_t* s) { return SemWaitFn()(s); }
int SemTrywait(sem_t* s) { return SemTrywaitFn()(s); }
int SemTimedwait(sem_t* s, const timespec* t) { return SemTimedwaitFn()(s, t); }
int SemPost(sem_t* s) { return SemPostFn()(s); }
int SpinLock(pthread_spinlock_t* l) { return SpinLockFn()(l); }
int SpinTrylock(pthread_spinlock_t* l) { return SpinTrylockFn()(l); }
int SpinUnlock(pthread_spinlock_t* l) { return SpinUnlockFn()(l); }
int SchedYield() { return SchedYieldFn()(); }
int Nanosleep(const timespec* d, timespec* r) { return NanosleepPtr()(d, r); }
int Usleep(useconds_t us) { return UsleepPtr()(us); }
int ClockNanosleep(clockid_t clock, int flags, const timespec* d, timespec* r) {
  return ClockNanosleepPtr()(clock, flags, d, r);
}
long Syscall6(long number, long a1, long a2, long a3, long a4, long a5,
              long a6) {
  return SyscallFnPtr()(number, a1, a2, a3, a4, a5, a6);
}

void FutexWait(std::atomic<uint32_t>& word, uint32_t expected,
               const timespec* timeout) {
  Syscall6(SYS_futex, reinterpret_cast<long>(&word), FUTEX_WAIT_PRIVATE,
           static_cast<long>(expected), reinterpret_cast<long>(timeout), 0, 0);
}

void FutexWake(std::atomic<uint32_t>& word, int count) {
  Syscall6(SYS_futex, reinterpret_cast<long>(&word), FUTEX_WAKE_PRIVATE, count,
           0, 0, 0);
}

}  // namespace racelab::share_internal::real
