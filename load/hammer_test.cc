// load/hammer_test.cc

#include "load/hammer.h"

#include <atomic>
#include <chrono>
#include <stdexcept>
#include <thread>

#include "absl/container/flat_hash_set.h"
#include "base/std_mutex.h"
#include "gtest/gtest.h"

namespace racelab {
namespace {

RequestOutcome Ok(RequestContext&) { return {Outcome::kOk, ""}; }

TEST(HammerTest, RunsThreadsTimesIterations) {
  HammerOptions options;
  options.threads = 4;
  options.iterations = 250;
  std::atomic<int64_t> progress{0};
  options.progress = &progress;
  HammerReport report = RunHammer(options, Ok);
  EXPECT_EQ(report.requests, 1000);
  EXPECT_EQ(report.count(Outcome::kOk), 1000);
  EXPECT_EQ(report.wrong(), 0);
  EXPECT_EQ(progress.load(), 1000);
  EXPECT_EQ(report.first_wrong_after, absl::InfiniteDuration());
  EXPECT_TRUE(report.examples.empty());
}

TEST(HammerTest, EveryThreadHasItsOwnIndexAndGenerator) {
  StdMutex mu;
  absl::flat_hash_set<int> threads;
  absl::flat_hash_set<uint64_t> first_draws;
  HammerOptions options;
  options.threads = 5;
  options.iterations = 1;
  RunHammer(options, [&](RequestContext& context) {
    const uint64_t draw = (*context.rng)();
    StdMutexLock lock(&mu);
    threads.insert(context.thread);
    first_draws.insert(draw);
    return RequestOutcome{};
  });
  EXPECT_EQ(threads, (absl::flat_hash_set<int>{0, 1, 2, 3, 4}));
  EXPECT_EQ(first_draws.size(), 5u);  // distinct seeds per thread
}

TEST(HammerTest, ReleasesAllThreadsTogether) {
  // Each thread's first request waits until every thread has started one.
  // That only completes if all threads are running requests at once.
  constexpr int kThreads = 6;
  std::atomic<int> inside{0};
  HammerOptions options;
  options.threads = kThreads;
  options.iterations = 1;
  HammerReport report = RunHammer(options, [&](RequestContext&) {
    inside.fetch_add(1);
    const auto deadline =
        std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (inside.load() < kThreads) {
      if (std::chrono::steady_clock::now() > deadline) {
        return RequestOutcome{Outcome::kOtherError, "not released together"};
      }
      std::this_thread::yield();
    }
    return RequestOutcome{};
  });
  EXPECT_EQ(report.count(Outcome::kOk), kThreads);
}

TEST(HammerTest, CountsOutcomesKeepsExamplesAndTimesTheFirstWrong) {
  HammerOptions options;
  options.threads = 2;
  options.iterations = 10;
  options.max_examples = 3;
  HammerReport report = RunHammer(options, [](RequestContext& context) {
    if (context.iteration % 2 == 0) return RequestOutcome{};
    return RequestOutcome{Outcome::kWrongItem, "asked for a, got b"};
  });
  EXPECT_EQ(report.count(Outcome::kOk), 10);
  EXPECT_EQ(report.count(Outcome::kWrongItem), 10);
  EXPECT_EQ(report.wrong(), 10);
  ASSERT_EQ(report.examples.size(), 3u);
  EXPECT_EQ(report.examples[0], "wrong_item: asked for a, got b");
  EXPECT_LE(report.first_wrong_after, report.wall);
}

TEST(HammerTest, AnExceptionIsAnOutcome) {
  HammerOptions options;
  options.threads = 2;
  options.iterations = 3;
  HammerReport report =
      RunHammer(options, [](RequestContext&) -> RequestOutcome {
        throw std::runtime_error("map corrupted");
      });
  EXPECT_EQ(report.count(Outcome::kException), 6);
  ASSERT_FALSE(report.examples.empty());
  EXPECT_EQ(report.examples[0], "exception: map corrupted");
}

TEST(HammerTest, DurationModeStopsByItself) {
  HammerOptions options;
  options.threads = 2;
  options.iterations = 0;  // ignored in duration mode
  options.duration = absl::Milliseconds(50);
  HammerReport report = RunHammer(options, Ok);
  EXPECT_GT(report.requests, 0);
  EXPECT_GE(report.wall, absl::Milliseconds(50));
}

TEST(ValidateHammerOptionsTest, RejectsNonsense) {
  HammerOptions options;
  EXPECT_TRUE(ValidateHammerOptions(options).ok());
  options.threads = 0;
  EXPECT_FALSE(ValidateHammerOptions(options).ok());
  options = HammerOptions();
  options.iterations = 0;
  EXPECT_FALSE(ValidateHammerOptions(options).ok());
  options.duration = absl::Seconds(1);
  EXPECT_TRUE(ValidateHammerOptions(options).ok());
  options.duration = absl::Seconds(-1);
  EXPECT_FALSE(ValidateHammerOptions(options).ok());
}

}  // namespace
}  // namespace racelab
