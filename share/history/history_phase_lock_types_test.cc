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

#include <cstdio>

#include "absl/strings/match.h"
#include "gtest/gtest.h"
#include "racelab/operations.h"
#include "racelab/share.h"
#include "share/exhibits/absl_ticket_dispenser.h"
#include "share/exhibits/atomic_quota.h"
#include "share/exhibits/high_water_mark.h"
#include "share/exhibits/reader_locked_cache.h"
#include "share/exhibits/spin_locked_stock.h"
#include "share/exhibits/stale_cas_balance.h"

namespace racelab {
namespace {

using namespace racelab::exhibits;  // NOLINT: the exhibits are the subject

::testing::AssertionResult CaughtAsNotLinearizable(
    const ::testing::AssertionResult& result) {
  if (!result) return result;
  if (!absl::StrContains(result.message(), "not linearizable")) {
    return ::testing::AssertionFailure()
           << "caught, but not by the history check: " << result.message();
  }
  std::printf("%s\n", result.message());
  return result;
}

::testing::AssertionResult Shareable(const ::testing::AssertionResult& result) {
  std::printf("%s\n", result.message());
  return result;
}

TEST(LockTypesTest, SplitAbslTicketDispenserIsNotLinearizable) {
  EXPECT_TRUE(CaughtAsNotLinearizable(
      IsReportedRacy(Operations<SplitAbslTicketDispenser>().Op(
          "Next", &SplitAbslTicketDispenser::Next))));
}
TEST(LockTypesTest, AbslTicketDispenserMayBeShared) {
  EXPECT_TRUE(Shareable(MayShare(Operations<AbslTicketDispenser>().Op(
      "Next", &AbslTicketDispenser::Next))));
}

TEST(LockTypesTest, SplitReaderCacheIsNotLinearizable) {
  EXPECT_TRUE(
      CaughtAsNotLinearizable(IsReportedRacy(Operations<SplitReaderCache>().Op(
          "Session", &SplitReaderCache::Session, Range(1, 2)))));
}
TEST(LockTypesTest, ReaderCacheMayBeShared) {
  EXPECT_TRUE(Shareable(MayShare(Operations<ReaderCache>().Op(
      "Session", &ReaderCache::Session, Range(1, 2)))));
}

TEST(LockTypesTest, SplitSpinStockIsNotLinearizable) {
  EXPECT_TRUE(CaughtAsNotLinearizable(
      IsReportedRacy(Operations<SplitSpinStock>()
                         .Op("Take", &SplitSpinStock::Take, Range(1, 2))
                         .Op("Left", &SplitSpinStock::Left))));
}
TEST(LockTypesTest, SpinStockMayBeShared) {
  EXPECT_TRUE(Shareable(MayShare(Operations<SpinStock>()
                                     .Op("Take", &SpinStock::Take, Range(1, 2))
                                     .Op("Left", &SpinStock::Left))));
}

TEST(LockTypesTest, SplitAtomicQuotaIsNotLinearizable) {
  EXPECT_TRUE(CaughtAsNotLinearizable(
      IsReportedRacy(Operations<SplitAtomicQuota>()
                         .Op("TryTake", &SplitAtomicQuota::TryTake)
                         .Op("Used", &SplitAtomicQuota::Used))));
}
TEST(LockTypesTest, AtomicQuotaMayBeShared) {
  EXPECT_TRUE(Shareable(MayShare(Operations<AtomicQuota>()
                                     .Op("TryTake", &AtomicQuota::TryTake)
                                     .Op("Used", &AtomicQuota::Used))));
}

TEST(LockTypesTest, StaleCasBalanceIsNotLinearizable) {
  EXPECT_TRUE(CaughtAsNotLinearizable(
      IsReportedRacy(Operations<StaleCasBalance>()
                         .Op("Deposit", &StaleCasBalance::Deposit, Range(1, 3))
                         .Op("Balance", &StaleCasBalance::Balance))));
}
TEST(LockTypesTest, CasBalanceMayBeShared) {
  EXPECT_TRUE(
      Shareable(MayShare(Operations<CasBalance>()
                             .Op("Deposit", &CasBalance::Deposit, Range(1, 3))
                             .Op("Balance", &CasBalance::Balance))));
}

TEST(LockTypesTest, SplitHighWaterMarkIsNotLinearizable) {
  EXPECT_TRUE(CaughtAsNotLinearizable(
      IsReportedRacy(Operations<SplitHighWaterMark>()
                         .Op("Offer", &SplitHighWaterMark::Offer, Range(1, 4))
                         .Op("Mark", &SplitHighWaterMark::Mark))));
}
TEST(LockTypesTest, HighWaterMarkMayBeShared) {
  EXPECT_TRUE(
      Shareable(MayShare(Operations<HighWaterMark>()
                             .Op("Offer", &HighWaterMark::Offer, Range(1, 4))
                             .Op("Mark", &HighWaterMark::Mark))));
}

}  // namespace
}  // namespace racelab
