// instrument/race_points_test.cc
//
// Schedule parsing, forcing and tracing, driven by calling HitRacePoint()
// directly (it exists whether or not repro/ compiles its points in).

#include "instrument/race_points.h"

#include <thread>
#include <vector>

#include "base/std_mutex.h"
#include "gtest/gtest.h"

namespace racelab {
namespace {

TEST(ScheduleTest, ParsesAndPrintsSteps) {
  absl::StatusOr<Schedule> schedule = Schedule::Parse(
      "A@DeepCopy:copied  B@SetParams:writing,\nA@Request:sending");
  ASSERT_TRUE(schedule.ok()) << schedule.status();
  const std::vector<ScheduleStep> expected = {
      {'A', RacePoint::kDeepCopyCopied},
      {'B', RacePoint::kSetParamsWriting},
      {'A', RacePoint::kRequestSending}};
  EXPECT_EQ(schedule->steps(), expected);
  EXPECT_EQ(schedule->ToString(),
            "A@DeepCopy:copied B@SetParams:writing A@Request:sending");
}

TEST(ScheduleTest, SeedInterleavingRoundTrips) {
  const Schedule seed = Schedule::SeedInterleaving();
  absl::StatusOr<Schedule> parsed = Schedule::Parse(seed.ToString());
  ASSERT_TRUE(parsed.ok()) << parsed.status();
  EXPECT_EQ(parsed->steps(), seed.steps());
}

TEST(ScheduleTest, RejectsBadSteps) {
  for (const char* bad :
       {"", "   ", "A", "a@DeepCopy:copied", "AB@DeepCopy:copied", "A@Nope",
        "A:DeepCopy:copied", "@DeepCopy:copied"}) {
    EXPECT_FALSE(Schedule::Parse(bad).ok()) << bad;
  }
}

// Runs `body` on a thread with role `role`.
std::thread InRole(char role, std::function<void()> body) {
  return std::thread([role, body = std::move(body)] {
    BindRaceRole(role);
    body();
    BindRaceRole('\0');
  });
}

class ScheduleRunTest : public testing::TestWithParam<ForcingMode> {};

TEST_P(ScheduleRunTest, ForcesTheOrderAcrossThreads) {
  // A would run first if left alone (B sleeps), yet the schedule makes A's
  // point wait for B's.
  StdMutex mu;
  std::vector<std::string> order;
  auto note = [&](const char* what) {
    StdMutexLock lock(&mu);
    order.push_back(what);
  };
  ScheduleRun run(*Schedule::Parse("B@SetParams:writing A@DeepCopy:iterating "
                                   "B@Request:sending"),
                  GetParam(), absl::Seconds(30));
  std::thread a = InRole('A', [&] {
    HitRacePoint(RacePoint::kDeepCopyIterating);
    note("A iterating");
  });
  std::thread b = InRole('B', [&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    note("B writing");
    HitRacePoint(RacePoint::kSetParamsWriting);
    HitRacePoint(RacePoint::kSetParamsWriting);  // not B's next step: passes
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    HitRacePoint(RacePoint::kRequestSending);
    note("B sending");
  });
  a.join();
  b.join();
  EXPECT_TRUE(run.status().ok()) << run.status();
  EXPECT_TRUE(run.finished());
  EXPECT_EQ(run.NextStep(), "");
  EXPECT_EQ(order, (std::vector<std::string>{"B writing", "A iterating",
                                             "B sending"}));
}

TEST_P(ScheduleRunTest, AStepThatNeverComesIsReportedAtTheTimeout) {
  ScheduleRun run(*Schedule::Parse("B@SetParams:written A@DeepCopy:entering"),
                  GetParam(), absl::Milliseconds(200));
  std::thread a =
      InRole('A', [] { HitRacePoint(RacePoint::kDeepCopyEntering); });
  a.join();  // returns after the timeout instead of hanging
  ASSERT_FALSE(run.status().ok());
  EXPECT_EQ(run.status().message(),
            "step 0 (B@SetParams:written) never arrived within 200ms; step 1 "
            "(A@DeepCopy:entering) was waiting for it");
  EXPECT_FALSE(run.finished());
}

TEST_P(ScheduleRunTest, ThreadsWithoutARolePassThrough) {
  ScheduleRun run(*Schedule::Parse("A@Request:sending"), GetParam(),
                  absl::Seconds(30));
  HitRacePoint(RacePoint::kRequestSending);  // this thread has no role
  EXPECT_FALSE(run.finished());
  std::thread a = InRole('A', [] { HitRacePoint(RacePoint::kRequestSending); });
  a.join();
  EXPECT_TRUE(run.finished());
}

INSTANTIATE_TEST_SUITE_P(BothModes, ScheduleRunTest,
                         testing::Values(ForcingMode::kRelaxedSpin,
                                         ForcingMode::kMutex),
                         [](const testing::TestParamInfo<ForcingMode>& info) {
                           return info.param == ForcingMode::kMutex ? "mutex"
                                                                    : "spin";
                         });

TEST(RaceTraceTest, RecordsHitsInOrderAndTurnsThemIntoASchedule) {
  RaceTrace::Start();
  const uint64_t from = RaceTrace::Now();
  std::thread other([] {
    HitRacePoint(RacePoint::kSetParamsWriting);
    HitRacePoint(RacePoint::kSetParamsWritten);
  });
  other.join();
  HitRacePoint(RacePoint::kDeepCopyEntering);
  const uint64_t to = RaceTrace::Now();
  RaceTrace::Stop();
  HitRacePoint(RacePoint::kRequestSending);  // not recorded

  const std::vector<RaceTrace::Hit> hits = RaceTrace::Between(from, to);
  ASSERT_EQ(hits.size(), 3u);
  EXPECT_EQ(hits[2].thread_slot, RaceTrace::ThisThreadSlot());
  // This thread is the focus, so it is A; the other thread is B.
  EXPECT_EQ(RaceTrace::ToSchedule(hits, RaceTrace::ThisThreadSlot()).ToString(),
            "B@SetParams:writing B@SetParams:written A@DeepCopy:entering");
  EXPECT_EQ(RaceTrace::Now(), to);
}

TEST(RaceTraceTest, CaptureRequestsCutsEachThreadAtItsFirstSend) {
  RaceTrace::Start();
  const uint64_t from = RaceTrace::Now();
  HitRacePoint(RacePoint::kSetParamsWriting);
  std::thread other([] {
    HitRacePoint(RacePoint::kDeepCopyEntering);
    HitRacePoint(RacePoint::kRequestSending);
    HitRacePoint(RacePoint::kSetParamsWriting);  // its next request: cut
  });
  other.join();
  HitRacePoint(RacePoint::kRequestSending);
  HitRacePoint(RacePoint::kDeepCopyEntering);  // after sending: cut
  const std::vector<RaceTrace::Hit> hits =
      RaceTrace::CaptureRequests(from, absl::Seconds(5));
  RaceTrace::Stop();
  EXPECT_EQ(RaceTrace::ToSchedule(hits, RaceTrace::ThisThreadSlot()).ToString(),
            "A@SetParams:writing B@DeepCopy:entering B@Request:sending "
            "A@Request:sending");
}

TEST(RaceTraceTest, CaptureRequestsGivesUpOnAThreadThatNeverSends) {
  RaceTrace::Start();
  const uint64_t from = RaceTrace::Now();
  HitRacePoint(RacePoint::kSetParamsWriting);  // and never sends
  const std::vector<RaceTrace::Hit> hits =
      RaceTrace::CaptureRequests(from, absl::Milliseconds(100));
  RaceTrace::Stop();
  EXPECT_EQ(hits.size(), 1u);
}

}  // namespace
}  // namespace racelab
