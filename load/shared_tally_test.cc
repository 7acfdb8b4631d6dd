// load/shared_tally_test.cc
//
// SharedTally, deterministically: counts survive a child that is killed,
// and a forced interleaving is classified exactly, request by request.

#include "load/shared_tally.h"

#include <unistd.h>

#include "absl/strings/str_cat.h"
#include "base/child_process.h"
#include "detectors/evidence.h"
#include "experiments/audit.h"
#include "gtest/gtest.h"
#include "instrument/race_points.h"

namespace racelab {
namespace {

std::string TallyPath(const char* name) {
  return absl::StrCat(testing::TempDir(), "/", name, "-", getpid(), ".tally");
}

TEST(SharedTallyTest, CountsSurviveAChildThatIsKilled) {
  const std::string path = TallyPath("killed");
  absl::StatusOr<std::unique_ptr<SharedTally>> tally =
      SharedTally::Create(path);
  ASSERT_TRUE(tally.ok()) << tally.status();
  absl::StatusOr<ChildResult> child =
      RunChild({RACELAB_TOOL_PATH, "hammer", "--variant=copying", "--threads=2",
                "--duration=120s", absl::StrCat("--tally_file=", path)},
               absl::Milliseconds(1500));
  ASSERT_TRUE(child.ok()) << child.status();
  EXPECT_TRUE(child->timed_out);  // the watchdog killed it mid-run
  const SharedTally::Totals totals = (*tally)->Read();
  EXPECT_EQ((AuditResult{*child, totals}.Classify().kind), EvidenceKind::kHang);
  EXPECT_GT(totals.requests, 0);
  EXPECT_EQ(totals.counts[static_cast<int>(Outcome::kOk)], totals.requests);
  EXPECT_EQ(totals.first_wrong_after, absl::InfiniteDuration());
  unlink(path.c_str());
}

TEST(SharedTallyTest, ForcedInterleavingIsClassifiedExactly) {
  if (!kRacePointsCompiledIn) GTEST_SKIP() << "no race points in this build";
  const std::string path = TallyPath("forced");
  absl::StatusOr<std::unique_ptr<SharedTally>> tally =
      SharedTally::Create(path);
  ASSERT_TRUE(tally.ok()) << tally.status();
  absl::StatusOr<ChildResult> child =
      RunChild({RACELAB_TOOL_PATH, "hammer", "--variant=shared_unsafe",
                "--threads=2", "--iterations=1", "--schedule=seed",
                "--forcing=mutex", absl::StrCat("--tally_file=", path)},
               absl::Seconds(60));
  ASSERT_TRUE(child.ok()) << child.status();
  EXPECT_EQ(child->exit_code, 1) << child->stdout_text;
  const SharedTally::Totals totals = (*tally)->Read();
  const AuditResult audited{*child, totals};
  EXPECT_EQ(audited.Classify().how, "wrong results: 2 of 2 requests");
  EXPECT_EQ(totals.requests, 2);
  EXPECT_EQ(totals.counts[static_cast<int>(Outcome::kMissingParams)], 1);
  EXPECT_EQ(totals.counts[static_cast<int>(Outcome::kWrongItem)] +
                totals.counts[static_cast<int>(Outcome::kSignRejected)],
            1);
  EXPECT_GT(totals.first_wrong_after, absl::ZeroDuration());
  EXPECT_LT(totals.first_wrong_after, absl::Seconds(60));
  unlink(path.c_str());
}

}  // namespace
}  // namespace racelab
