// share/history/history_phase_verdicts.h
//
// What the history phase's tests expect of a check, printed for
// scripts/share-rate (EXPECT_TRUE shows a success's message nowhere):
// CaughtAsNotLinearizable (caught, and by the history check, not by
// anything else) and Shareable (a check that must pass).
//
// Thread-safety: call from a test's body, as MayShare() is.

#ifndef RACELAB_SHARE_HISTORY_HISTORY_PHASE_VERDICTS_H_
#define RACELAB_SHARE_HISTORY_HISTORY_PHASE_VERDICTS_H_

#include <cstdio>

#include "absl/strings/match.h"
#include "gtest/gtest.h"

namespace racelab {

inline ::testing::AssertionResult CaughtAsNotLinearizable(
    const ::testing::AssertionResult& result) {
  if (!result) return result;
  if (!absl::StrContains(result.message(), "not linearizable")) {
    return ::testing::AssertionFailure()
           << "caught, but not by the history check: " << result.message();
  }
  std::printf("%s\n", result.message());
  return result;
}

inline ::testing::AssertionResult Shareable(
    const ::testing::AssertionResult& result) {
  std::printf("%s\n", result.message());
  return result;
}

}  // namespace racelab

#endif  // RACELAB_SHARE_HISTORY_HISTORY_PHASE_VERDICTS_H_
