// report/audit_test.cc
//
// The corruption audit's machinery, deterministically: counts survive a
// child that is killed, a forced interleaving is classified exactly, and
// every fix serves 1,000,000 audited requests without one wrong result.

#include "report/audit.h"

#include <unistd.h>

#include "absl/strings/str_cat.h"
#include "base/child_process.h"
#include "gtest/gtest.h"
#include "instrument/race_points.h"
#include "load/shared_tally.h"

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

class FixedAuditTest : public testing::TestWithParam<Variant> {};

TEST_P(FixedAuditTest, MillionRequestsWithoutOneWrongResult) {
  AuditOptions options;
  options.tool_path = RACELAB_TOOL_PATH;
  options.variant = GetParam();
  options.threads = 8;
  options.iterations = 125'000;
  options.timeout = absl::Seconds(240);
  options.scratch_dir = testing::TempDir();
  absl::StatusOr<AuditResult> result = RunAudit(options);
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_TRUE(result->child.exited) << result->child.Describe();
  EXPECT_EQ(result->child.exit_code, 0) << result->child.stdout_text;
  EXPECT_EQ(result->totals.requests, 1'000'000);
  EXPECT_EQ(result->wrong(), 0);
  EXPECT_TRUE(result->clean()) << result->Classify().how;
}

INSTANTIATE_TEST_SUITE_P(AllFixes, FixedAuditTest,
                         testing::ValuesIn(kFixedVariants),
                         [](const testing::TestParamInfo<Variant>& info) {
                           return std::string(VariantName(info.param));
                         });

}  // namespace
}  // namespace racelab
