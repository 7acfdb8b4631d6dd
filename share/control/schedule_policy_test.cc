// share/control/schedule_policy_test.cc

#include "share/control/schedule_policy.h"

#include <map>

#include "gtest/gtest.h"

namespace racelab::share_internal {
namespace {

TEST(SchedulePolicyTest, TheSameSeedMakesTheSameChoices) {
  for (PolicyKind kind : {PolicyKind::kPct, PolicyKind::kRandomWalk}) {
    SchedulePolicy a(kind, 3, 42, 3, 100);
    SchedulePolicy b(kind, 3, 42, 3, 100);
    EXPECT_EQ(a.First(0b111), b.First(0b111));
    for (int64_t step = 1; step <= 100; ++step) {
      const int running = static_cast<int>(step % 3);
      ASSERT_EQ(a.AtPoint(step, running, 0b111),
                b.AtPoint(step, running, 0b111));
    }
  }
}

TEST(SchedulePolicyTest, PctRunsTheHighestPriorityUntilAChangePoint) {
  SchedulePolicy policy(PolicyKind::kPct, 2, 7, 2, 50);
  ASSERT_EQ(policy.change_points().size(), 1u);
  const int64_t change = policy.change_points()[0];
  const int first = policy.First(0b11);
  int running = first;
  for (int64_t step = 1; step < change; ++step) {
    running = policy.AtPoint(step, running, 0b11);
    ASSERT_EQ(running, first) << "step " << step;
  }
  // At the change point the running thread drops below the other.
  EXPECT_EQ(policy.AtPoint(change, running, 0b11), 1 - first);
}

TEST(SchedulePolicyTest, PctChangePointsAreDepthMinusOneWithinTheSteps) {
  for (uint64_t seed = 0; seed < 100; ++seed) {
    SchedulePolicy policy(PolicyKind::kPct, 2, seed, 4, 30);
    ASSERT_EQ(policy.change_points().size(), 3u);
    for (int64_t point : policy.change_points()) {
      EXPECT_GE(point, 1);
      EXPECT_LE(point, 30);
    }
  }
}

TEST(SchedulePolicyTest, AThreadThatYieldsGivesWay) {
  for (PolicyKind kind : {PolicyKind::kPct, PolicyKind::kRandomWalk}) {
    SchedulePolicy policy(kind, 2, 3, 3, 10);
    const int first = policy.First(0b11);
    EXPECT_EQ(policy.GiveWay(first, 0b11, /*lower=*/true), 1 - first);
    // Alone, it goes on.
    EXPECT_EQ(policy.GiveWay(first, ThreadMask{1} << first, true), first);
  }
}

TEST(SchedulePolicyTest, RandomWalkPicksEveryEnabledThread) {
  SchedulePolicy policy(PolicyKind::kRandomWalk, 3, 1, 1, 1);
  std::map<int, int> picked;
  for (int64_t step = 1; step <= 300; ++step) {
    ++picked[policy.AtPoint(step, 0, 0b101)];
  }
  EXPECT_EQ(picked.size(), 2u);  // threads 0 and 2, never 1
  EXPECT_GT(picked[0], 50);
  EXPECT_GT(picked[2], 50);
}

TEST(SchedulePolicyTest, NamesParse) {
  EXPECT_EQ(*ParsePolicy("pct"), PolicyKind::kPct);
  EXPECT_EQ(*ParsePolicy("random"), PolicyKind::kRandomWalk);
  EXPECT_FALSE(ParsePolicy("fair").ok());
}

}  // namespace
}  // namespace racelab::share_internal
