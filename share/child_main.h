// share/child_main.h
//
// The child side of racelab::MayShare() (include/racelab/share.h): the
// hammer that runs inside a child process of the test binary, and the lines
// it prints for its parent. Thread-compatible: RunShareChild() is called
// once, from the child test's main thread, and owns every thread it starts.

#ifndef RACELAB_SHARE_CHILD_MAIN_H_
#define RACELAB_SHARE_CHILD_MAIN_H_

#include <cstdint>
#include <functional>

#include "racelab/share.h"
#include "share/child/exit.h"
#include "share/child/report.h"

namespace racelab::share_internal {

// Runs the hammer and prints its report (FormatShareChildReport) to stdout.
// Returns how the child should end (share/child/exit.h).
// `expectations_failed` tells whether a gtest expectation inside an
// operation failed (it counts as a wrong result).
ChildExit RunShareChild(const Subject& subject, const ShareOptions& options,
                        uint64_t seed,
                        const std::function<bool()>& expectations_failed = {});

// A hammer that replaces MayShare's own in the child: a measurement
// baseline (share/baseline/, linked into racelab's own share tests only),
// never set in a user's binary.
using ReplacementHammer = ShareChildReport (*)(const Subject& subject,
                                               const ShareOptions& options);

// REQUIRES: called before any check runs (from a static initializer).
void SetReplacementHammer(ReplacementHammer hammer);

}  // namespace racelab::share_internal

#endif  // RACELAB_SHARE_CHILD_MAIN_H_
