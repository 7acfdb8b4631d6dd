// world/safe_go_test.cc

#include "world/safe_go.h"

#include <atomic>
#include <chrono>
#include <latch>
#include <stdexcept>
#include <thread>

#include "gtest/gtest.h"

namespace racelab {
namespace {

TEST(SafeGoTest, RunsEveryTask) {
  std::atomic<int> ran{0};
  {
    SafeGo pool(3);
    EXPECT_EQ(pool.workers(), 3);
    for (int i = 0; i < 500; ++i) pool.Go([&ran] { ran.fetch_add(1); });
  }  // the destructor drains the queue
  EXPECT_EQ(ran.load(), 500);
}

TEST(SafeGoTest, TasksRunConcurrently) {
  SafeGo pool(4);
  std::latch all_inside(4);
  std::latch done(4);
  // Each task waits until all four are inside: only possible if they run at
  // the same time on different workers.
  for (int i = 0; i < 4; ++i) {
    pool.Go([&] {
      all_inside.arrive_and_wait();
      done.count_down();
    });
  }
  done.wait();
}

TEST(SafeGoTest, RecoversExceptionsAndKeepsRunning) {
  std::atomic<int> ran{0};
  SafeGo pool(2);
  std::latch done(4);
  pool.Go([&] {
    done.count_down();
    throw std::runtime_error("boom");
  });
  pool.Go([&] {
    done.count_down();
    throw 7;
  });
  for (int i = 0; i < 2; ++i) {
    pool.Go([&] {
      ran.fetch_add(1);
      done.count_down();
    });
  }
  done.wait();
  // A panic is counted just after its task unwinds, so wait (bounded) for
  // the count rather than assume it is already there.
  const auto deadline =
      std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (pool.RecoveredPanics() < 2 &&
         std::chrono::steady_clock::now() < deadline) {
    std::this_thread::yield();
  }
  EXPECT_EQ(pool.RecoveredPanics(), 2);
  EXPECT_EQ(ran.load(), 2);
}

TEST(SafeGoDeathTest, ANonPositiveWorkerCountBreaksItsRequiresLoudly) {
  // REQUIRES: workers >= 1, checked in every build (base/check.h): no
  // silent clamping to one worker.
  EXPECT_DEATH(SafeGo pool(0), "CHECK failed .*workers >= 1");
}

}  // namespace
}  // namespace racelab
