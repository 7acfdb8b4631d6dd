// share/history_phase_test.cc
//
// MayShare()'s history check on the race-condition exhibits (every access
// locked, one operation split over two locked sections: no data race for
// ThreadSanitizer to see), through the public API only: each split class
// is caught as "not linearizable" in both builds with nothing but its
// operations declared, and each safe twin passes. Then bad input, each
// with a clear message.

#include <condition_variable>
#include <cstdio>
#include <deque>
#include <memory>
#include <mutex>
#include <random>
#include <stdexcept>
#include <string>
#include <utility>

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
  // The verdict on stdout, for scripts/share-rate (EXPECT_TRUE shows a
  // success's message nowhere).
  std::printf("%s\n", result.message());
  return result;
}

// A check that must pass, its verdict printed as above.
::testing::AssertionResult Shareable(const ::testing::AssertionResult& result) {
  std::printf("%s\n", result.message());
  return result;
}

TEST(HistoryCheckTest, SplitTicketDispenserIsNotLinearizable) {
  EXPECT_TRUE(CaughtAsNotLinearizable(
      IsReportedRacy(Operations<SplitTicketDispenser>().Op(
          "Next", &SplitTicketDispenser::Next))));
}
TEST(HistoryCheckTest, TicketDispenserMayBeShared) {
  EXPECT_TRUE(Shareable(MayShare(
      Operations<TicketDispenser>().Op("Next", &TicketDispenser::Next))));
}

TEST(HistoryCheckTest, LockedParamsClientIsNotLinearizable) {
  EXPECT_TRUE(CaughtAsNotLinearizable(
      IsReportedRacy(Operations<LockedParamsClient>().Op(
          "GoodsDetail", &LockedParamsClient::GoodsDetail, Range(1, 3)))));
}
TEST(HistoryCheckTest, PerRequestParamsClientMayBeShared) {
  EXPECT_TRUE(Shareable(MayShare(Operations<PerRequestParamsClient>().Op(
      "GoodsDetail", &PerRequestParamsClient::GoodsDetail, Range(1, 3)))));
}

TEST(HistoryCheckTest, SplitHitCounterIsNotLinearizable) {
  EXPECT_TRUE(CaughtAsNotLinearizable(
      IsReportedRacy(Operations<SplitHitCounter>()
                         .Op("Hit", &SplitHitCounter::Hit, Range(0, 1))
                         .Op("Get", &SplitHitCounter::Get, Range(0, 1)))));
}
TEST(HistoryCheckTest, HitCounterMayBeShared) {
  EXPECT_TRUE(
      Shareable(MayShare(Operations<HitCounter>()
                             .Op("Hit", &HitCounter::Hit, Range(0, 1))
                             .Op("Get", &HitCounter::Get, Range(0, 1)))));
}

TEST(HistoryCheckTest, SplitSeatBookingIsNotLinearizable) {
  EXPECT_TRUE(CaughtAsNotLinearizable(IsReportedRacy(
      Operations<SplitSeatBooking>()
          .Op("Book", &SplitSeatBooking::Book, Range(0, 1), Range(0, 2))
          .Op("Holder", &SplitSeatBooking::Holder, Range(0, 1)))));
}
TEST(HistoryCheckTest, SeatBookingMayBeShared) {
  EXPECT_TRUE(Shareable(
      MayShare(Operations<SeatBooking>()
                   .Op("Book", &SeatBooking::Book, Range(0, 1), Range(0, 2))
                   .Op("Holder", &SeatBooking::Holder, Range(0, 1)))));
}

TEST(HistoryCheckTest, SplitAccountIsNotLinearizable) {
  EXPECT_TRUE(CaughtAsNotLinearizable(
      IsReportedRacy(Operations<SplitAccount>()
                         .Op("Withdraw", &SplitAccount::Withdraw, Range(4, 7))
                         .Op("Balance", &SplitAccount::Balance))));
}
TEST(HistoryCheckTest, AccountMayBeShared) {
  EXPECT_TRUE(
      Shareable(MayShare(Operations<Account>()
                             .Op("Withdraw", &Account::Withdraw, Range(4, 7))
                             .Op("Balance", &Account::Balance))));
}

TEST(HistoryCheckTest, SplitExpiringTokenIsNotLinearizable) {
  EXPECT_TRUE(CaughtAsNotLinearizable(
      IsReportedRacy(Operations<SplitExpiringToken>()
                         .Op("Token", &SplitExpiringToken::Token)
                         .Op("Fetches", &SplitExpiringToken::Fetches))));
}
TEST(HistoryCheckTest, ExpiringTokenMayBeShared) {
  EXPECT_TRUE(Shareable(MayShare(Operations<ExpiringToken>()
                                     .Op("Token", &ExpiringToken::Token)
                                     .Op("Fetches", &ExpiringToken::Fetches))));
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
        "minimised: prefix: ", "(failed in ", "options.replay_scenario = ",
        "options.replay_without = {", "RACELAB_SEED="}) {
    EXPECT_TRUE(absl::StrContains(message, part))
        << "no \"" << part << "\" in:\n"
        << message;
  }
  std::printf("%s\n", message.c_str());
}

// The replay a failure prints: scenario 0 of seed 7 is 1 + 2 x 3 + 1 calls
// of Next(); dropping these leaves one Next() on each thread.
TEST(HistoryCheckTest, AMinimisedScenarioReplaysFromTheMessage) {
  ShareOptions options;
  options.seed = 7;
  options.replay_scenario = 0;
  options.replay_without = {0, 0, 0, 2, 2, 2};
  EXPECT_TRUE(CaughtAsNotLinearizable(
      IsReportedRacy(Operations<SplitTicketDispenser>().Op(
                         "Next", &SplitTicketDispenser::Next),
                     options)));
}

// A void operation may check with GoogleTest's own macros; a failed
// expectation in any call counts as a wrong result.
TEST(HistoryCheckTest, AVoidOperationMayUseExpectations) {
  EXPECT_TRUE(
      Shareable(MayShare(Operations<HitCounter>()
                             .Op(
                                 "HitThenCount",
                                 [](HitCounter& counter, int key) {
                                   counter.Hit(key);
                                   EXPECT_GE(counter.Get(key), 1);
                                 },
                                 Range(0, 1))
                             .Op("Get", &HitCounter::Get, Range(0, 1)))));
}

TEST(HistoryCheckTest, AFailedExpectationInsideAnOperationFailsTheCheck) {
  const ::testing::AssertionResult result =
      MayShare(Operations<HitCounter>().Op(
          "HitThenCount",
          [](HitCounter& counter, int key) {
            counter.Hit(key);
            EXPECT_GE(counter.Get(key), 1000) << "a check that cannot hold";
          },
          Range(0, 1)));
  EXPECT_FALSE(result);
  EXPECT_TRUE(absl::StrContains(result.message(), "a check that cannot hold"))
      << result.message();
}

// Bad input: each a clear message and a failed check, never a hang or a
// crash of the test binary.

::testing::AssertionResult FailsSaying(const ::testing::AssertionResult& result,
                                       const std::string& words) {
  if (result) {
    return ::testing::AssertionFailure()
           << "the check passed: " << result.message();
  }
  if (!absl::StrContains(result.message(), words)) {
    return ::testing::AssertionFailure()
           << "no \"" << words << "\" in: " << result.message();
  }
  return ::testing::AssertionSuccess();
}

// Thread-safe, and random: no race, and nothing a replay can repeat.
class Dice {
 public:
  int Roll() {
    std::lock_guard<std::mutex> lock(mu_);
    return std::uniform_int_distribution<int>(1, 6)(random_);
  }

 private:
  std::mutex mu_;
  std::mt19937 random_{std::random_device()()};  // guarded by mu_
};

TEST(HistoryCheckBadInputTest, NonDeterministicOperationsAreNamed) {
  EXPECT_TRUE(FailsSaying(MayShare(Operations<Dice>().Op("Roll", &Dice::Roll)),
                          "the operations are non-deterministic: Roll()"));
}

class Vault {
 public:
  int Open(int code) {
    throw std::invalid_argument("wrong code " + std::to_string(code));
  }
};

TEST(HistoryCheckBadInputTest, AnOperationThatAlwaysThrowsIsNamed) {
  EXPECT_TRUE(FailsSaying(
      MayShare(Operations<Vault>().Op("Open", &Vault::Open, Range(1, 3))),
      "Open threw on every one of its"));
}

// A pop that waits for a push: one-at-a-time replays cannot run it.
class WaitingQueue {
 public:
  void Push(int value) {
    std::lock_guard<std::mutex> lock(mu_);
    items_.push_back(value);
    ready_.notify_one();
  }
  int Pop() {
    std::unique_lock<std::mutex> lock(mu_);
    ready_.wait(lock, [this] { return !items_.empty(); });
    const int value = items_.front();
    items_.pop_front();
    return value;
  }

 private:
  std::mutex mu_;
  std::condition_variable ready_;
  std::deque<int> items_;  // guarded by mu_
};

TEST(HistoryCheckBadInputTest, AnOperationThatBlocksAloneIsNamed) {
  ShareOptions options;
  options.deadline_ms = 400;  // the watchdog speaks after 200 ms
  options.scenario_prefix = 0;
  options.seed = 7;
  // Only Pop: the very first replay blocks.
  EXPECT_TRUE(FailsSaying(
      MayShare(Operations<WaitingQueue>().Op("Pop", &WaitingQueue::Pop),
               options),
      "Pop, called alone on one thread (call 0): it blocks when no other "
      "thread runs"));
}

TEST(HistoryCheckBadInputTest, AFactoryThatThrowsIsSaid) {
  EXPECT_TRUE(FailsSaying(
      MayShare(Operations<TicketDispenser>()
                   .Factory([]() -> std::unique_ptr<TicketDispenser> {
                     throw std::runtime_error("no config file");
                   })
                   .Op("Next", &TicketDispenser::Next)),
      "the factory failed: it threw: no config file"));
}

class NeedsName {
 public:
  explicit NeedsName(std::string name) : name_(std::move(name)) {}
  std::string Name() const { return name_; }

 private:
  std::string name_;
};

TEST(HistoryCheckBadInputTest, AClassWithoutDefaultConstructorNeedsAFactory) {
  EXPECT_TRUE(FailsSaying(
      MayShare(Operations<NeedsName>().Op("Name", &NeedsName::Name)),
      "no factory given, and the class is not default-constructible"));
}

TEST(HistoryCheckBadInputTest, WithAFactoryItIsChecked) {
  EXPECT_TRUE(
      MayShare(Operations<NeedsName>()
                   .Factory([] { return std::make_unique<NeedsName>("a"); })
                   .Op("Name", &NeedsName::Name)));
}

TEST(HistoryCheckBadInputTest, ScenarioSizesOutOfRangeAreRefused) {
  const Operations<TicketDispenser> ops =
      Operations<TicketDispenser>().Op("Next", &TicketDispenser::Next);
  ShareOptions options;
  options.scenario_threads = 4;
  EXPECT_TRUE(FailsSaying(MayShare(ops, options),
                          "scenario_threads must be 2..3, got 4"));
  options = {};
  options.scenario_calls = 0;
  EXPECT_TRUE(FailsSaying(MayShare(ops, options),
                          "scenario_calls must be 1..5, got 0"));
  options = {};
  options.scenario_suffix = 6;
  EXPECT_TRUE(FailsSaying(MayShare(ops, options),
                          "scenario_prefix and scenario_suffix must be 0..5"));
  options = {};
  options.invocations = 0;
  EXPECT_TRUE(FailsSaying(MayShare(ops, options),
                          "invocations must be 1..100000, got 0"));
}

TEST(HistoryCheckBadInputTest, AReplayThatDoesNotFitIsRefused) {
  const Operations<TicketDispenser> ops =
      Operations<TicketDispenser>().Op("Next", &TicketDispenser::Next);
  ShareOptions options;
  options.replay_scenario = 0;
  EXPECT_TRUE(FailsSaying(MayShare(ops, options),
                          "replay_scenario needs the failure's seed"));
}

TEST(HistoryCheckBadInputTest, AReplayOfCallsTheScenarioHasNotIsSaid) {
  ShareOptions options;
  options.seed = 7;
  options.replay_scenario = 0;
  options.replay_without = {9};
  EXPECT_TRUE(FailsSaying(
      MayShare(Operations<TicketDispenser>().Op("Next", &TicketDispenser::Next),
               options),
      "cannot replay: replay_without names call 9, but scenario 0 has 8 "
      "calls left there"));
}

TEST(HistoryCheckBadInputTest, ASearchOverBudgetIsUnknownNotAFailure) {
  ShareOptions options;
  options.search_budget = 1;  // every search that needs a second replay
  const ::testing::AssertionResult result =
      MayShare(Operations<TicketDispenser>().Op("Next", &TicketDispenser::Next),
               options);
  EXPECT_TRUE(result) << result.message();
  EXPECT_TRUE(absl::StrContains(result.message(),
                                "unknown: the search ran "
                                "out of budget; scenario "))
      << result.message();
}

}  // namespace
}  // namespace racelab
