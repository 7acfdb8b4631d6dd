// repro/forced_interleaving_tsan_test.cc
//
// TSan build: the seed's interleaving forced on two threads with ONE request
// each (`racelab hammer --schedule=seed`), in a child process with a time
// limit.
//
//   --forcing=spin   relaxed atomics, no happens-before: TSan MUST report the
//                    race, on the first and only attempt.
//   --forcing=mutex  the same order through a mutex: TSan sees every access
//                    ordered and stays SILENT, although the requests are
//                    just as wrong. TSan checks synchronisation, not time.
//
// And the tempting wrong fix (locked_fields), spin-forced: silent, wrong.

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "base/child_process.h"
#include "detectors/evidence.h"
#include "detectors/tsan_report.h"
#include "experiments/verdict.h"
#include "gtest/gtest.h"

namespace racelab {
namespace {

ChildResult ForcedSeed(const char* forcing,
                       const char* transport = "--transport=inproc",
                       const char* variant = "shared_unsafe") {
  absl::StatusOr<ChildResult> child = RunChild(
      {RACELAB_TOOL_PATH, "hammer", absl::StrCat("--variant=", variant),
       "--threads=2", "--iterations=1", "--schedule=seed",
       absl::StrCat("--forcing=", forcing), transport},
      absl::Seconds(60));
  EXPECT_TRUE(child.ok()) << child.status();
  return child.value_or(ChildResult{});
}

TEST(ForcedInterleavingTsanTest, SpinForcedSeedIsReportedOnTheFirstAttempt) {
  const ChildResult child = ForcedSeed("spin");
  // Judged by what TSan printed: exit 66 is also what its SEGV handler gives.
  const Evidence evidence = ClassifyRun(child);
  ASSERT_EQ(evidence.kind, EvidenceKind::kTsanReport)
      << evidence.how << "\n"
      << child.stdout_text << child.stderr_text;
  EXPECT_EQ(evidence.report_kind, "data race");
  const TsanReportSummary summary = SummarizeTsanOutput(child.stderr_text);
  EXPECT_EQ(summary.reports, 1) << child.stderr_text;
  EXPECT_TRUE(summary.names_seed_race) << child.stderr_text;
}

// Over a real wire (a loopback server, libcurl, which TSan cannot see
// into) the race is still in racelab's own, instrumented code: reported
// the same way.
TEST(ForcedInterleavingTsanTest, SpinForcedSeedIsReportedOverHttpToo) {
  const ChildResult child = ForcedSeed("spin", "--transport=http");
  const Evidence evidence = ClassifyRun(child);
  ASSERT_EQ(evidence.kind, EvidenceKind::kTsanReport)
      << evidence.how << "\n"
      << child.stdout_text << child.stderr_text;
  EXPECT_TRUE(absl::StrContains(child.stdout_text, "http://127.0.0.1:"))
      << child.stdout_text;
  const TsanReportSummary summary = SummarizeTsanOutput(child.stderr_text);
  EXPECT_EQ(summary.reports, 1) << child.stderr_text;
  EXPECT_TRUE(summary.names_seed_race) << child.stderr_text;
}

TEST(ForcedInterleavingTsanTest, MutexForcedSeedIsSilentYetWrong) {
  const ChildResult child = ForcedSeed("mutex");
  ASSERT_TRUE(child.exited) << child.Describe() << "\n" << child.stderr_text;
  EXPECT_FALSE(absl::StrContains(child.stderr_text, "ThreadSanitizer"))
      << child.stderr_text;
  EXPECT_EQ(child.exit_code, 1) << child.stdout_text;  // wrong outcomes
  absl::StatusOr<HammerReport> report =
      ParseHammerResultLine(child.stdout_text);
  ASSERT_TRUE(report.ok()) << child.stdout_text;
  EXPECT_EQ(ClassifyRun(child, {report->requests, report->wrong()}).kind,
            EvidenceKind::kWrongResults);
  EXPECT_EQ(report->count(Outcome::kWrongItem) +
                report->count(Outcome::kSignRejected),
            1)
      << child.stdout_text;
  EXPECT_EQ(report->count(Outcome::kMissingParams), 1) << child.stdout_text;
  EXPECT_TRUE(absl::StrContains(child.stdout_text,
                                "schedule: every step happened in order"))
      << child.stdout_text;
}

// The tempting wrong fix (every field of the shared client locked), forced
// into the seed's interleaving between its locked steps with spin forcing,
// which adds no happens-before of its own: TSan is silent because there is
// no data race, and the requests are wrong anyway. Over both transports.
TEST(ForcedInterleavingTsanTest, TheTemptingFixIsSilentAndWrong) {
  for (const char* transport : {"--transport=inproc", "--transport=http"}) {
    const ChildResult child = ForcedSeed("spin", transport, "locked_fields");
    ASSERT_TRUE(child.exited) << child.Describe() << "\n" << child.stderr_text;
    EXPECT_FALSE(absl::StrContains(child.stderr_text, "ThreadSanitizer"))
        << transport << "\n"
        << child.stderr_text;
    absl::StatusOr<HammerReport> report =
        ParseHammerResultLine(child.stdout_text);
    ASSERT_TRUE(report.ok()) << child.stdout_text;
    EXPECT_EQ(ClassifyRun(child, {report->requests, report->wrong()}).kind,
              EvidenceKind::kWrongResults)
        << transport << "\n"
        << child.stdout_text;
    EXPECT_EQ(report->count(Outcome::kWrongItem), 1) << child.stdout_text;
    EXPECT_EQ(report->count(Outcome::kMissingParams), 1) << child.stdout_text;
    EXPECT_TRUE(absl::StrContains(child.stdout_text,
                                  "schedule: every step happened in order"))
        << child.stdout_text;
  }
}

}  // namespace
}  // namespace racelab
