// share/share_child.h
//
// The child side of racelab::MayShare() (include/racelab/share.h): the
// hammer that runs inside a child process of the test binary, and the lines
// it prints for its parent. Thread-compatible: RunShareChild() is called
// once, from the child test's main thread, and owns every thread it starts.

#ifndef RACELAB_SHARE_SHARE_CHILD_H_
#define RACELAB_SHARE_SHARE_CHILD_H_

#include <cstdint>
#include <functional>

#include "racelab/share.h"
#include "share/child_report.h"

namespace racelab::share_internal {

// Runs the hammer and prints its report (FormatShareChildReport) to stdout.
// Returns the process exit code the child should end with: 0 every call
// right; 1 wrong results; 3 a hang; 4 fails without concurrency; 5 the
// factory threw; 6 a history no one-at-a-time order explains; 7 the
// operations are non-deterministic (the history check cannot judge); 8 an
// operation threw on every call replayed alone; 9 ShareOptions::replay_*
// does not fit the scenario.
// `expectations_failed` tells whether a gtest expectation inside an
// operation failed (it counts as a wrong result).
int RunShareChild(const Subject& subject, const ShareOptions& options,
                  uint64_t seed,
                  const std::function<bool()>& expectations_failed = {});

}  // namespace racelab::share_internal

#endif  // RACELAB_SHARE_SHARE_CHILD_H_
