// share/exhibits/spin_locked_stock.h
//
// Stock of one item behind a spin lock on std::atomic_flag (no pthread, no
// futex: a thread waiting for it spins). Take(n) checks the stock under
// the lock and takes it under the lock again. SplitSpinStock lets go in
// between, so two callers can both see enough and sell more than there
// is; SpinStock, its safe twin, checks and takes in one section.
//
// Threading: SplitSpinStock is NOT safe to share (intentionally: a race
// condition with no data race); SpinStock is thread-safe.

#ifndef RACELAB_SHARE_EXHIBITS_SPIN_LOCKED_STOCK_H_
#define RACELAB_SHARE_EXHIBITS_SPIN_LOCKED_STOCK_H_

#include <atomic>

#include "absl/base/thread_annotations.h"

namespace racelab::exhibits {

class ABSL_LOCKABLE SpinLock {
 public:
  void Lock() ABSL_EXCLUSIVE_LOCK_FUNCTION() {
    while (flag_.test_and_set(std::memory_order_acquire)) {
    }
  }
  void Unlock() ABSL_UNLOCK_FUNCTION() {
    flag_.clear(std::memory_order_release);
  }

 private:
  std::atomic_flag flag_ = ATOMIC_FLAG_INIT;
};

class ABSL_SCOPED_LOCKABLE SpinLockHolder {
 public:
  explicit SpinLockHolder(SpinLock* lock) ABSL_EXCLUSIVE_LOCK_FUNCTION(lock)
      : lock_(lock) {
    lock_->Lock();
  }
  ~SpinLockHolder() ABSL_UNLOCK_FUNCTION() { lock_->Unlock(); }
  SpinLockHolder(const SpinLockHolder&) = delete;
  SpinLockHolder& operator=(const SpinLockHolder&) = delete;

 private:
  SpinLock* const lock_;
};

class SplitSpinStock {
 public:
  // Takes `n` items if there are that many: true if it did.
  bool Take(int n) {
    bool enough;
    {
      SpinLockHolder hold(&lock_);
      enough = left_ >= n;
    }
    if (!enough) return false;
    // INTENTIONAL RACE CONDITION: the check no longer holds once the lock
    // is let go; another caller may take the same items here.
    SpinLockHolder hold(&lock_);
    left_ -= n;
    return true;
  }
  int Left() {
    SpinLockHolder hold(&lock_);
    return left_;
  }

 private:
  SpinLock lock_;
  int left_ ABSL_GUARDED_BY(lock_) = 3;
};

class SpinStock {
 public:
  bool Take(int n) {
    SpinLockHolder hold(&lock_);
    if (left_ < n) return false;
    left_ -= n;
    return true;
  }
  int Left() {
    SpinLockHolder hold(&lock_);
    return left_;
  }

 private:
  SpinLock lock_;
  int left_ ABSL_GUARDED_BY(lock_) = 3;
};

}  // namespace racelab::exhibits

#endif  // RACELAB_SHARE_EXHIBITS_SPIN_LOCKED_STOCK_H_
