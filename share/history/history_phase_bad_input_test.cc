// share/history/history_phase_bad_input_test.cc
//
// MayShare()'s history check given bad input (part of history_phase_test):
// each a clear message and a failed check, never a hang or a crash of the
// test binary.

#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <random>
#include <stdexcept>
#include <string>

#include "absl/strings/match.h"
#include "gtest/gtest.h"
#include "racelab/operations.h"
#include "racelab/share.h"
#include "share/exhibits/ticket_dispenser.h"

namespace racelab {
namespace {

using namespace racelab::exhibits;  // NOLINT: the exhibits are the subject

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
  options.replay_steps = "drop 9";
  EXPECT_TRUE(FailsSaying(
      MayShare(Operations<TicketDispenser>().Op("Next", &TicketDispenser::Next),
               options),
      "cannot replay: replay_steps on scenario 0: step \"drop 9\" does not "
      "fit: the scenario has 8 calls left there"));
}

TEST(HistoryCheckBadInputTest, ReplayStepsThatCannotBeReadAreSaid) {
  ShareOptions options;
  options.seed = 7;
  options.replay_scenario = 0;
  options.replay_steps = "drop 1, shrink 2";
  EXPECT_TRUE(FailsSaying(
      MayShare(Operations<TicketDispenser>().Op("Next", &TicketDispenser::Next),
               options),
      "replay_steps: cannot read step \"shrink 2\""));
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
