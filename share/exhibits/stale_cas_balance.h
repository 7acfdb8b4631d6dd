// share/exhibits/stale_cas_balance.h
//
// A balance updated with a compare-exchange loop. StaleCasBalance computes
// the new balance once, from the value it read before the loop, and keeps
// offering that stale result: when another deposit got in first, the
// retry succeeds (the expected value was refreshed) but stores a sum that
// misses it. CasBalance, its safe twin, recomputes the sum from the value
// each attempt found.
//
// Threading: StaleCasBalance is NOT safe to share (intentionally: a race
// condition with no data race); CasBalance is thread-safe.

#ifndef RACELAB_SHARE_EXHIBITS_STALE_CAS_BALANCE_H_
#define RACELAB_SHARE_EXHIBITS_STALE_CAS_BALANCE_H_

#include <atomic>

namespace racelab::exhibits {

class StaleCasBalance {
 public:
  // The balance after depositing `amount`.
  int Deposit(int amount) {
    int seen = balance_.load();
    const int next = seen + amount;
    // INTENTIONAL RACE CONDITION: `next` is not recomputed when the
    // exchange fails and refreshes `seen`: the retry stores a stale sum.
    while (!balance_.compare_exchange_weak(seen, next)) {
    }
    return next;
  }
  int Balance() const { return balance_.load(); }

 private:
  std::atomic<int> balance_{0};
};

class CasBalance {
 public:
  int Deposit(int amount) {
    int seen = balance_.load();
    while (!balance_.compare_exchange_weak(seen, seen + amount)) {
    }
    return seen + amount;
  }
  int Balance() const { return balance_.load(); }

 private:
  std::atomic<int> balance_{0};
};

}  // namespace racelab::exhibits

#endif  // RACELAB_SHARE_EXHIBITS_STALE_CAS_BALANCE_H_
