// repro/shared_handle_test.cc
//
// The shared CURL handle (repro/shared_handle.h), over a real loopback
// server, in child processes judged by what they printed. The client above
// it is fixed/copying's, which is thread-safe, so only the handle can fail:
//
//   racelab_guard   the handle guard MUST report it, naming both threads;
//   racelab         nothing watching: every run MUST show damage (a crash,
//                   an abort, errors or wrong answers), as the audit counts.

#include "absl/strings/match.h"
#include "base/child_process.h"
#include "detectors/evidence.h"
#include "experiments/verdict.h"
#include "gtest/gtest.h"

namespace racelab {
namespace {

ChildResult SharedHandle(const char* tool) {
  absl::StatusOr<ChildResult> child =
      RunChild({tool, "hammer", "--variant=copying", "--threads=4",
                "--iterations=100", "--transport=http", "--handles=shared"},
               absl::Seconds(60));
  EXPECT_TRUE(child.ok()) << child.status();
  return child.value_or(ChildResult{});
}

TEST(SharedHandleTest, TheGuardReportsItNamingBothThreads) {
  const ChildResult child = SharedHandle(RACELAB_GUARD_TOOL_PATH);
  const Evidence evidence = ClassifyRun(child);
  ASSERT_EQ(evidence.kind, EvidenceKind::kGuardReport)
      << evidence.how << "\n"
      << child.stdout_text << child.stderr_text;
  EXPECT_EQ(evidence.report_kind, "concurrent CURL easy handle use");
  EXPECT_TRUE(absl::StrContains(child.stderr_text, "[noticed it]"))
      << child.stderr_text;
  EXPECT_TRUE(absl::StrContains(child.stderr_text, "[the other party"))
      << child.stderr_text;
  // Both stacks reach the exhibit: the noticer's directly, the other
  // party's through where it entered the handle (libcurl, built without
  // frame pointers, may stop a walk from inside it).
  const absl::string_view other =
      absl::string_view(child.stderr_text)
          .substr(child.stderr_text.find("[the other party"));
  EXPECT_TRUE(absl::StrContains(child.stderr_text, "CurlEasy::Perform"))
      << child.stderr_text;
  EXPECT_TRUE(absl::StrContains(other, "SharedHandleTransport::RoundTrip"))
      << child.stderr_text;
}

TEST(SharedHandleTest, WithNothingWatchingEveryRunShowsDamage) {
  // The audit: each run classified however it ended. A corrupted handle
  // can also spin or deadlock inside libcurl (seen about once in 75 runs):
  // the audit's watchdog calls that a hang, which is damage too, after 10 s
  // (a clean run takes well under one).
  absl::StatusOr<ChildResult> audit =
      RunChild({RACELAB_TOOL_PATH, "audit", "--variant=copying", "--threads=4",
                "--iterations=100", "--runs=3", "--timeout=10s",
                "--transport=http", "--handles=shared"},
               absl::Seconds(100));
  ASSERT_TRUE(audit.ok()) << audit.status();
  EXPECT_EQ(audit->exit_code, 0) << audit->stdout_text << audit->stderr_text;
  EXPECT_TRUE(
      absl::StrContains(audit->stdout_text, "0 clean run(s), 3 showing damage"))
      << audit->stdout_text;
}

}  // namespace
}  // namespace racelab
