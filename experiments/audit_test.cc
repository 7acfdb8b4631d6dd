// experiments/audit_test.cc
//
// The corruption audit: how a run is judged (fast), and every fix serving
// 1,000,000 audited requests without one wrong result.

#include "experiments/audit.h"

#include "absl/strings/str_cat.h"
#include "base/child_process.h"
#include "gtest/gtest.h"
#include "load/shared_tally.h"

namespace racelab {
namespace {

ChildResult Ended(bool exited, int code_or_signal, std::string stderr_text) {
  ChildResult child;
  child.exited = exited;
  (exited ? child.exit_code : child.term_signal) = code_or_signal;
  child.stderr_text = std::move(stderr_text);
  return child;
}

SharedTally::Totals Totals(int64_t requests, int64_t ok) {
  SharedTally::Totals totals;
  totals.requests = requests;
  totals.counts[static_cast<int>(Outcome::kOk)] = ok;
  return totals;
}

TEST(AuditResultTest, CleanOnlyWithExitZeroNoReportAndEveryRequestOk) {
  EXPECT_TRUE((AuditResult{Ended(true, 0, ""), Totals(10, 10)}.clean()));
  const AuditResult wrong{Ended(true, 1, ""), Totals(10, 7)};
  EXPECT_FALSE(wrong.clean());
  EXPECT_EQ(wrong.Classify().how, "wrong results: 3 of 10 requests");
  // Every request ok, yet the run crashed: not clean, and it says so.
  const AuditResult crashed{Ended(false, 4, ""), Totals(10, 10)};
  EXPECT_EQ(crashed.Classify().kind, EvidenceKind::kCrash);
  const AuditResult abort_after_wrong{
      Ended(false, 6, "free(): double free detected in tcache 2\n"),
      Totals(10, 9)};
  EXPECT_EQ(abort_after_wrong.Classify().how,
            "abort: free(): double free detected in tcache 2, after 1 wrong "
            "result(s)");
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
