// share/child/exit.h
//
// ChildExit: how the child process of racelab::MayShare() ends, one exit
// status per outcome of its report (share/child/report.h). The parent
// judges the child by what it printed; the status is the second witness a
// person sees in `echo $?`. Thread-safe (pure functions), except EndChild.

#ifndef RACELAB_SHARE_CHILD_EXIT_H_
#define RACELAB_SHARE_CHILD_EXIT_H_

#include "share/child/report.h"

namespace racelab::share_internal {

enum class ChildExit : int {
  kEveryCallRight = 0,
  kWrongResults = 1,
  kHung = 3,  // the watchdog found no progress (share/child/watchdog.h)
  kFailsWithoutConcurrency = 4,
  kFactoryFailed = 5,
  kNotLinearizable = 6,   // a history no one-at-a-time order explains
  kNonDeterministic = 7,  // the history check cannot judge
  kAlwaysThrows = 8,      // an operation threw on every call replayed alone
  kReplayMismatch = 9,    // ShareOptions::replay_* does not fit the scenario
};

// The exit status for a finished child's report, the first outcome in the
// order above (a factory failure before a wrong result, and so on).
ChildExit ChildExitFor(const ShareChildReport& report);

// Ends the child process at once with `exit` (stdout flushed; no static
// destructors, no atexit handlers: the test binary's are the parent's).
[[noreturn]] void EndChild(ChildExit exit);

}  // namespace racelab::share_internal

#endif  // RACELAB_SHARE_CHILD_EXIT_H_
