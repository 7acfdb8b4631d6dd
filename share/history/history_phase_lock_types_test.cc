// share/history/history_phase_lock_types_test.cc
//
// The history check on race conditions split NOT at a pthread unlock: on
// absl::Mutex, its reader lock, a spin lock, std::atomic check-then-act, a
// compare-exchange loop that reuses a stale read, and an atomic load then
// store (a high-water mark). The OS scheduler rarely splits these (no unlock call to
// pause after, or none at all); the controlled scheduler switches at the
// loads, stores and function boundaries of this file's code, compiled as
// racelab_add_share_test compiles code under test. Each split class is
// caught as "not linearizable" in both builds and each safe twin passes.

#include <stdlib.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "gtest/gtest.h"
#include "racelab/operations.h"
#include "racelab/share.h"
#include "share/exhibits/absl_ticket_dispenser.h"
#include "share/exhibits/atomic_quota.h"
#include "share/exhibits/high_water_mark.h"
#include "share/exhibits/lock_types_operations.h"
#include "share/exhibits/reader_locked_cache.h"
#include "share/exhibits/spin_locked_stock.h"
#include "share/exhibits/stale_cas_balance.h"
#include "share/history/history_phase_verdicts.h"

namespace racelab {
namespace {

using namespace racelab::exhibits;  // NOLINT: the exhibits are the subject

TEST(LockTypesTest, SplitAbslTicketDispenserIsNotLinearizable) {
  EXPECT_TRUE(CaughtAsNotLinearizable(
      IsReportedRacy(TicketOps<SplitAbslTicketDispenser>())));
}
TEST(LockTypesTest, AbslTicketDispenserMayBeShared) {
  EXPECT_TRUE(Shareable(MayShare(TicketOps<AbslTicketDispenser>())));
}

TEST(LockTypesTest, SplitReaderCacheIsNotLinearizable) {
  EXPECT_TRUE(
      CaughtAsNotLinearizable(IsReportedRacy(CacheOps<SplitReaderCache>())));
}
TEST(LockTypesTest, ReaderCacheMayBeShared) {
  EXPECT_TRUE(Shareable(MayShare(CacheOps<ReaderCache>())));
}

TEST(LockTypesTest, SplitSpinStockIsNotLinearizable) {
  EXPECT_TRUE(
      CaughtAsNotLinearizable(IsReportedRacy(StockOps<SplitSpinStock>())));
}
TEST(LockTypesTest, SpinStockMayBeShared) {
  EXPECT_TRUE(Shareable(MayShare(StockOps<SpinStock>())));
}

TEST(LockTypesTest, SplitAtomicQuotaIsNotLinearizable) {
  EXPECT_TRUE(
      CaughtAsNotLinearizable(IsReportedRacy(QuotaOps<SplitAtomicQuota>())));
}
TEST(LockTypesTest, AtomicQuotaMayBeShared) {
  EXPECT_TRUE(Shareable(MayShare(QuotaOps<AtomicQuota>())));
}

TEST(LockTypesTest, StaleCasBalanceIsNotLinearizable) {
  EXPECT_TRUE(
      CaughtAsNotLinearizable(IsReportedRacy(BalanceOps<StaleCasBalance>())));
}
TEST(LockTypesTest, CasBalanceMayBeShared) {
  EXPECT_TRUE(Shareable(MayShare(BalanceOps<CasBalance>())));
}

TEST(LockTypesTest, SplitHighWaterMarkIsNotLinearizable) {
  EXPECT_TRUE(
      CaughtAsNotLinearizable(IsReportedRacy(MarkOps<SplitHighWaterMark>())));
}
TEST(LockTypesTest, HighWaterMarkMayBeShared) {
  EXPECT_TRUE(Shareable(MayShare(MarkOps<HighWaterMark>())));
}

// The number after `prefix` in `message` up to `end`, or "" if absent.
std::string Between(const std::string& message, const std::string& prefix,
                    const std::string& end) {
  const size_t at = message.find(prefix);
  if (at == std::string::npos) return "";
  const size_t from = at + prefix.size();
  return message.substr(from, message.find(end, from) - from);
}

// What the replay below needs from a failure's message, carried from the
// parent to the child that runs the replay (a check's child re-runs the
// whole test, where the first check returns at once without a message) in
// a file named after the parent's pid.
std::string ReplayFile(pid_t parent) {
  return absl::StrCat(::testing::TempDir(), "racelab_replay_", parent);
}

// A failure found with a fixed seed, replayed as its message says, 100
// times: 100 failures, every one the same history.
template <typename T>
void ExpectExactReplay(const Operations<T>& operations) {
  ShareOptions options;
  options.seed = 11;
  const ::testing::AssertionResult found = MayShare(operations, options);
  std::string spec;
  if (getenv("RACELAB_SHARE_CHILD") != nullptr) {
    std::ifstream carried(ReplayFile(getppid()));  // the replay's child
    std::getline(carried, spec);
  } else {
    EXPECT_FALSE(found);
    const std::string message = found.message();
    spec =
        absl::StrCat(Between(message, "options.replay_scenario = ", ";"), "|",
                     Between(message, "options.replay_schedule = ", ";"), "|",
                     Between(message, "options.replay_steps = \"", "\""));
    std::ofstream(ReplayFile(getpid())) << spec << "\n";
  }
  const std::vector<std::string> parts = absl::StrSplit(spec, '|');
  ShareOptions replay;
  replay.seed = 11;
  ASSERT_EQ(parts.size(), 3u) << spec;
  ASSERT_TRUE(absl::SimpleAtoi(parts[0], &replay.replay_scenario)) << spec;
  ASSERT_TRUE(absl::SimpleAtoi(parts[1], &replay.replay_schedule)) << spec;
  replay.replay_steps = parts[2];
  replay.invocations = 100;
  const ::testing::AssertionResult again = IsReportedRacy(operations, replay);
  std::remove(ReplayFile(getpid()).c_str());
  ASSERT_TRUE(again);
  EXPECT_TRUE(
      absl::StrContains(again.message(), "not linearizable: 100 of 100 runs"))
      << again.message();
  EXPECT_TRUE(absl::StrContains(again.message(),
                                "100 of 100 runs gave the same history"))
      << again.message();
  std::printf("%s\n", again.message());
}

TEST(LockTypesTest, AbslMutexFailureReplaysExactly) {
  ExpectExactReplay(TicketOps<SplitAbslTicketDispenser>());
}
TEST(LockTypesTest, ReaderLockFailureReplaysExactly) {
  ExpectExactReplay(CacheOps<SplitReaderCache>());
}
TEST(LockTypesTest, SpinLockFailureReplaysExactly) {
  ExpectExactReplay(StockOps<SplitSpinStock>());
}
TEST(LockTypesTest, AtomicCheckThenActFailureReplaysExactly) {
  ExpectExactReplay(QuotaOps<SplitAtomicQuota>());
}
TEST(LockTypesTest, StaleCompareExchangeFailureReplaysExactly) {
  ExpectExactReplay(BalanceOps<StaleCasBalance>());
}
TEST(LockTypesTest, AtomicLoadThenStoreFailureReplaysExactly) {
  ExpectExactReplay(MarkOps<SplitHighWaterMark>());
}

}  // namespace
}  // namespace racelab
