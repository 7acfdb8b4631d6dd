// repro/forced_interleaving_test.cc
//
// The seed's interleaving, forced on purpose with Schedule (race points
// compiled in). Forced with ForcingMode::kMutex, every access the two
// requests share is ordered by the mutex, so this test is free of data races
// and its outcome is deterministic: it is the logical damage of the bug,
// with no undefined behaviour involved. (The spin-forced variant, which TSan
// must report, is in forced_interleaving_tsan_test.cc.)

#include <thread>
#include <vector>

#include "base/std_mutex.h"
#include "gtest/gtest.h"
#include "instrument/race_points.h"
#include "load/goods_detail_load.h"
#include "load/hammer.h"
#include "variants/variants.h"
#include "world/pdd_router.h"

namespace racelab {
namespace {

struct TwoRequests {
  RequestOutcome a;  // thread 0, role A
  RequestOutcome b;  // thread 1, role B
  std::vector<RaceTrace::Hit> trace;
  int a_slot = -1;
};

// One request each from two hammer threads bound to roles A and B, with the
// race points traced.
TwoRequests RunTwoRequests(ItemDetailService& service) {
  TwoRequests result;
  StdMutex mu;
  HammerOptions options;
  options.threads = 2;
  options.iterations = 1;
  const HammerOperation load = GoodsDetailLoad(service);
  RaceTrace::Start();
  const uint64_t from = RaceTrace::Now();
  RunHammer(options, [&](RequestContext& context) {
    BindRaceRole(context.thread == 0 ? 'A' : 'B');
    RequestOutcome outcome = load(context);
    BindRaceRole('\0');
    StdMutexLock lock(&mu);
    (context.thread == 0 ? result.a : result.b) = outcome;
    if (context.thread == 0) result.a_slot = RaceTrace::ThisThreadSlot();
    return outcome;
  });
  result.trace = RaceTrace::CaptureRequests(from, absl::Seconds(1));
  RaceTrace::Stop();
  return result;
}

bool IsMixedUp(Outcome outcome) {
  return outcome == Outcome::kWrongItem || outcome == Outcome::kSignRejected;
}

class ForcedInterleavingTest : public testing::Test {
 protected:
  void SetUp() override {
    if (!kRacePointsCompiledIn) {
      GTEST_SKIP() << "race points are not compiled in (RACELAB_RACE_POINTS)";
    }
  }
  PddRouterDouble router_{DemoCredentials()};
};

TEST_F(ForcedInterleavingTest, SeedInterleavingMixesUpAAndDrainsB) {
  std::unique_ptr<ItemDetailService> service =
      MakeService(Variant::kSharedUnsafe, DemoCredentials(), &router_);
  ScheduleRun run(Schedule::SeedInterleaving(), ForcingMode::kMutex);
  const TwoRequests result = RunTwoRequests(*service);
  ASSERT_TRUE(run.status().ok()) << run.status();
  ASSERT_TRUE(run.finished()) << run.NextStep();
  // A copied its first entry, then B overwrote all six values: A sends a mix
  // of its own first entry and B's others (another caller's item, or a sign
  // that does not match). A's copy-and-reset drained B's parameters too.
  EXPECT_TRUE(IsMixedUp(result.a.outcome)) << result.a.detail;
  EXPECT_EQ(result.b.outcome, Outcome::kMissingParams) << result.b.detail;
}

TEST_F(ForcedInterleavingTest, RecordedOrderReplaysToTheSameDamage) {
  std::unique_ptr<ItemDetailService> service =
      MakeService(Variant::kSharedUnsafe, DemoCredentials(), &router_);
  std::string recorded;
  {
    ScheduleRun run(Schedule::SeedInterleaving(), ForcingMode::kMutex);
    const TwoRequests first = RunTwoRequests(*service);
    ASSERT_TRUE(run.finished());
    recorded = RaceTrace::ToSchedule(first.trace, first.a_slot).ToString();
  }
  absl::StatusOr<Schedule> replay = Schedule::Parse(recorded);
  ASSERT_TRUE(replay.ok()) << replay.status() << "\n" << recorded;
  // 2 x 6 SetParams writes, 2 x (params + headers) DeepCopy, 2 sends...
  EXPECT_GT(replay->steps().size(), 20u) << recorded;

  ScheduleRun run(*std::move(replay), ForcingMode::kMutex);
  const TwoRequests again = RunTwoRequests(*service);
  ASSERT_TRUE(run.status().ok()) << run.status();
  EXPECT_TRUE(run.finished()) << run.NextStep() << "\n" << recorded;
  EXPECT_TRUE(IsMixedUp(again.a.outcome)) << again.a.detail;
  EXPECT_EQ(again.b.outcome, Outcome::kMissingParams) << again.b.detail;
}

TEST_F(ForcedInterleavingTest, TheLockedFixIsImmuneToTheSameSchedule) {
  // The locked client runs the same repro HttpApp code (so it has the same
  // points), but B cannot enter SetParams while A holds the lock, so B's
  // step can never come: the run reports the step that never arrived, and
  // both requests are still correct.
  std::unique_ptr<ItemDetailService> service =
      MakeService(Variant::kLocked, DemoCredentials(), &router_);
  ScheduleRun run(Schedule::SeedInterleaving(), ForcingMode::kMutex,
                  absl::Milliseconds(300));
  const TwoRequests result = RunTwoRequests(*service);
  EXPECT_FALSE(run.status().ok());
  EXPECT_EQ(result.a.outcome, Outcome::kOk) << result.a.detail;
  EXPECT_EQ(result.b.outcome, Outcome::kOk) << result.b.detail;
}

// The tempting wrong fix: every field locked, so the seed's own schedule
// (inside DeepCopy's loop) has nowhere to stop; its own steers the two
// requests between the locked steps. A copies the shared map after B has
// overwritten every value (B's parameters, B's valid signature: the
// router answers with B's item), and B copies what A drained: nothing.
// Deterministic in both forcing modes (no data race in either).
TEST_F(ForcedInterleavingTest, TheTemptingFixSendsBsParametersForA) {
  for (ForcingMode mode : {ForcingMode::kMutex, ForcingMode::kRelaxedSpin}) {
    std::unique_ptr<ItemDetailService> service =
        MakeService(Variant::kLockedFields, DemoCredentials(), &router_);
    ScheduleRun run(Schedule::LockedFieldsInterleaving(), mode);
    const TwoRequests result = RunTwoRequests(*service);
    ASSERT_TRUE(run.status().ok()) << run.status();
    ASSERT_TRUE(run.finished()) << run.NextStep();
    EXPECT_EQ(result.a.outcome, Outcome::kWrongItem) << result.a.detail;
    EXPECT_EQ(result.b.outcome, Outcome::kMissingParams) << result.b.detail;
  }
}

}  // namespace
}  // namespace racelab
