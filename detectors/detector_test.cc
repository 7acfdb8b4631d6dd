// detectors/detector_test.cc
//
// Each detector as the registry describes it: what counts as catching the
// race, what makes it unavailable, how a run under it is started.

#include "detectors/detector.h"

#include "absl/strings/match.h"
#include "absl/strings/str_join.h"
#include "gtest/gtest.h"

namespace racelab {
namespace {

TEST(DetectorTest, OnlyADetectorsOwnReportCatchesTheRace) {
  EXPECT_TRUE(Caught(Detector::kTsan, EvidenceKind::kTsanReport));
  // TSan's SEGV handler exits 66 like a report: the bug, not the detector.
  EXPECT_FALSE(Caught(Detector::kTsan, EvidenceKind::kTsanCrash));
  EXPECT_FALSE(Caught(Detector::kGuard, EvidenceKind::kCrash));
  EXPECT_TRUE(Caught(Detector::kGuard, EvidenceKind::kGuardReport));
  EXPECT_TRUE(Caught(Detector::kDrd, EvidenceKind::kValgrindReport));
  EXPECT_TRUE(Caught(Detector::kStatic, EvidenceKind::kStaticReport));
  // The audit watches nothing: any damage is its detection, a clean run not.
  for (EvidenceKind kind : {EvidenceKind::kWrongResults, EvidenceKind::kCrash,
                            EvidenceKind::kAbort, EvidenceKind::kHang}) {
    EXPECT_TRUE(Caught(Detector::kAudit, kind)) << EvidenceKindName(kind);
  }
  EXPECT_FALSE(Caught(Detector::kAudit, EvidenceKind::kClean));
  // The history check's verdict is MayShare's: "may NOT be shared", by a
  // history no order explains or anything else its child showed.
  EXPECT_TRUE(Caught(Detector::kHistory, EvidenceKind::kNotLinearizable));
  EXPECT_TRUE(Caught(Detector::kHistory, EvidenceKind::kWrongResults));
  EXPECT_FALSE(Caught(Detector::kHistory, EvidenceKind::kClean));
  EXPECT_FALSE(Caught(Detector::kHistory, EvidenceKind::kFailedExit));
}

TEST(DetectorTest, AMissingToolMakesItsDetectorsUnavailableWithAReason) {
  const DetectorTools none;
  for (Detector detector : kAllDetectors) {
    if (detector == Detector::kStatic) continue;  // its reason comes in
    EXPECT_FALSE(DetectorUnavailable(detector, none).empty())
        << DetectorName(detector);
  }
  DetectorTools tools;
  tools.native_tool = "/b/default/cli/racelab";
  EXPECT_EQ(DetectorUnavailable(Detector::kAudit, tools), "");
  EXPECT_TRUE(absl::StrContains(DetectorUnavailable(Detector::kDrd, tools),
                                "valgrind is not installed"));
}

TEST(DetectorTest, EachRunsTheRightToolUnderTheRightWrapper) {
  DetectorTools tools;
  tools.native_tool = "native";
  tools.tsan_tool = "tsan";
  tools.guard_tool = "guard";
  tools.valgrind = "valgrind";
  tools.suppressions = "racelab.supp";
  tools.history_tool = "history";
  EXPECT_EQ(LaunchFor(Detector::kTsan, tools).tool, "tsan");
  EXPECT_EQ(LaunchFor(Detector::kHistory, tools).tool, "history");
  EXPECT_EQ(LaunchFor(Detector::kGuard, tools).tool, "guard");
  const DetectorLaunch audit = LaunchFor(Detector::kAudit, tools);
  EXPECT_EQ(audit.tool, "native");
  EXPECT_TRUE(audit.wrapper.empty());
  const DetectorLaunch helgrind = LaunchFor(Detector::kHelgrind, tools);
  EXPECT_EQ(helgrind.tool, "native");
  EXPECT_TRUE(helgrind.valgrind_load);
  EXPECT_EQ(absl::StrJoin(helgrind.wrapper, " "),
            "valgrind --tool=helgrind --suppressions=racelab.supp "
            "--error-exitcode=9 -q --check-stack-refs=no");
}

TEST(DetectorDeathTest, TheStaticCheckIsACompileNotAHammerRun) {
  EXPECT_DEATH(LaunchFor(Detector::kStatic, DetectorTools{}),
               "the static check is a compile");
}

}  // namespace
}  // namespace racelab
