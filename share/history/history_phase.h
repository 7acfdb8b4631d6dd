// share/history/history_phase.h
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

#ifndef RACELAB_SHARE_HISTORY_HISTORY_PHASE_H_
#define RACELAB_SHARE_HISTORY_HISTORY_PHASE_H_

#include <cstdint>
#include <string>
#include <vector>

#include "racelab/share.h"
#include "share/child/report.h"

namespace racelab::share_internal {

struct HistoryPhaseReport {
  HistoryOutcome outcome;      // what the child reports
  int64_t from_cache = 0;      // histories explained by a remembered order
  int64_t replayed_calls = 0;  // the searches' cost
  std::string factory_failure;
};

HistoryPhaseReport RunHistoryPhase(const Subject& subject,
                                   const ShareOptions& options, uint64_t seed);

}  // namespace racelab::share_internal

#endif  // RACELAB_SHARE_HISTORY_HISTORY_PHASE_H_
