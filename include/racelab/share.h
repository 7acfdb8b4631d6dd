// include/racelab/share.h
//
// "May I share one instance of my class across threads?" racelab answers it
// inside a GoogleTest test, with the class's operations declared once
// (racelab/operations.h):
//
//   TEST(MyCacheTest, OneInstanceMayBeShared) {
//     EXPECT_TRUE(racelab::MayShare(
//         racelab::Operations<MyCache>()
//             .Op("Put", &MyCache::Put, racelab::Range(0, 3),
//                 racelab::Range(0, 9))
//             .Op("Get", &MyCache::Get, racelab::Range(0, 3))));
//   }
//
// MayShare() hammers instances of the class from several threads at once,
// one instance shared by all of them per round, in a child process of the
// test binary (so a ThreadSanitizer report, a crash or a hang fails the
// test instead of killing it). Then it runs small scenarios of the
// operations from several threads under racelab's controlled scheduler and
// checks each history of results against the class itself: results that
// no one-at-a-time order of the same calls gives fail it as "not
// linearizable". That finds race conditions with no data race (every
// access locked, an operation split over two locked sections), in both
// builds. It fails, with the evidence, on a TSan report (both stacks, in
// your code), on a history no order explains, on wrong results (your
// checks' messages), on a crash or a hang; every failure names the seed
// that replays it: RACELAB_SEED=<seed>. A class that already fails on ONE
// thread is reported as failing without concurrency, not as a race. In a
// build without ThreadSanitizer a data race is seen only through its
// results, a crash or a hang: races that give no wrong result need the
// TSan build.
//
// IsReportedRacy() is the companion for a class you KNOW is racy: it
// succeeds only if the run is caught (a TSan report, wrong results, or a
// history no order explains), so a suite can pin that its detector is
// alive.
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
#include "racelab/share_internal.h"

namespace racelab {

// One per-call check, the older way to declare operations: `run` returns ""
// if the call's result was right, or a message saying what was wrong. It
// gets no history check; declare racelab::Operations<T> instead (.Op for
// results the check compares, .Check for such a message).
template <typename T>
struct [[deprecated(
    "racelab::Operation<T> gets no history check: declare "
    "racelab::Operations<T>() with .Op (results) or .Check (messages), "
    "racelab/operations.h")]] Operation {
  std::string name;
  std::function<std::string(T & object, const Call& call)> run;
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

// True if this test binary runs under ThreadSanitizer (it links racelab's
// TSan flavour): only then are races that give no wrong result seen.
bool ThreadSanitizerActive();

// Succeeds if one instance may be shared: no report, no history that no
// one-at-a-time order explains, no wrong result, no crash or hang. Use as
// EXPECT_TRUE(racelab::MayShare(racelab::Operations<T>()...)).
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

// The older form, a factory and per-call checks: a thin adapter to the
// above (Operations<T>::Factory and ::Check), without a history check.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
namespace share_internal {
template <typename T>
Operations<T> FromChecks(std::function<std::unique_ptr<T>()> factory,
                         std::vector<Operation<T>> checks) {
  Operations<T> operations;
  operations.Factory(std::move(factory));
  for (Operation<T>& check : checks) {
    operations.Check(std::move(check.name), std::move(check.run));
  }
  return operations;
}
}  // namespace share_internal

template <typename T>
[[deprecated(
    "MayShare(factory, {per-call checks}) gets no history check: use "
    "MayShare(racelab::Operations<T>().Factory(factory).Op(...)), "
    "racelab/operations.h")]] ::testing::AssertionResult
MayShare(std::function<std::unique_ptr<T>()> factory,
         std::vector<Operation<T>> checks, const ShareOptions& options = {}) {
  return MayShare(
      share_internal::FromChecks(std::move(factory), std::move(checks)),
      options);
}

template <typename T>
[[deprecated(
    "IsReportedRacy(factory, {per-call checks}) gets no history check: use "
    "IsReportedRacy(racelab::Operations<T>().Factory(factory).Op(...)), "
    "racelab/operations.h")]] ::testing::AssertionResult
IsReportedRacy(std::function<std::unique_ptr<T>()> factory,
               std::vector<Operation<T>> checks,
               const ShareOptions& options = {}) {
  return IsReportedRacy(
      share_internal::FromChecks(std::move(factory), std::move(checks)),
      options);
}
#pragma GCC diagnostic pop

}  // namespace racelab

#endif  // RACELAB_INCLUDE_RACELAB_SHARE_H_
