// share/exhibits/snapshot_stats.h
//
// SnapshotStats: latencies counted under a lock, but every 100th Record()
// publishes a summary outside it, which Summary() reads without one. The
// race needs an instance that has already served 100 calls: a fresh
// instance per short round never reaches it.
//
// Threading: NOT thread-safe (intentionally racy): the 100th call's
// unlocked write of summary_ (and read of total_) races with Summary() and
// with the other Record() calls.

#ifndef RACELAB_SHARE_EXHIBITS_SNAPSHOT_STATS_H_
#define RACELAB_SHARE_EXHIBITS_SNAPSHOT_STATS_H_

#include <cstdint>
#include <mutex>

namespace racelab::exhibits {

class SnapshotStats {
 public:
  void Record(int64_t latency_us) {
    int64_t count;
    {
      std::lock_guard<std::mutex> lock(mu_);
      ++count_;
      total_us_ += latency_us;
      count = count_;
    }
    if (count % 100 == 0) {
      // INTENTIONAL DATA RACE: the summary is published outside the lock.
      summary_us_ = UnlockedTotal() / count;
    }
  }

  int64_t Summary() const { return summary_us_; }  // unlocked read

 private:
  // The racy read, spelled out: the lock was released above.
  int64_t UnlockedTotal() const { return total_us_; }

  std::mutex mu_;  // guards the members below it, except as noted
  int64_t count_ = 0;
  int64_t total_us_ = 0;
  int64_t summary_us_ = 0;  // written on the rare path without mu_
};

}  // namespace racelab::exhibits

#endif  // RACELAB_SHARE_EXHIBITS_SNAPSHOT_STATS_H_
