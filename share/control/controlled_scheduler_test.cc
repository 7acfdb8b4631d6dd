// share/control/controlled_scheduler_test.cc
//
// Compiled as racelab_add_share_test compiles code under test
// (-fsanitize-coverage=trace-pc-guard,trace-loads,trace-stores
// -finstrument-functions), so the classes below reach scheduling points at
// their loads, stores and function boundaries.

#include "share/control/controlled_scheduler.h"

#include <pthread.h>
#include <semaphore.h>

#include <atomic>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <type_traits>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "gtest/gtest.h"
#include "racelab/operations_internal.h"
#include "share/control/schedule_policy.h"

namespace racelab::share_internal {
namespace {

// Runs `bodies`, one thread each, as one controlled schedule.
ControlledScheduler::Stats RunSchedule(
    ControlledScheduler& scheduler, const SchedulePolicy& policy,
    const std::vector<std::function<void()>>& bodies) {
  scheduler.Begin(static_cast<int>(bodies.size()), policy);
  std::vector<std::thread> threads;
  for (size_t t = 0; t < bodies.size(); ++t) {
    threads.emplace_back([&, t] {
      scheduler.Attach(static_cast<int>(t));
      {
        const UserCallScope user_call;  // as an operation's call is
        bodies[t]();
      }
      scheduler.Detach();
    });
  }
  for (std::thread& thread : threads) thread.join();
  return scheduler.stats();
}

// A counter whose increment reads under the lock and writes under it
// again: two increments at once may give one ticket twice.
template <typename Mutex>
class SplitCounter {
 public:
  int Next() {
    int ticket;
    {
      std::lock_guard<Mutex> lock(mu_);
      ticket = next_;
    }
    {
      std::lock_guard<Mutex> lock(mu_);
      next_ = ticket + 1;
    }
    return ticket;
  }

 private:
  Mutex mu_;
  int next_ = 0;
};

class ABSL_LOCKABLE AbslMutexAdapter {
 public:
  void lock() ABSL_EXCLUSIVE_LOCK_FUNCTION() { mu_.Lock(); }
  void unlock() ABSL_UNLOCK_FUNCTION() { mu_.Unlock(); }

 private:
  absl::Mutex mu_;
};

class SpinLock {
 public:
  void lock() {
    while (flag_.test_and_set(std::memory_order_acquire)) {
    }
  }
  void unlock() { flag_.clear(std::memory_order_release); }

 private:
  std::atomic_flag flag_ = ATOMIC_FLAG_INIT;
};

// What a schedule of two threads x two Next() calls gave: the tickets in
// thread order, e.g. "0 1 | 2 3".
template <typename Mutex>
std::string TicketsUnder(ControlledScheduler& scheduler, PolicyKind kind,
                         uint64_t seed, ControlledScheduler::Stats* stats) {
  SplitCounter<Mutex> counter;
  std::vector<int> got[2];
  const SchedulePolicy policy(kind, 2, seed, /*depth=*/3,
                              /*expected_steps=*/200);
  *stats = RunSchedule(scheduler, policy,
                       {[&] {
                          for (int i = 0; i < 2; ++i) {
                            got[0].push_back(counter.Next());
                          }
                        },
                        [&] {
                          for (int i = 0; i < 2; ++i) {
                            got[1].push_back(counter.Next());
                          }
                        }});
  return absl::StrCat(got[0][0], " ", got[0][1], " | ", got[1][0], " ",
                      got[1][1]);
}

bool Duplicated(const std::string& tickets) {
  std::set<char> seen;
  for (char c : tickets) {
    if (c >= '0' && c <= '9' && !seen.insert(c).second) return true;
  }
  return false;
}

// Whether two runs made the same schedule: the same tickets drawn, and the
// same steps, switches, yields (the spin limit included) and modelled blocks.
::testing::AssertionResult SameSchedule(
    const std::string& tickets, const ControlledScheduler::Stats& stats,
    const std::string& other_tickets, const ControlledScheduler::Stats& other) {
  if (tickets == other_tickets && stats.steps == other.steps &&
      stats.switches == other.switches && stats.yields == other.yields &&
      stats.blocks == other.blocks) {
    return ::testing::AssertionSuccess();
  }
  return ::testing::AssertionFailure()
         << "tickets " << tickets << " vs " << other_tickets << "; steps "
         << stats.steps << " vs " << other.steps << ", switches "
         << stats.switches << " vs " << other.switches << ", yields "
         << stats.yields << " vs " << other.yields << ", blocks "
         << stats.blocks << " vs " << other.blocks;
}

template <typename Mutex>
void ExpectFoundAndReplayed(PolicyKind kind) {
  ControlledScheduler scheduler;
  int found = 0;
  int64_t real_waits = 0;
  for (uint64_t seed = 1; seed <= 200; ++seed) {
    ControlledScheduler::Stats first;
    ControlledScheduler::Stats again;
    const std::string tickets =
        TicketsUnder<Mutex>(scheduler, kind, seed, &first);
    const std::string replayed =
        TicketsUnder<Mutex>(scheduler, kind, seed, &again);
    ASSERT_TRUE(SameSchedule(tickets, first, replayed, again))
        << "seed " << seed << " did not replay";
    if (Duplicated(tickets)) ++found;
    real_waits += first.real_waits + again.real_waits;
  }
  EXPECT_GT(found, 0) << "no schedule of 200 split the increment";
  EXPECT_EQ(real_waits, 0);
}

TEST(ControlledSchedulerTest, SplitStdMutexIsFoundAndReplayedUnderPct) {
  ExpectFoundAndReplayed<std::mutex>(PolicyKind::kPct);
}

TEST(ControlledSchedulerTest, SplitStdMutexIsFoundUnderRandomWalk) {
  ExpectFoundAndReplayed<std::mutex>(PolicyKind::kRandomWalk);
}

TEST(ControlledSchedulerTest, SplitAbslMutexIsFoundAndReplayed) {
  ExpectFoundAndReplayed<AbslMutexAdapter>(PolicyKind::kPct);
}

TEST(ControlledSchedulerTest, SplitSpinLockIsFoundWithoutLivelock) {
  ExpectFoundAndReplayed<SpinLock>(PolicyKind::kPct);
}

// Skipping the points at which PCT cannot switch changes nothing of a
// schedule: on every seed the same tickets and the same steps, switches,
// yields (the spin limit included) and modelled blocks as when every point
// is decided.
template <typename Mutex>
void ExpectQuietPointsChangeNothing() {
  ControlledScheduler scheduler;
  int64_t yields = 0;
  int64_t switches = 0;
  for (uint64_t seed = 1; seed <= 200; ++seed) {
    ControlledScheduler::Stats skipped;
    ControlledScheduler::Stats decided;
    scheduler.set_skip_quiet_points(true);
    const std::string tickets =
        TicketsUnder<Mutex>(scheduler, PolicyKind::kPct, seed, &skipped);
    scheduler.set_skip_quiet_points(false);
    const std::string each =
        TicketsUnder<Mutex>(scheduler, PolicyKind::kPct, seed, &decided);
    ASSERT_TRUE(SameSchedule(tickets, skipped, each, decided))
        << "seed " << seed;
    yields += skipped.yields;
    switches += skipped.switches;
  }
  EXPECT_GT(switches, 0);
  if (std::is_same_v<Mutex, SpinLock>) {
    EXPECT_GT(yields, 0) << "no spinning thread reached the spin limit";
  }
}

TEST(ControlledSchedulerTest, QuietPointsChangeNothingUnderStdMutex) {
  ExpectQuietPointsChangeNothing<std::mutex>();
}

TEST(ControlledSchedulerTest, QuietPointsChangeNothingUnderAbslMutex) {
  ExpectQuietPointsChangeNothing<AbslMutexAdapter>();
}

TEST(ControlledSchedulerTest, QuietPointsChangeNothingUnderASpinLock) {
  ExpectQuietPointsChangeNothing<SpinLock>();
}

// A correct counter is never split, whatever the schedule.
TEST(ControlledSchedulerTest, AWholeCriticalSectionIsNeverSplit) {
  ControlledScheduler scheduler;
  for (uint64_t seed = 1; seed <= 200; ++seed) {
    std::mutex mu;
    int next = 0;
    std::vector<int> got;
    auto take = [&] {
      for (int i = 0; i < 2; ++i) {
        std::lock_guard<std::mutex> lock(mu);
        got.push_back(next++);
      }
    };
    RunSchedule(scheduler, SchedulePolicy(PolicyKind::kPct, 2, seed, 3, 100),
                {take, take});
    ASSERT_EQ(std::set<int>(got.begin(), got.end()).size(), 4u)
        << "seed " << seed;
  }
}

// A consumer waiting on a condition variable for a producer that has not
// run: the wait is modelled (the producer gets the turn), never real.
TEST(ControlledSchedulerTest, ConditionWaitsAreModelled) {
  ControlledScheduler scheduler;
  for (uint64_t seed = 1; seed <= 50; ++seed) {
    std::mutex mu;
    std::condition_variable ready;
    std::vector<int> queue;
    int taken = -1;
    const ControlledScheduler::Stats stats =
        RunSchedule(scheduler, SchedulePolicy(PolicyKind::kPct, 2, seed, 3, 50),
                    {[&] {
                       std::unique_lock<std::mutex> lock(mu);
                       ready.wait(lock, [&] { return !queue.empty(); });
                       taken = queue.back();
                     },
                     [&] {
                       {
                         std::lock_guard<std::mutex> lock(mu);
                         queue.push_back(7);
                       }
                       ready.notify_one();
                     }});
    EXPECT_EQ(taken, 7) << "seed " << seed;
    EXPECT_EQ(stats.real_waits, 0) << "seed " << seed;
  }
}

TEST(ControlledSchedulerTest, SemaphoreWaitsAreModelled) {
  ControlledScheduler scheduler;
  for (uint64_t seed = 1; seed <= 50; ++seed) {
    sem_t sem;
    sem_init(&sem, 0, 0);
    int value = 0;
    const ControlledScheduler::Stats stats = RunSchedule(
        scheduler, SchedulePolicy(PolicyKind::kRandomWalk, 2, seed, 1, 50),
        {[&] {
           sem_wait(&sem);
           EXPECT_EQ(value, 5);
         },
         [&] {
           value = 5;
           sem_post(&sem);
         }});
    sem_destroy(&sem);
    EXPECT_EQ(stats.real_waits, 0) << "seed " << seed;
  }
}

}  // namespace
}  // namespace racelab::share_internal
