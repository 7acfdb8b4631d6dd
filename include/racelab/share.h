// include/racelab/share.h
//
// "May I share one instance of my class across threads?" racelab answers it
// inside a GoogleTest test:
//
//   TEST(MyCacheTest, OneInstanceMayBeShared) {
//     EXPECT_TRUE(racelab::MayShare<MyCache>(
//         [] { return std::make_unique<MyCache>(); },
//         {{"put", [](MyCache& c, const racelab::Call& call) {
//             c.Put(call.thread, call.number);
//             return std::string();  // or a message saying what was wrong
//           }},
//          {"get", [](MyCache& c, const racelab::Call&) {
//             return c.Get(0) >= 0 ? std::string() : "negative size";
//           }}}));
//   }
//
// MayShare() hammers instances made by the factory from several
// threads at once, one instance shared by all of them per round, in a
// child process of the test binary (so a ThreadSanitizer report, a crash
// or a hang fails the test instead of killing it). It fails, with the
// evidence, on a TSan report (both stacks, in your code), on wrong results
// (your operations' messages), on a crash or a hang; every failure names
// the seed that replays racelab's own choices (delays, order, operation
// mix; the OS scheduler is not replayed): RACELAB_SEED=<seed>. A class
// that already fails on ONE thread is reported as failing without
// concurrency, not as a race. In a build without ThreadSanitizer only
// wrong results, crashes and hangs can be seen: races that give no wrong
// result need the TSan build.
//
// Declare the operations with racelab::Operations<T> (operations.h) so that
// each returns its result, and MayShare() also runs small scenarios of them
// from several threads and checks each history against the class itself:
// results that no one-at-a-time order of the same calls gives fail it as
// "not linearizable". That finds race conditions with no data race (every
// access locked, an operation split over two locked sections), in both
// builds.
//
// IsReportedRacy() is the companion for a class you KNOW is racy: it
// succeeds only if the run is caught (a TSan report, or wrong results),
// so a suite can pin that its detector is alive.
//
// Thread-safety: call from a test's body, on the test's main thread.

#ifndef RACELAB_INCLUDE_RACELAB_SHARE_H_
#define RACELAB_INCLUDE_RACELAB_SHARE_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "gtest/gtest.h"
#include "racelab/operations.h"

namespace racelab {

// One operation on the shared object. `run` returns "" if the call's
// result was right, or a message saying what was wrong.
template <typename T>
struct Operation {
  std::string name;
  std::function<std::string(T& object, const Call& call)> run;
};

struct ShareOptions {
  int threads = 4;  // threads sharing one instance: 2 .. 64
  // Rounds of calls, one after the other. Half the rounds (chosen by the
  // seed) share a fresh instance, the other half one long-lived instance
  // that serves calls for the whole run: races on a new object and races
  // that need many calls on one object both occur.
  int rounds = 1000;
  int calls_per_thread = 8;  // per thread and round
  // Hammering stops after half of it; a run with no progress for half of
  // it (under ThreadSanitizer at least 10 s: TSan's first report stops
  // every thread while it reads the stacks' symbols) is reported as a hang
  // naming the operation it is stuck in (the child is killed a half
  // deadline after that at the latest).
  int deadline_ms = 2000;
  // 0: RACELAB_SEED from the environment, else a fresh one (printed).
  uint64_t seed = 0;
  // More ThreadSanitizer suppressions, in TSan's syntax (one per line),
  // for third-party code you cannot fix.
  std::string tsan_suppressions;

  // The history check (operations declared with Operations<T>::Op): each
  // scenario is `scenario_prefix` calls on one thread, then
  // `scenario_threads` threads x `scenario_calls` calls at once, then
  // `scenario_suffix` calls on one thread; it runs `invocations` times on a
  // fresh instance each, and every history is checked against the class
  // replayed one call at a time. 0 scenarios: no history check.
  int scenarios = 30;        // 0 .. 1000
  int invocations = 100;     // per scenario: 1 .. 100000
  int scenario_threads = 2;  // 2 .. 3
  int scenario_calls = 3;    // per thread: 1 .. 5
  int scenario_prefix = 1;   // 0 .. 5
  int scenario_suffix = 1;   // 0 .. 5
  // A cap on time, not the budget: the budget is `scenarios` x
  // `invocations`, which an idle 2-core machine runs in well under a
  // second for a small class, and a loaded one in tens of seconds. The
  // phase stops starting scenarios after `history_ms` (and says how many
  // ran); a failing scenario finishes its runs within as much again, and
  // its minimisation takes one more `history_ms` at most (the child is
  // killed at 1.5x `deadline_ms` + 3x `history_ms` + `deadline_ms`). A
  // cap of 1.5 s (the earlier default) let a loaded machine run 2 of 30
  // scenarios and pass a racy class. A history whose search needs more
  // than `search_budget` replayed calls (and state copies, for a copyable
  // class with ==) is "unknown", never a failure.
  int history_ms = 60000;
  int64_t search_budget = 200000;
  // How the threads of a scenario interleave. "pct" (the default) and
  // "random": racelab's controlled scheduler runs them one at a time and
  // switches between them only at scheduling points (every load, store
  // and function boundary of the code racelab_add_share_test compiles;
  // pthread, semaphore, futex, yield and sleep calls everywhere), where
  // the seed says: each of a scenario's `invocations` runs is one
  // schedule, the same on any machine at any load, whatever the lock.
  // "pct" is Probabilistic Concurrency Testing with `pct_depth` (d - 1
  // forced switches per schedule); "random" a random walk, a switch
  // possible at every point. "os": the OS scheduler, with switch points
  // after pthread unlocks only (its failures do not replay).
  std::string schedule = "pct";
  int pct_depth = 3;  // 1 .. 10
  // Replays one failing scenario, as a failure's message prints it: with
  // `seed` set to the failure's, only scenario `replay_scenario`, made
  // smaller by `replay_steps` ("drop 0, prefix 2, simpler 1.0": each step
  // on the calls the steps before it left; share/history/scenario_steps.h),
  // `invocations` times; with `replay_schedule` (>= 1, under "pct" or
  // "random"), every run after the first in that one schedule, so the same
  // history comes back every time. -1: no replay.
  int replay_scenario = -1;
  std::string replay_steps;
  int replay_schedule = -1;
};

namespace share_internal {

// The type-erased subject the templates below hand over.
struct Subject {
  std::function<std::shared_ptr<void>()> make;  // empty: no factory given
  // What the hammer calls: the per-call checks, and each recorded
  // operation with its result dropped (AsHammerOperation).
  std::vector<
      std::pair<std::string, std::function<std::string(void*, const Call&)>>>
      operations;
  // What histories are made of.
  std::vector<RecordedOperation> recorded;
  // Set if T is copyable and has ==: the history search's state cache
  // (share/history/history_check.h) copies and compares instances with them.
  std::function<std::shared_ptr<void>(const void*)> copy_state;
  std::function<bool(const void*, const void*)> same_state;
};

// A recorded operation as the hammer calls it: arguments picked by the
// call's own numbers from a set drawn once, the result dropped.
std::function<std::string(void*, const Call&)> AsHammerOperation(
    RecordedOperation op);

enum class Expectation { kShareable, kReportedRacy };

::testing::AssertionResult Check(const Subject& subject,
                                 const ShareOptions& options,
                                 Expectation expectation);

template <typename T>
Subject Erase(std::function<std::unique_ptr<T>()> factory,
              std::vector<Operation<T>> operations) {
  Subject subject;
  subject.make = [factory = std::move(factory)]() -> std::shared_ptr<void> {
    return std::shared_ptr<T>(factory());
  };
  for (Operation<T>& op : operations) {
    subject.operations.emplace_back(
        std::move(op.name),
        [run = std::move(op.run)](void* object, const Call& call) {
          return run(*static_cast<T*>(object), call);
        });
  }
  return subject;
}

template <typename T>
Subject Erase(const Operations<T>& operations) {
  Subject subject;
  if (operations.factory()) {
    subject.make = [factory = operations.factory()]() -> std::shared_ptr<void> {
      return std::shared_ptr<T>(factory());
    };
  }
  for (const auto& [name, check] : operations.checks()) {
    subject.operations.emplace_back(
        name, [check = check](void* object, const Call& call) {
          return check(*static_cast<T*>(object), call);
        });
  }
  for (const RecordedOperation& op : operations.recorded()) {
    subject.operations.emplace_back(op.name, AsHammerOperation(op));
    subject.recorded.push_back(op);
  }
  if constexpr (std::is_copy_constructible_v<T> &&
                IsEqualityComparable<T>::value) {
    subject.copy_state = [](const void* object) -> std::shared_ptr<void> {
      return std::make_shared<T>(*static_cast<const T*>(object));
    };
    subject.same_state = [](const void* a, const void* b) {
      return static_cast<bool>(*static_cast<const T*>(a) ==
                               *static_cast<const T*>(b));
    };
  }
  return subject;
}

}  // namespace share_internal

// True if this test binary runs under ThreadSanitizer (it links racelab's
// TSan flavour): only then are races that give no wrong result seen.
bool ThreadSanitizerActive();

// Succeeds if one instance may be shared: no report, no wrong result, no
// crash or hang. Use as EXPECT_TRUE(MayShare<T>(...)).
template <typename T>
::testing::AssertionResult MayShare(std::function<std::unique_ptr<T>()> factory,
                                    std::vector<Operation<T>> operations,
                                    const ShareOptions& options = {}) {
  return share_internal::Check(
      share_internal::Erase<T>(std::move(factory), std::move(operations)),
      options, share_internal::Expectation::kShareable);
}

// The same for operations declared with racelab::Operations<T>: besides
// the hammer, histories of their results are checked against the class
// itself (operations.h). Use as EXPECT_TRUE(MayShare(Operations<T>()...)).
template <typename T>
::testing::AssertionResult MayShare(const Operations<T>& operations,
                                    const ShareOptions& options = {}) {
  return share_internal::Check(share_internal::Erase(operations), options,
                               share_internal::Expectation::kShareable);
}

// Succeeds if sharing one instance IS caught: a ThreadSanitizer report,
// wrong results, or a history no one-at-a-time order explains (a crash
// alone proves the bug, not the detector).
template <typename T>
::testing::AssertionResult IsReportedRacy(const Operations<T>& operations,
                                          const ShareOptions& options = {}) {
  return share_internal::Check(share_internal::Erase(operations), options,
                               share_internal::Expectation::kReportedRacy);
}

// Succeeds if sharing one instance IS caught: a ThreadSanitizer report or
// wrong results (a crash alone proves the bug, not the detector).
template <typename T>
::testing::AssertionResult IsReportedRacy(
    std::function<std::unique_ptr<T>()> factory,
    std::vector<Operation<T>> operations, const ShareOptions& options = {}) {
  return share_internal::Check(
      share_internal::Erase<T>(std::move(factory), std::move(operations)),
      options, share_internal::Expectation::kReportedRacy);
}

}  // namespace racelab

#endif  // RACELAB_INCLUDE_RACELAB_SHARE_H_
