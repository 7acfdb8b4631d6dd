// share/cost/cost_test.cc
//
// racelab::Costs<T> (include/racelab/cost.h) registers one family per
// strategy and measures them; bad declarations are refused with a message
// naming what is wrong; a factory that throws errors the benchmark, never
// the process.

#include "racelab/cost.h"

#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "benchmark/benchmark.h"
#include "gtest/gtest.h"
#include "share/cost/measured_runs.h"

namespace racelab {
namespace {

class TicketCounter {
 public:
  int Next() { return next_++; }

 private:
  int next_ = 0;
};

class NoCopies {
 public:
  NoCopies() = default;
  NoCopies(const NoCopies&) = delete;
  NoCopies& operator=(const NoCopies&) = delete;
  int Read(int i) const { return i; }
};

TEST(CostsTest, EveryStrategyIsMeasuredOverTheThreadCounts) {
  Costs<TicketCounter>("TicketCounter", Operations<TicketCounter>().Op(
                                            "Next", &TicketCounter::Next))
      .Threads({1, 2})
      .Register();
  const std::map<std::string, Measured> runs = RunMatching("^TicketCounter/");
  for (const char* name :
       {"TicketCounter/construction", "TicketCounter/copy",
        "TicketCounter/shared_unlocked/wait_us:0/manual_time/threads:1",
        "TicketCounter/locked/wait_us:0/manual_time/threads:1",
        "TicketCounter/locked/wait_us:0/manual_time/threads:2",
        "TicketCounter/per_call/wait_us:0/manual_time/threads:2",
        "TicketCounter/copy_per_call/wait_us:0/manual_time/threads:2",
        "TicketCounter/per_thread/wait_us:0/manual_time/threads:2",
        "TicketCounter/pool/wait_us:0/manual_time/threads:2"}) {
    ASSERT_TRUE(runs.count(name)) << name;
    const Measured& run = runs.at(name);
    EXPECT_FALSE(run.error) << name << ": " << run.message;
    EXPECT_GT(run.iterations, 0) << name;
    EXPECT_GT(run.counters.at("items_per_second"), 0) << name;
  }
  // The unlocked instance is the one-thread reference only.
  EXPECT_FALSE(
      runs.count("TicketCounter/shared_unlocked/wait_us:0/manual_time/"
                 "threads:2"));
  const Measured& locked =
      runs.at("TicketCounter/locked/wait_us:0/manual_time/threads:2");
  EXPECT_GT(locked.counters.at("p99_us"), 0);
  EXPECT_GT(locked.counters.at("first_call_us"), 0);
  // Allocations are counted only when racelab::cost_allocations is linked
  // (allocation_counter_test.cc); no call threw.
  EXPECT_FALSE(locked.counters.count("allocs_per_call"));
  EXPECT_FALSE(locked.counters.count("threw_per_call"));
}

TEST(CostsTest, CallsThatThrowAreCounted) {
  Costs<TicketCounter>(
      "ThrowingCall",
      Operations<TicketCounter>().Op("Refuse",
                                     [](TicketCounter& counter) {
                                       if (counter.Next() >= 0)
                                         throw std::runtime_error("refused");
                                       return 0;
                                     }))
      .Threads({1})
      .Locked()
      .Register();
  const std::map<std::string, Measured> runs = RunMatching("^ThrowingCall/");
  const Measured& locked =
      runs.at("ThrowingCall/locked/wait_us:0/manual_time/threads:1");
  ASSERT_FALSE(locked.error) << locked.message;
  EXPECT_EQ(locked.counters.at("threw_per_call"), 1.0);
}

TEST(CostsTest, TheWaitIsPartOfTheCall) {
  Costs<TicketCounter>("WaitingCounter", Operations<TicketCounter>().Op(
                                             "Next", &TicketCounter::Next))
      .Wait(std::chrono::microseconds(200))
      .Threads({2})
      .Locked()
      .Register();
  const std::map<std::string, Measured> runs = RunMatching("^WaitingCounter/");
  const Measured& locked =
      runs.at("WaitingCounter/locked/wait_us:200/manual_time/threads:2");
  ASSERT_FALSE(locked.error) << locked.message;
  // A lock held across a 200 us wait: one call at a time, so never more
  // than 1 / 200 us = 5,000 calls per second, whatever the thread count.
  EXPECT_LT(locked.counters.at("items_per_second"), 5000);
  EXPECT_GE(locked.counters.at("p99_us"), 200);
}

TEST(CostsTest, AFactoryThatThrowsErrorsTheBenchmarkOnly) {
  Costs<NoCopies>("ThrowingFactory",
                  Operations<NoCopies>()
                      .Factory([]() -> std::unique_ptr<NoCopies> {
                        throw std::runtime_error("no config file");
                      })
                      .Op("Read", &NoCopies::Read, Range(0, 3)))
      .Threads({1, 2})
      .Register();
  const std::map<std::string, Measured> runs = RunMatching("^ThrowingFactory/");
  ASSERT_FALSE(runs.empty());
  for (const auto& [name, run] : runs) {
    EXPECT_TRUE(run.error) << name;
    EXPECT_TRUE(absl::StrContains(run.message,
                                  "racelab: the factory threw: no config file"))
        << name << ": " << run.message;
  }
  // No copy calibration or copy strategy for a class that cannot be copied.
  EXPECT_FALSE(runs.count("ThrowingFactory/copy"));
  EXPECT_FALSE(
      runs.count("ThrowingFactory/copy_per_call/wait_us:0/manual_time/"
                 "threads:1"));
}

TEST(CostsTest, BadDeclarationsAreRefusedWithAMessage) {
  const Operations<TicketCounter> operations =
      Operations<TicketCounter>().Op("Next", &TicketCounter::Next);
  struct Case {
    std::function<void()> register_it;
    const char* message;
  };
  const Case cases[] = {
      {[&] { Costs<TicketCounter>("", operations).Register(); },
       "give the class a name"},
      {[&] { Costs<TicketCounter>("A/B", operations).Register(); },
       "with no '/'"},
      {[] {
         Costs<TicketCounter>("NoOps", Operations<TicketCounter>()).Register();
       },
       "no operation to call"},
      {[&] { Costs<TicketCounter>("Pool0", operations).Pool(0).Register(); },
       "Pool(0): a pool holds 1..1024 instances"},
      {[&] {
         Costs<TicketCounter>("Threads0", operations)
             .Threads({1, 0})
             .Register();
       },
       "thread count 0 is out of 1..1024"},
      {[&] {
         Costs<TicketCounter>("Threads2000", operations)
             .Threads({2000})
             .Register();
       },
       "thread count 2000 is out of 1..1024"},
      {[&] {
         Costs<TicketCounter>("NegativeWait", operations)
             .Wait(std::chrono::microseconds(-1))
             .Register();
       },
       "a wait must not be negative"},
  };
  for (const Case& bad : cases) {
    try {
      bad.register_it();
      ADD_FAILURE() << "accepted; expected: " << bad.message;
    } catch (const std::invalid_argument& e) {
      EXPECT_TRUE(absl::StrContains(e.what(), bad.message))
          << e.what() << "\nexpected: " << bad.message;
    }
  }
}

}  // namespace
}  // namespace racelab
