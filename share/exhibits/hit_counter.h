// share/exhibits/hit_counter.h
//
// Get-then-set on a locked map. SplitHitCounter has a thread-safe Get() and
// a thread-safe Set(), and Hit() is Set(key, Get(key) + 1): two hits on
// one key at once count as one. HitCounter, its safe twin, increments
// inside one locked section.
//
// Threading: SplitHitCounter is NOT safe to share (intentionally: a race
// condition with no data race); HitCounter is thread-safe.

#ifndef RACELAB_SHARE_EXHIBITS_HIT_COUNTER_H_
#define RACELAB_SHARE_EXHIBITS_HIT_COUNTER_H_

#include <map>

#include "absl/base/thread_annotations.h"
#include "base/std_mutex.h"

namespace racelab::exhibits {

class SplitHitCounter {
 public:
  void Hit(int key) {
    // INTENTIONAL RACE CONDITION: a locked get, then a locked set; a hit
    // between the two is overwritten.
    Set(key, Get(key) + 1);
  }
  int Get(int key) {
    StdMutexLock lock(&mu_);
    auto it = hits_.find(key);
    return it == hits_.end() ? 0 : it->second;
  }

 private:
  void Set(int key, int value) {
    StdMutexLock lock(&mu_);
    hits_[key] = value;
  }

  StdMutex mu_;
  std::map<int, int> hits_ ABSL_GUARDED_BY(mu_);
};

class HitCounter {
 public:
  void Hit(int key) {
    StdMutexLock lock(&mu_);
    ++hits_[key];
  }
  int Get(int key) {
    StdMutexLock lock(&mu_);
    auto it = hits_.find(key);
    return it == hits_.end() ? 0 : it->second;
  }

 private:
  StdMutex mu_;
  std::map<int, int> hits_ ABSL_GUARDED_BY(mu_);
};

}  // namespace racelab::exhibits

#endif  // RACELAB_SHARE_EXHIBITS_HIT_COUNTER_H_
