// instrument/valgrind_visible_lock.h
//
// ValgrindVisibleMutexLock: absl::MutexLock that also tells Valgrind's
// Helgrind and DRD about the lock. Debian's absl::Mutex lives in a prebuilt
// library whose futex-and-atomics protocol Valgrind cannot follow, so
// without these annotations every access the mutex protects looks like a
// race to Valgrind. Outside Valgrind the annotations cost a few
// instructions each. ThreadSanitizer needs none of this: the TSan build
// compiles abseil itself (tsan.cmake).

#ifndef RACELAB_INSTRUMENT_VALGRIND_VISIBLE_LOCK_H_
#define RACELAB_INSTRUMENT_VALGRIND_VISIBLE_LOCK_H_

#include <cstddef>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"

namespace racelab {

// Valgrind client requests for a lock Valgrind cannot see; no-ops when not
// running under Valgrind. Thread-safe.
void ValgrindLockAcquired(const void* lock);
void ValgrindLockReleased(const void* lock);

// Turns Helgrind's and DRD's race checks on [start, start + size) off
// (`checked` false) or back on, adding no happens-before: for words that
// are synchronisation made of C++ atomics, which neither tool models (to
// them a relaxed spin is a data race). No-op outside Valgrind. Thread-safe.
void ValgrindRaceChecks(const void* start, size_t size, bool checked);

// Thread safety: a scoped lock, like absl::MutexLock.
class ABSL_SCOPED_LOCKABLE ValgrindVisibleMutexLock {
 public:
  explicit ValgrindVisibleMutexLock(absl::Mutex* mu)
      ABSL_EXCLUSIVE_LOCK_FUNCTION(mu)
      : mu_(mu) {
    mu_->Lock();
    ValgrindLockAcquired(mu_);
  }
  ~ValgrindVisibleMutexLock() ABSL_UNLOCK_FUNCTION() {
    ValgrindLockReleased(mu_);
    mu_->Unlock();
  }
  ValgrindVisibleMutexLock(const ValgrindVisibleMutexLock&) = delete;
  ValgrindVisibleMutexLock& operator=(const ValgrindVisibleMutexLock&) = delete;

 private:
  absl::Mutex* const mu_;
};

}  // namespace racelab

#endif  // RACELAB_INSTRUMENT_VALGRIND_VISIBLE_LOCK_H_
