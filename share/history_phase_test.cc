// share/history_phase_test.cc
//
// MayShare()'s history check on the race-condition exhibits (every access
// locked, one operation split over two locked sections: no data race for
// ThreadSanitizer to see), through the public API only: each split class
// is caught as "not linearizable" in both builds with nothing but its
// operations declared, and each safe twin passes. Then bad input, each
// with a clear message.

#include <cstdio>
#include <memory>
#include <random>
#include <stdexcept>
#include <string>

#include "absl/strings/match.h"
#include "gtest/gtest.h"
#include "racelab/operations.h"
#include "racelab/share.h"
#include "share/exhibits/account.h"
#include "share/exhibits/expiring_token.h"
#include "share/exhibits/hit_counter.h"
#include "share/exhibits/locked_params_client.h"
#include "share/exhibits/seat_booking.h"
#include "share/exhibits/ticket_dispenser.h"

namespace racelab {
namespace {

using namespace racelab::exhibits;  // NOLINT: the exhibits are the subject

// Caught, and caught by the history check (not by anything else).
::testing::AssertionResult CaughtAsNotLinearizable(
    const ::testing::AssertionResult& result) {
  if (!result) return result;
  if (!absl::StrContains(result.message(), "not linearizable")) {
    return ::testing::AssertionFailure()
           << "caught, but not by the history check: " << result.message();
  }
  return result;
}

TEST(HistoryCheckTest, SplitTicketDispenserIsNotLinearizable) {
  EXPECT_TRUE(CaughtAsNotLinearizable(
      IsReportedRacy(Operations<SplitTicketDispenser>().Op(
          "Next", &SplitTicketDispenser::Next))));
}
TEST(HistoryCheckTest, TicketDispenserMayBeShared) {
  EXPECT_TRUE(MayShare(
      Operations<TicketDispenser>().Op("Next", &TicketDispenser::Next)));
}

TEST(HistoryCheckTest, LockedParamsClientIsNotLinearizable) {
  EXPECT_TRUE(CaughtAsNotLinearizable(
      IsReportedRacy(Operations<LockedParamsClient>().Op(
          "GoodsDetail", &LockedParamsClient::GoodsDetail, Range(1, 3)))));
}
TEST(HistoryCheckTest, PerRequestParamsClientMayBeShared) {
  EXPECT_TRUE(MayShare(Operations<PerRequestParamsClient>().Op(
      "GoodsDetail", &PerRequestParamsClient::GoodsDetail, Range(1, 3))));
}

TEST(HistoryCheckTest, SplitHitCounterIsNotLinearizable) {
  EXPECT_TRUE(CaughtAsNotLinearizable(
      IsReportedRacy(Operations<SplitHitCounter>()
                         .Op("Hit", &SplitHitCounter::Hit, Range(0, 1))
                         .Op("Get", &SplitHitCounter::Get, Range(0, 1)))));
}
TEST(HistoryCheckTest, HitCounterMayBeShared) {
  EXPECT_TRUE(MayShare(Operations<HitCounter>()
                           .Op("Hit", &HitCounter::Hit, Range(0, 1))
                           .Op("Get", &HitCounter::Get, Range(0, 1))));
}

TEST(HistoryCheckTest, SplitSeatBookingIsNotLinearizable) {
  EXPECT_TRUE(CaughtAsNotLinearizable(IsReportedRacy(
      Operations<SplitSeatBooking>()
          .Op("Book", &SplitSeatBooking::Book, Range(0, 1), Range(0, 2))
          .Op("Holder", &SplitSeatBooking::Holder, Range(0, 1)))));
}
TEST(HistoryCheckTest, SeatBookingMayBeShared) {
  EXPECT_TRUE(
      MayShare(Operations<SeatBooking>()
                   .Op("Book", &SeatBooking::Book, Range(0, 1), Range(0, 2))
                   .Op("Holder", &SeatBooking::Holder, Range(0, 1))));
}

TEST(HistoryCheckTest, SplitAccountIsNotLinearizable) {
  EXPECT_TRUE(CaughtAsNotLinearizable(
      IsReportedRacy(Operations<SplitAccount>()
                         .Op("Withdraw", &SplitAccount::Withdraw, Range(4, 7))
                         .Op("Balance", &SplitAccount::Balance))));
}
TEST(HistoryCheckTest, AccountMayBeShared) {
  EXPECT_TRUE(MayShare(Operations<Account>()
                           .Op("Withdraw", &Account::Withdraw, Range(4, 7))
                           .Op("Balance", &Account::Balance)));
}

TEST(HistoryCheckTest, SplitExpiringTokenIsNotLinearizable) {
  EXPECT_TRUE(CaughtAsNotLinearizable(
      IsReportedRacy(Operations<SplitExpiringToken>()
                         .Op("Token", &SplitExpiringToken::Token)
                         .Op("Fetches", &SplitExpiringToken::Fetches))));
}
TEST(HistoryCheckTest, ExpiringTokenMayBeShared) {
  EXPECT_TRUE(MayShare(Operations<ExpiringToken>()
                           .Op("Token", &ExpiringToken::Token)
                           .Op("Fetches", &ExpiringToken::Fetches)));
}

TEST(HistoryCheckTest, TheFailureExplainsItself) {
  const ::testing::AssertionResult result =
      MayShare(Operations<SplitTicketDispenser>().Op(
          "Next", &SplitTicketDispenser::Next));
  ASSERT_FALSE(result);
  const std::string message = result.message();
  for (const char* part :
       {"one instance may NOT be shared: not linearizable", "runs of scenario",
        "| thread 0", "| thread 1", "Next() -> ", "overlapped: t0#",
        "first call no order explains: ", "replayed one at a time after [",
        "RACELAB_SEED="}) {
    EXPECT_TRUE(absl::StrContains(message, part))
        << "no \"" << part << "\" in:\n"
        << message;
  }
  std::printf("%s\n", message.c_str());
}

}  // namespace
}  // namespace racelab
