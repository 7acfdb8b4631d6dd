// share/control/real_functions.h
//
// The functions racelab's interposers (interposers.cc) stand in front of,
// for whoever must call the real one: the interposers themselves, when the
// calling thread is not under control or control gives up on a wait, and
// the scheduler, whose own handoffs must never be scheduling points.
//
// In the normal build "real" is glibc's (found with dlsym(RTLD_NEXT) on
// first use); in the TSan build it is ThreadSanitizer's interceptor, which
// defines the public names weakly so that a program may stand in front of
// them, and calls glibc's itself.
//
// Thread-safe: each function resolves its target once, race-free (a plain
// atomic pointer: a function-local static's guard may itself lock a mutex).

#ifndef RACELAB_SHARE_CONTROL_REAL_FUNCTIONS_H_
#define RACELAB_SHARE_CONTROL_REAL_FUNCTIONS_H_

#include <pthread.h>
#include <semaphore.h>
#include <time.h>
#include <unistd.h>

#include <atomic>
#include <cstdint>

namespace racelab::share_internal::real {

int MutexLock(pthread_mutex_t* mutex);
int MutexTrylock(pthread_mutex_t* mutex);
int MutexTimedlock(pthread_mutex_t* mutex, const timespec* abstime);
int MutexUnlock(pthread_mutex_t* mutex);
int RwlockRdlock(pthread_rwlock_t* lock);
int RwlockWrlock(pthread_rwlock_t* lock);
int RwlockTryrdlock(pthread_rwlock_t* lock);
int RwlockTrywrlock(pthread_rwlock_t* lock);
int RwlockUnlock(pthread_rwlock_t* lock);
int CondWait(pthread_cond_t* cond, pthread_mutex_t* mutex);
int CondTimedwait(pthread_cond_t* cond, pthread_mutex_t* mutex,
                  const timespec* abstime);
int CondClockwait(pthread_cond_t* cond, pthread_mutex_t* mutex, clockid_t clock,
                  const timespec* abstime);
int CondSignal(pthread_cond_t* cond);
int CondBroadcast(pthread_cond_t* cond);
int SemWait(sem_t* sem);
int SemTrywait(sem_t* sem);
int SemTimedwait(sem_t* sem, const timespec* abstime);
int SemPost(sem_t* sem);
int SpinLock(pthread_spinlock_t* lock);
int SpinTrylock(pthread_spinlock_t* lock);
int SpinUnlock(pthread_spinlock_t* lock);
int SchedYield();
int Nanosleep(const timespec* duration, timespec* remaining);
int Usleep(useconds_t microseconds);
int ClockNanosleep(clockid_t clock, int flags, const timespec* duration,
                   timespec* remaining);
long Syscall6(long number, long a1, long a2, long a3, long a4, long a5,
              long a6);

// FUTEX_WAIT_PRIVATE on `word` while it holds `expected`, for at most
// `timeout` (null: no limit); FUTEX_WAKE_PRIVATE of up to `count` waiters.
void FutexWait(std::atomic<uint32_t>& word, uint32_t expected,
               const timespec* timeout);
void FutexWake(std::atomic<uint32_t>& word, int count);

}  // namespace racelab::share_internal::real

#endif  // RACELAB_SHARE_CONTROL_REAL_FUNCTIONS_H_
