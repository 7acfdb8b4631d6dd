// share/parent_verdict.h
//
// The parent side of racelab::MayShare() after its child process ended, in
// three steps: judge the child's end by what it printed (JudgeChild),
// explain it in a few lines (ExplainChild), and conclude for what the test
// expected (Conclude). Thread-safe (pure functions).

#ifndef RACELAB_SHARE_PARENT_VERDICT_H_
#define RACELAB_SHARE_PARENT_VERDICT_H_

#include <cstdint>
#include <string>

#include "absl/status/statusor.h"
#include "base/child_process.h"
#include "detectors/evidence.h"
#include "gtest/gtest.h"
#include "racelab/share.h"
#include "share/child/report.h"

namespace racelab::share_internal {

// The environment variable that replays racelab's choices in a check.
inline constexpr char kSeedVariable[] = "RACELAB_SEED";

// The evidence of a finished child: ClassifyRun() on what it printed, then
// what only the child's report tells: a check that never ran, a hang the
// watchdog named, a history no one-at-a-time order explains, a history
// check that could not judge. `report` is the parsed report, or why there
// was none.
Evidence JudgeChild(const ChildResult& child,
                    const absl::StatusOr<ShareChildReport>& report);

// The lines under a verdict: the factory's failure, the hang, examples of
// wrong results, the history's explanation and how to replay it in a test,
// gtest's own failure lines, TSan's key lines.
std::string ExplainChild(const ChildResult& child,
                         const absl::StatusOr<ShareChildReport>& report,
                         uint64_t seed);

// The assertion for `expectation` given the child's `evidence`, its report
// and ExplainChild's `details`; `seed` is named for replaying.
::testing::AssertionResult Conclude(
    const Subject& subject, const ShareOptions& options,
    Expectation expectation, const Evidence& evidence,
    const absl::StatusOr<ShareChildReport>& report, const std::string& details,
    uint64_t seed);

}  // namespace racelab::share_internal

#endif  // RACELAB_SHARE_PARENT_VERDICT_H_
