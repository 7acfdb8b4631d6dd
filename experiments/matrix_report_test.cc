// experiments/matrix_report_test.cc
//
// Judging a matrix cell, the two writers and the terminal's conclusion,
// on a hand-built result
// (fast; `racelab matrix` itself is tested end to end in matrix_test.cc).
// The JSON is parsed back with nlohmann-json; the JUnit XML is checked for
// its counts.

#include "experiments/matrix_report.h"

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "experiments/matrix.h"
#include "gtest/gtest.h"
#include "nlohmann/json.hpp"

namespace racelab {
namespace {

MatrixRun ARun(EvidenceKind evidence, bool detected) {
  MatrixRun run;
  run.evidence = evidence;
  run.detected = detected;
  run.how = std::string(EvidenceKindName(evidence));
  run.wall = absl::Milliseconds(10);
  if (detected) run.time_to_detection = absl::Microseconds(1500);
  // Bytes a crashed child may leave: not valid UTF-8.
  run.stderr_excerpt = "ThreadSanitizer:DEADLYSIGNAL \xff\xfe";
  return run;
}

MatrixCell Cell(Variant variant, Detector detector, bool measured,
                std::vector<MatrixRun> runs) {
  MatrixCell cell;
  cell.variant = variant;
  cell.detector = detector;
  cell.measured = measured;
  cell.runs = std::move(runs);
  JudgeMatrixCell(cell);
  return cell;
}

TEST(JudgeMatrixCellTest, AMeasuredCellIsARateWithItsSplit) {
  const MatrixCell cell = Cell(Variant::kSharedUnsafe, Detector::kTsan, true,
                               {ARun(EvidenceKind::kTsanReport, true),
                                ARun(EvidenceKind::kTsanCrash, false),
                                ARun(EvidenceKind::kTsanReport, true)});
  EXPECT_TRUE(cell.as_expected);
  EXPECT_EQ(cell.verdict,
            "measured: 2/3 detected (2 tsan_report, 1 tsan_crash)");
}

TEST(JudgeMatrixCellTest, ALivenessCheckMustCatchEveryRun) {
  EXPECT_EQ(Cell(Variant::kSharedUnsafe, Detector::kGuard, false,
                 {ARun(EvidenceKind::kGuardReport, true)})
                .verdict,
            "detected 1/1");
  const MatrixCell missed = Cell(Variant::kSharedUnsafe, Detector::kTsan, false,
                                 {ARun(EvidenceKind::kTsanReport, true),
                                  ARun(EvidenceKind::kTsanCrash, false)});
  EXPECT_FALSE(missed.as_expected);
  EXPECT_EQ(missed.verdict, "MISSED: 1/2 (1 tsan_report, 1 tsan_crash)");
}

TEST(JudgeMatrixCellTest, AFixMustBeFlaggedInNoRun) {
  EXPECT_EQ(Cell(Variant::kLocked, Detector::kTsan, false,
                 {ARun(EvidenceKind::kClean, false)})
                .verdict,
            "clean 1/1");
  const MatrixCell flagged = Cell(
      Variant::kLocked, Detector::kAudit, false,
      {ARun(EvidenceKind::kClean, false), ARun(EvidenceKind::kHang, true)});
  EXPECT_FALSE(flagged.as_expected);
  EXPECT_EQ(flagged.verdict, "FAILED: 1/2 flagged (1 hang, 1 clean)");
}

// The tempting wrong fix: a data-race detector must stay silent (its own
// report would be a false one); the audit and the history check must see
// it.
TEST(JudgeMatrixCellTest, TheTemptingFixSilencesDataRaceDetectorsOnly) {
  EXPECT_FALSE(ExpectsDetection(Variant::kLockedFields, Detector::kTsan));
  EXPECT_FALSE(ExpectsDetection(Variant::kLockedFields, Detector::kStatic));
  EXPECT_TRUE(ExpectsDetection(Variant::kLockedFields, Detector::kAudit));
  EXPECT_TRUE(ExpectsDetection(Variant::kLockedFields, Detector::kHistory));
  EXPECT_TRUE(ExpectsDetection(Variant::kSharedUnsafe, Detector::kHelgrind));
  EXPECT_FALSE(ExpectsDetection(Variant::kCopying, Detector::kAudit));
  // Wrong results under TSan are not TSan's report: silent.
  const MatrixCell silent = Cell(Variant::kLockedFields, Detector::kTsan, false,
                                 {ARun(EvidenceKind::kWrongResults, false),
                                  ARun(EvidenceKind::kWrongResults, false)});
  EXPECT_TRUE(silent.as_expected);
  EXPECT_EQ(silent.verdict, "silent 2/2 (no data race to see)");
  const MatrixCell reported =
      Cell(Variant::kLockedFields, Detector::kDrd, false,
           {ARun(EvidenceKind::kValgrindReport, true)});
  EXPECT_FALSE(reported.as_expected);
  EXPECT_EQ(reported.verdict, "REPORTED: 1/1 flagged (1 valgrind_report)");
  EXPECT_EQ(Cell(Variant::kLockedFields, Detector::kHistory, false,
                 {ARun(EvidenceKind::kNotLinearizable, true)})
                .verdict,
            "detected 1/1");
}

MatrixResult AResult() {
  MatrixResult result;
  result.options.runs = 2;
  result.options.variants = {Variant::kSharedUnsafe, Variant::kLocked};
  result.options.detectors = {Detector::kTsan, Detector::kHelgrind};
  result.complete = true;
  result.cells.push_back(Cell(Variant::kSharedUnsafe, Detector::kTsan, true,
                              {ARun(EvidenceKind::kTsanReport, true),
                               ARun(EvidenceKind::kTsanCrash, false)}));
  MatrixCell unavailable;
  unavailable.variant = Variant::kSharedUnsafe;
  unavailable.detector = Detector::kHelgrind;
  unavailable.unavailable = "valgrind is not installed";
  JudgeMatrixCell(unavailable);
  result.cells.push_back(unavailable);
  result.cells.push_back(Cell(Variant::kLocked, Detector::kTsan, false,
                              {ARun(EvidenceKind::kClean, false),
                               ARun(EvidenceKind::kTsanReport, true)}));
  return result;
}

TEST(MatrixResultTest, ChecksFailOnAFlaggedFixNeverOnAMeasuredRate) {
  const MatrixResult result = AResult();
  EXPECT_TRUE(result.AnyCheckFailed());  // locked flagged once
  EXPECT_TRUE(result.AnyUnavailable());
  MatrixResult rates_only = result;
  rates_only.cells.pop_back();
  EXPECT_FALSE(rates_only.AnyCheckFailed());
}

TEST(MatrixJsonTest, ParsesBackWithEveryRunAndTheSplit) {
  const nlohmann::json json = nlohmann::json::parse(MatrixJson(AResult()));
  EXPECT_EQ(json["complete"], true);
  ASSERT_EQ(json["runs"].size(), 4u);
  EXPECT_EQ(json["runs"][1]["evidence"], "tsan_crash");
  EXPECT_EQ(json["runs"][0]["time_to_detection_ms"], 1.5);
  EXPECT_TRUE(json["runs"][1]["time_to_detection_ms"].is_null());
  // Invalid UTF-8 from a crashed child is replaced, not fatal.
  EXPECT_TRUE(
      absl::StartsWith(json["runs"][0]["stderr_excerpt"].get<std::string>(),
                       "ThreadSanitizer:DEADLYSIGNAL"));
  const nlohmann::json& rate = json["summary"][0];
  EXPECT_EQ(rate["measured"], true);
  EXPECT_EQ(rate["outcomes"]["tsan_report"], 1);
  EXPECT_EQ(rate["outcomes"]["tsan_crash"], 1);
  EXPECT_EQ(json["summary"][1]["available"], false);
  EXPECT_EQ(json["summary"][2]["as_expected"], false);
}

// What scripts/matrix-report needs to render the matrix without repeating
// racelab's own tables: each variant's kind, what each cell expects, the
// static check's sources.
TEST(MatrixJsonTest, SaysWhatEachVariantIsAndWhatEachCellExpects) {
  MatrixResult result = AResult();
  result.options.static_sources = {
      {Variant::kSharedUnsafe, "detectors/static_buggy.cc"}};
  const nlohmann::json json = nlohmann::json::parse(MatrixJson(result));
  EXPECT_EQ(json["variant_kinds"]["shared_unsafe"], "data_race");
  EXPECT_EQ(json["variant_kinds"]["locked"], "fix");
  EXPECT_EQ(json["static_sources"]["shared_unsafe"],
            "detectors/static_buggy.cc");
  EXPECT_EQ(json["summary"][0]["expects_detection"], true);
  ASSERT_EQ(json["evidence_kinds"].size(), kAllEvidenceKinds.size());
  EXPECT_EQ(json["evidence_kinds"][0]["name"], "tsan_report");
  EXPECT_EQ(json["evidence_kinds"][0]["meaning"], "a ThreadSanitizer report");
  EXPECT_EQ(json["summary"][2]["expects_detection"], false);
  MatrixResult wrong_fix;
  wrong_fix.options.variants = {Variant::kLockedFields};
  EXPECT_EQ(nlohmann::json::parse(
                MatrixJson(wrong_fix))["variant_kinds"]["locked_fields"],
            "race_condition");
}

TEST(MatrixConclusionTest, CountsTheCellsAndNamesEveryOneNotAsExpected) {
  const std::string text = MatrixConclusion(AResult());
  EXPECT_TRUE(absl::StartsWith(
      text,
      "3 cells: 1 as expected, 1 NOT as expected, 1 unavailable here (never "
      "a pass).\n"))
      << text;
  EXPECT_TRUE(absl::StrContains(
      text, "  NOT as expected: locked x tsan: FAILED: 1/2 flagged"))
      << text;
  EXPECT_TRUE(absl::StrContains(
      text,
      "  unavailable: shared_unsafe x helgrind: valgrind is not installed"))
      << text;
  MatrixResult interrupted = AResult();
  interrupted.complete = false;
  EXPECT_TRUE(absl::StrContains(MatrixConclusion(interrupted), "INCOMPLETE"));
}

TEST(MatrixJunitTest, CountsFailuresAndSkipsButNotMeasuredRates) {
  const std::string xml = MatrixJunit(AResult());
  EXPECT_TRUE(
      absl::StrContains(xml, "tests=\"3\" failures=\"1\" skipped=\"1\""))
      << xml;
  EXPECT_TRUE(absl::StrContains(xml, "<failure message=\"FAILED: 1/2 flagged"))
      << xml;
  EXPECT_TRUE(absl::StrContains(xml, "<skipped message=\"unavailable: "))
      << xml;
}

}  // namespace
}  // namespace racelab
