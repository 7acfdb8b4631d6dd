// share/history_phase.h
//
// The history phase of a MayShare child (after the data-race hammer): runs
// scenarios of the recorded operations (scenario.h), each many times on a
// fresh instance with its threads released together, records each call's
// result and its start and end tickets, and checks every history against
// the class replayed one call at a time (history_check.h).
//
// It is a phase of its own because recording adds synchronisation: the
// tickets come from one sequentially consistent counter and the threads
// are released through an atomic, which are happens-before edges for
// ThreadSanitizer. The hammer keeps adding none between its workers.
//
// Non-determinism is not a race: each scenario is first replayed twice in
// one order, and a history that no order explains is searched again from
// scratch before it counts; results that differ between two replays of the
// same calls are reported as "non-deterministic", naming the operation.
// An operation that does not return when replayed alone (a pop on an
// empty queue) is named by the phase's watchdog, which ends the child
// (exit 3) as the hammer's does.
//
// Thread-compatible: RunHistoryPhase() is called once, from the child's
// main thread, and owns every thread it starts.

#ifndef RACELAB_SHARE_HISTORY_PHASE_H_
#define RACELAB_SHARE_HISTORY_PHASE_H_

#include <cstdint>
#include <string>
#include <vector>

#include "racelab/share.h"

namespace racelab::share_internal {

struct HistoryPhaseReport {
  int64_t scenarios = 0;       // scenarios started
  int64_t histories = 0;       // histories checked
  int64_t unexplained = 0;     // histories no order explains, confirmed
  int64_t unknown = 0;         // searches that ran out of budget
  int64_t from_cache = 0;      // histories explained by a remembered order
  int64_t replayed_calls = 0;  // the searches' cost
  // Set on the first scenario with an unexplained history (its runs are
  // finished, then the phase stops): how many of its histories failed.
  int64_t failing_scenario = -1;
  int64_t failing_histories = 0;
  int64_t failing_scenario_runs = 0;
  std::vector<std::string> explanation;  // ExplainUnexplained()'s lines
  // The failing scenario with the calls dropped that it fails without, and
  // how often it failed so; empty if no call could be dropped.
  std::string minimised;
  // What ShareOptions::replay_without must hold to replay the failing
  // scenario as minimised (or as replayed).
  std::vector<int> replay_without;
  std::string replay_error;       // replay_without does not fit the scenario
  std::string non_deterministic;  // what differed between replays
  std::string always_throws;      // an operation that always threw
  std::string unknown_example;    // the first budget-exceeded scenario
  std::string factory_failure;
};

HistoryPhaseReport RunHistoryPhase(const Subject& subject,
                                   const ShareOptions& options, uint64_t seed);

}  // namespace racelab::share_internal

#endif  // RACELAB_SHARE_HISTORY_PHASE_H_
