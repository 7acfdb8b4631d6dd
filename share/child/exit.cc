// share/child/exit.cc

#include "share/child/exit.h"

#include <unistd.h>

#include <cstdio>

namespace racelab::share_internal {

ChildExit ChildExitFor(const ShareChildReport& report) {
  if (!report.factory_failure.empty()) return ChildExit::kFactoryFailed;
  if (!report.single_thread_failure.empty()) {
    return ChildExit::kFailsWithoutConcurrency;
  }
  if (report.wrong > 0) return ChildExit::kWrongResults;
  if (report.history.failing_unexplained > 0) {
    return ChildExit::kNotLinearizable;
  }
  if (!report.history.non_deterministic.empty()) {
    return ChildExit::kNonDeterministic;
  }
  if (!report.history.always_throws.empty()) return ChildExit::kAlwaysThrows;
  if (!report.history.replay_error.empty()) return ChildExit::kReplayMismatch;
  return ChildExit::kEveryCallRight;
}

void EndChild(ChildExit exit) {
  std::fflush(stdout);
  _exit(static_cast<int>(exit));
}

}  // namespace racelab::share_internal
