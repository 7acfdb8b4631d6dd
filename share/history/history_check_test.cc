// share/history/history_check_test.cc: the search on literal histories of a
// ticket dispenser, replayed on a plain sequential model of it.

#include "share/history/history_check.h"

#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "gtest/gtest.h"

namespace racelab::share_internal {
namespace {

struct Dispenser {
  int next = 0;
};

// op 0: Next() -> int; op 1: Peek() -> int; op 2: Fail() throws.
class DispenserReplayer : public Replayer {
 public:
  std::shared_ptr<void> Fresh() override {
    ++fresh;
    if (factory_fails) return nullptr;
    return std::make_shared<Dispenser>();
  }
  Result Apply(void* object, const RecordedCall& call) override {
    ++applied;
    auto& d = *static_cast<Dispenser*>(object);
    switch (call.op) {
      case 0:
        return std::make_shared<ValueResult<int>>(d.next++);
      case 1:
        return std::make_shared<ValueResult<int>>(d.next);
      default:
        return CatchAsResult(
            []() -> Result { throw std::out_of_range("no tickets"); });
    }
  }
  int fresh = 0;
  int applied = 0;
  bool factory_fails = false;
};

Result Int(int value) { return std::make_shared<ValueResult<int>>(value); }

// A call of `op` by `thread` that returned `result` between two tickets.
RecordedCall At(int op, int thread, int result, int64_t start, int64_t end) {
  RecordedCall call;
  call.op = op;
  call.call = Call{thread, 0};
  call.observed = Int(result);
  call.start = start;
  call.end = end;
  return call;
}

TEST(CheckHistoryTest, ASequentialHistoryIsExplainedInItsOwnOrder) {
  DispenserReplayer replayer;
  const std::vector<RecordedCall> history = {At(0, 0, 0, 0, 1),
                                             At(0, 0, 1, 2, 3)};
  const HistoryVerdict verdict = CheckHistory(history, replayer, nullptr, 100);
  EXPECT_EQ(verdict.kind, HistoryVerdict::Kind::kExplained);
  EXPECT_EQ(verdict.order, (std::vector<int>{0, 1}));
}

TEST(CheckHistoryTest, OverlappingCallsMayBeOrderedEitherWay) {
  // Thread 1's call began first but returned the later ticket: fine, they
  // overlapped.
  DispenserReplayer replayer;
  const std::vector<RecordedCall> history = {At(0, 0, 0, 1, 3),
                                             At(0, 1, 1, 0, 2)};
  const HistoryVerdict verdict = CheckHistory(history, replayer, nullptr, 100);
  EXPECT_EQ(verdict.kind, HistoryVerdict::Kind::kExplained);
  EXPECT_EQ(verdict.order, (std::vector<int>{0, 1}));
}

TEST(CheckHistoryTest, RealTimeOrderIsRespected) {
  // The same results, but the call that returned 1 ended before the one
  // that returned 0 began: no order that respects that explains them.
  DispenserReplayer replayer;
  const std::vector<RecordedCall> history = {At(0, 0, 1, 0, 1),
                                             At(0, 1, 0, 2, 3)};
  const HistoryVerdict verdict = CheckHistory(history, replayer, nullptr, 100);
  EXPECT_EQ(verdict.kind, HistoryVerdict::Kind::kUnexplained);
  EXPECT_EQ(verdict.unexplained, 0);
  EXPECT_TRUE(verdict.deepest.empty());
  ASSERT_NE(verdict.replayed, nullptr);
  EXPECT_EQ(verdict.replayed->Print(), "0");
}

TEST(CheckHistoryTest, TwoCallersGivenTheSameTicketAreUnexplained) {
  // The dispenser's race condition: both overlapping Next() calls got 0.
  DispenserReplayer replayer;
  const std::vector<RecordedCall> history = {
      At(0, 0, 0, 0, 3), At(0, 1, 0, 1, 2), At(1, 0, 1, 4, 5)};
  const HistoryVerdict verdict = CheckHistory(history, replayer, nullptr, 100);
  ASSERT_EQ(verdict.kind, HistoryVerdict::Kind::kUnexplained);
  // The deepest order placed one Next() -> 0; the other then returns 1.
  EXPECT_EQ(verdict.deepest.size(), 1u);
  EXPECT_NE(verdict.unexplained, 2);
  ASSERT_NE(verdict.replayed, nullptr);
  EXPECT_EQ(verdict.replayed->Print(), "1");
  EXPECT_GT(verdict.replayed_calls, 0);
}

TEST(CheckHistoryTest, TheCacheExplainsARepeatWithoutReplaying) {
  DispenserReplayer replayer;
  OrderCache cache;
  const std::vector<RecordedCall> history = {At(0, 0, 1, 0, 3),
                                             At(0, 1, 0, 1, 2)};
  ASSERT_EQ(CheckHistory(history, replayer, &cache, 100).kind,
            HistoryVerdict::Kind::kExplained);
  EXPECT_EQ(cache.size(), 1u);
  const int applied = replayer.applied;
  const HistoryVerdict again = CheckHistory(history, replayer, &cache, 100);
  EXPECT_EQ(again.kind, HistoryVerdict::Kind::kExplained);
  EXPECT_TRUE(again.from_cache);
  EXPECT_EQ(replayer.applied, applied);
}

TEST(CheckHistoryTest, TheCacheNeverAcceptsAnOrderTheNewPrecedenceForbids) {
  // Explained once as (call 1, call 0) while they overlapped. The same
  // results with call 0 ending before call 1 began must not be accepted
  // from the cache: more precedence makes the check stricter.
  DispenserReplayer replayer;
  OrderCache cache;
  const std::vector<RecordedCall> overlapping = {At(0, 0, 1, 0, 3),
                                                 At(0, 1, 0, 1, 2)};
  ASSERT_EQ(CheckHistory(overlapping, replayer, &cache, 100).kind,
            HistoryVerdict::Kind::kExplained);
  const std::vector<RecordedCall> ordered = {At(0, 0, 1, 0, 1),
                                             At(0, 1, 0, 2, 3)};
  EXPECT_TRUE(cache.Find(ordered).empty());
  const HistoryVerdict verdict = CheckHistory(ordered, replayer, &cache, 100);
  EXPECT_EQ(verdict.kind, HistoryVerdict::Kind::kUnexplained);
  EXPECT_FALSE(verdict.from_cache);
}

TEST(CheckHistoryTest, ASearchOverItsBudgetIsUnknownNeverAFailure) {
  // Six overlapping Next() calls that all returned 0: every first step
  // succeeds and every second fails, more work than a budget of 3.
  DispenserReplayer replayer;
  std::vector<RecordedCall> history;
  for (int t = 0; t < 6; ++t) history.push_back(At(0, t, 0, t, 100 + t));
  const HistoryVerdict verdict = CheckHistory(history, replayer, nullptr, 3);
  EXPECT_EQ(verdict.kind, HistoryVerdict::Kind::kUnknown);
  const HistoryVerdict full = CheckHistory(history, replayer, nullptr, 10000);
  EXPECT_EQ(full.kind, HistoryVerdict::Kind::kUnexplained);
}

TEST(CheckHistoryTest, AFactoryThatFailsIsSaid) {
  DispenserReplayer replayer;
  replayer.factory_fails = true;
  const std::vector<RecordedCall> history = {At(0, 0, 0, 0, 1)};
  EXPECT_EQ(CheckHistory(history, replayer, nullptr, 100).kind,
            HistoryVerdict::Kind::kFactoryFailed);
}

TEST(CheckHistoryTest, ThrownResultsCompareByTypeAndMessage) {
  DispenserReplayer replayer;
  RecordedCall call = At(2, 0, 0, 0, 1);
  call.observed =
      std::make_shared<ThrownResult>(&typeid(std::out_of_range), "no tickets");
  EXPECT_EQ(CheckHistory({call}, replayer, nullptr, 100).kind,
            HistoryVerdict::Kind::kExplained);
  call.observed =
      std::make_shared<ThrownResult>(&typeid(std::out_of_range), "other words");
  EXPECT_EQ(CheckHistory({call}, replayer, nullptr, 100).kind,
            HistoryVerdict::Kind::kUnexplained);
  call.observed =
      std::make_shared<ThrownResult>(&typeid(std::runtime_error), "no tickets");
  EXPECT_EQ(CheckHistory({call}, replayer, nullptr, 100).kind,
            HistoryVerdict::Kind::kUnexplained);
  EXPECT_EQ(ThrownResult(&typeid(std::out_of_range), "no tickets").Print(),
            "throws std::out_of_range(\"no tickets\")");
  EXPECT_FALSE(Int(0)->Equals(ThrownResult(nullptr, "")));
  EXPECT_FALSE(VoidResult().Equals(*Int(0)));
}

// A register with a comparable state: op 0: Add(thread + 1) -> 0;
// op 1: Set(thread + 1) -> 0; op 2: Get() -> int.
class RegisterReplayer : public Replayer {
 public:
  std::shared_ptr<void> Fresh() override { return std::make_shared<int>(0); }
  Result Apply(void* object, const RecordedCall& call) override {
    int& value = *static_cast<int*>(object);
    if (call.op == 0) value += call.call.thread + 1;
    if (call.op == 1) value = call.call.thread + 1;
    return Int(call.op == 2 ? value : 0);
  }
  bool ComparesStates() const override { return true; }
  std::shared_ptr<void> CopyState(const void* object) override {
    return std::make_shared<int>(*static_cast<const int*>(object));
  }
  bool SameState(const void* a, const void* b) override {
    return equal_is_wrong ||
           *static_cast<const int*>(a) == *static_cast<const int*>(b);
  }
  bool equal_is_wrong = false;
};

// Three threads' Add()s all at once, then a Get() that saw a sum no order
// gives: every order of the adds leaves the same sum at the same set of
// placed calls, so the state cache searches each set once.
TEST(CheckHistoryTest, TheStateCacheSearchesEachStateOnce) {
  std::vector<RecordedCall> history;
  for (int t = 0; t < 3; ++t) {
    for (int k = 0; k < 2; ++k) history.push_back(At(0, t, 0, k, 100 + k));
  }
  history.push_back(At(2, 0, 11, 200, 201));  // the sum is 12
  RegisterReplayer replayer;
  const HistoryVerdict memoised =
      CheckHistory(history, replayer, nullptr, 1000000, StateCache::kUse);
  const HistoryVerdict plain =
      CheckHistory(history, replayer, nullptr, 1000000, StateCache::kDoNotUse);
  EXPECT_EQ(memoised.kind, HistoryVerdict::Kind::kUnexplained);
  EXPECT_EQ(plain.kind, HistoryVerdict::Kind::kUnexplained);
  EXPECT_GT(memoised.states_pruned, 0);
  EXPECT_EQ(plain.states_pruned, 0);
  EXPECT_LT(memoised.replayed_calls * 5, plain.replayed_calls)
      << memoised.replayed_calls << " vs " << plain.replayed_calls;
  // A right sum is still explained with the cache.
  history.back().observed = Int(12);
  EXPECT_EQ(CheckHistory(history, replayer, nullptr, 1000000).kind,
            HistoryVerdict::Kind::kExplained);
}

// Why a failure is confirmed without the cache: an == that calls different
// states equal prunes the order that explains the history.
TEST(CheckHistoryTest, AWrongEqualityMisleadsOnlyTheCachedSearch) {
  // Set(1) and Set(2) at once, then Get() saw 1: Set(2) came first.
  const std::vector<RecordedCall> history = {
      At(1, 0, 0, 0, 10), At(1, 1, 0, 1, 11), At(2, 0, 1, 20, 21)};
  RegisterReplayer replayer;
  replayer.equal_is_wrong = true;
  EXPECT_EQ(CheckHistory(history, replayer, nullptr, 1000).kind,
            HistoryVerdict::Kind::kUnexplained);
  EXPECT_EQ(
      CheckHistory(history, replayer, nullptr, 1000, StateCache::kDoNotUse)
          .kind,
      HistoryVerdict::Kind::kExplained);
  replayer.equal_is_wrong = false;
  EXPECT_EQ(CheckHistory(history, replayer, nullptr, 1000).kind,
            HistoryVerdict::Kind::kExplained);
}

}  // namespace
}  // namespace racelab::share_internal
