// share/exhibits/atomic_quota.h
//
// A quota of requests on std::atomic, no lock at all. SplitAtomicQuota
// checks the count with one atomic load and counts with another atomic
// step (check-then-act): each step is atomic, the pair is not, so two
// callers can both pass the check for the last slot. AtomicQuota, its safe
// twin, takes a slot with one compare-exchange of the value it checked.
//
// Threading: SplitAtomicQuota is NOT safe to share (intentionally: a race
// condition with no data race); AtomicQuota is thread-safe.

#ifndef RACELAB_SHARE_EXHIBITS_ATOMIC_QUOTA_H_
#define RACELAB_SHARE_EXHIBITS_ATOMIC_QUOTA_H_

#include <atomic>

namespace racelab::exhibits {

inline constexpr int kQuota = 2;

class SplitAtomicQuota {
 public:
  // True if a slot was left and this call took it.
  bool TryTake() {
    if (used_.load() >= kQuota) return false;
    // INTENTIONAL RACE CONDITION: another caller may take the last slot
    // between the check above and the count below.
    used_.fetch_add(1);
    return true;
  }
  int Used() const { return used_.load(); }

 private:
  std::atomic<int> used_{0};
};

class AtomicQuota {
 public:
  bool TryTake() {
    int used = used_.load();
    do {
      if (used >= kQuota) return false;
    } while (!used_.compare_exchange_weak(used, used + 1));
    return true;
  }
  int Used() const { return used_.load(); }

 private:
  std::atomic<int> used_{0};
};

}  // namespace racelab::exhibits

#endif  // RACELAB_SHARE_EXHIBITS_ATOMIC_QUOTA_H_
