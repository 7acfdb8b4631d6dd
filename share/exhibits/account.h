// share/exhibits/account.h
//
// Check-then-debit. SplitAccount reads the balance under its lock, decides,
// and debits under the lock again: two withdrawals that each fit the
// balance alone both pass, and the account goes below zero. Account, its
// safe twin, decides and debits in one locked section.
//
// Threading: SplitAccount is NOT safe to share (intentionally: a race
// condition with no data race); Account is thread-safe.

#ifndef RACELAB_SHARE_EXHIBITS_ACCOUNT_H_
#define RACELAB_SHARE_EXHIBITS_ACCOUNT_H_

#include "absl/base/thread_annotations.h"
#include "base/std_mutex.h"

namespace racelab::exhibits {

inline constexpr int kOpeningBalance = 10;

class SplitAccount {
 public:
  // True if `amount` was paid out.
  bool Withdraw(int amount) {
    if (Balance() < amount) return false;
    // INTENTIONAL RACE CONDITION: the balance was checked under another
    // locked section; a second withdrawal may have passed the same check.
    StdMutexLock lock(&mu_);
    balance_ -= amount;
    return true;
  }
  int Balance() {
    StdMutexLock lock(&mu_);
    return balance_;
  }

 private:
  StdMutex mu_;
  int balance_ ABSL_GUARDED_BY(mu_) = kOpeningBalance;
};

class Account {
 public:
  bool Withdraw(int amount) {
    StdMutexLock lock(&mu_);
    if (balance_ < amount) return false;
    balance_ -= amount;
    return true;
  }
  int Balance() {
    StdMutexLock lock(&mu_);
    return balance_;
  }

 private:
  StdMutex mu_;
  int balance_ ABSL_GUARDED_BY(mu_) = kOpeningBalance;
};

}  // namespace racelab::exhibits

#endif  // RACELAB_SHARE_EXHIBITS_ACCOUNT_H_
