// experiments/verdict_test.cc
//
// The verdict's judging, row by row, from evidence (fast; the verdict run
// itself is tested end to end in cli/racelab_cli_test.cc).

#include "experiments/verdict.h"

#include "absl/strings/match.h"
#include "gtest/gtest.h"

namespace racelab {
namespace {

Evidence Of(EvidenceKind kind, std::string how, std::string report_kind = "") {
  return Evidence{kind, std::move(how), std::move(report_kind), ""};
}

const Evidence kRace =
    Of(EvidenceKind::kTsanReport, "TSan report: data race", "data race");
const Evidence kTsanSegv =
    Of(EvidenceKind::kTsanCrash, "TSan crash: SEGV on unknown address");
const Evidence kWrong =
    Of(EvidenceKind::kWrongResults, "wrong results: 2 of 2 requests");
const Evidence kClean = Of(EvidenceKind::kClean, "clean");

TEST(JudgeVerdictRowTest, TsanLivenessNeedsAReportOfTheSeedsRace) {
  EXPECT_TRUE(
      JudgeVerdictRow(VerdictRole::kLiveness, true, kRace, true).as_expected);
  // A report elsewhere, or a crash that exits 66 like one, is not liveness.
  EXPECT_FALSE(
      JudgeVerdictRow(VerdictRole::kLiveness, true, kRace, false).as_expected);
  const VerdictJudgement crash =
      JudgeVerdictRow(VerdictRole::kLiveness, true, kTsanSegv, false);
  EXPECT_FALSE(crash.as_expected);
  EXPECT_TRUE(absl::StartsWith(crash.verdict, "NOT AS EXPECTED: TSan crash"))
      << crash.verdict;
}

TEST(JudgeVerdictRowTest, NativeLivenessNeedsTheSeedsWrongResults) {
  EXPECT_TRUE(JudgeVerdictRow(VerdictRole::kLiveness, false, kWrong, false)
                  .as_expected);
  EXPECT_FALSE(JudgeVerdictRow(VerdictRole::kLiveness, false, kClean, false)
                   .as_expected);
}

TEST(JudgeVerdictRowTest, StressIsMeasuredAndSaysWhatACrashProves) {
  const VerdictJudgement crash =
      JudgeVerdictRow(VerdictRole::kStress, true, kTsanSegv, false);
  EXPECT_TRUE(crash.as_expected);  // never pass/fail
  EXPECT_EQ(crash.verdict,
            "measured: TSan crash: SEGV on unknown address (evidence of the "
            "bug, NOT of a live detector)");
  EXPECT_EQ(JudgeVerdictRow(VerdictRole::kStress, true, kRace, true).verdict,
            "measured: TSan report: data race");
  EXPECT_TRUE(absl::StrContains(
      JudgeVerdictRow(VerdictRole::kStress, false, kClean, false).verdict,
      "luck, not safety"));
}

TEST(JudgeVerdictRowTest, ARaceConditionIsWrongResultsWithNoReport) {
  for (bool tsan_build : {true, false}) {
    const VerdictJudgement shown =
        JudgeVerdictRow(VerdictRole::kRaceCondition, tsan_build, kWrong, false);
    EXPECT_TRUE(shown.as_expected);
    EXPECT_TRUE(absl::StartsWith(shown.verdict, "RACE CONDITION SHOWN: "))
        << shown.verdict;
    EXPECT_EQ(absl::StrContains(shown.verdict, "ThreadSanitizer silent"),
              tsan_build);
    // A data-race report, a crash, or no damage: not this exhibit's story.
    for (const Evidence& other : {kRace, kTsanSegv, kClean}) {
      const VerdictJudgement judged = JudgeVerdictRow(
          VerdictRole::kRaceCondition, tsan_build, other, false);
      EXPECT_FALSE(judged.as_expected) << other.how;
      EXPECT_TRUE(absl::StartsWith(judged.verdict, "NOT AS EXPECTED: "))
          << judged.verdict;
    }
  }
}

TEST(JudgeVerdictRowTest, AFixMustBeCleanAndAnythingElseIsNamed) {
  EXPECT_EQ(JudgeVerdictRow(VerdictRole::kFix, true, kClean, false).verdict,
            "clean");
  for (const Evidence& bad : {kRace, kTsanSegv, kWrong}) {
    const VerdictJudgement judged =
        JudgeVerdictRow(VerdictRole::kFix, true, bad, false);
    EXPECT_FALSE(judged.as_expected);
    EXPECT_EQ(judged.verdict, "FAILED: " + bad.how);
  }
}

}  // namespace
}  // namespace racelab
