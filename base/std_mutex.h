// base/std_mutex.h
//
// StdMutex, StdMutexLock and StdCondVar: std::mutex and
// std::condition_variable with clang thread-safety annotations (the
// LevelDB port::Mutex pattern). The harness synchronises only with
// standard-library primitives, which ThreadSanitizer and Valgrind both
// understand without a specially built library; the annotations keep
// -Wthread-safety checking the harness too.

#ifndef RACELAB_BASE_STD_MUTEX_H_
#define RACELAB_BASE_STD_MUTEX_H_

#include <chrono>
#include <condition_variable>
#include <mutex>

#include "absl/base/thread_annotations.h"

namespace racelab {

// Thread-safe (it is the lock).
class ABSL_LOCKABLE StdMutex {
 public:
  StdMutex() = default;
  StdMutex(const StdMutex&) = delete;
  StdMutex& operator=(const StdMutex&) = delete;

  void Lock() ABSL_EXCLUSIVE_LOCK_FUNCTION() { mu_.lock(); }
  void Unlock() ABSL_UNLOCK_FUNCTION() { mu_.unlock(); }

 private:
  friend class StdCondVar;
  std::mutex mu_;
};

// Holds a StdMutex for its scope.
class ABSL_SCOPED_LOCKABLE StdMutexLock {
 public:
  explicit StdMutexLock(StdMutex* mu) ABSL_EXCLUSIVE_LOCK_FUNCTION(mu)
      : mu_(mu) {
    mu_->Lock();
  }
  ~StdMutexLock() ABSL_UNLOCK_FUNCTION() { mu_->Unlock(); }
  StdMutexLock(const StdMutexLock&) = delete;
  StdMutexLock& operator=(const StdMutexLock&) = delete;

 private:
  StdMutex* const mu_;
};

// A condition variable bound to one StdMutex. Thread-safe.
class StdCondVar {
 public:
  explicit StdCondVar(StdMutex* mu) : mu_(mu) {}
  StdCondVar(const StdCondVar&) = delete;
  StdCondVar& operator=(const StdCondVar&) = delete;

  // StdCondVar::Wait()
  // REQUIRES: the caller holds the mutex. Blocks until signalled (or a
  // spurious wake-up); the mutex is held again on return. (Not annotated:
  // the analysis cannot tie the caller's mutex to mu_, as in LevelDB.)
  void Wait() {
    std::unique_lock<std::mutex> lock(mu_->mu_, std::adopt_lock);
    cv_.wait(lock);
    lock.release();
  }
  // StdCondVar::WaitFor()
  // As Wait(), but returns after `timeout` at the latest.
  // REQUIRES: the caller holds the mutex.
  template <typename Rep, typename Period>
  void WaitFor(std::chrono::duration<Rep, Period> timeout) {
    std::unique_lock<std::mutex> lock(mu_->mu_, std::adopt_lock);
    cv_.wait_for(lock, timeout);
    lock.release();
  }

  void Signal() { cv_.notify_one(); }
  void SignalAll() { cv_.notify_all(); }

 private:
  StdMutex* const mu_;
  std::condition_variable cv_;
};

}  // namespace racelab

#endif  // RACELAB_BASE_STD_MUTEX_H_
