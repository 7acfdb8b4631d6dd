// detectors/valgrind_detectors_test.cc
//
// Helgrind and DRD on the normal (non-TSan) build, through the racelab tool
// in child processes: the buggy client must be reported in racelab's own
// code, every fix must give zero errors. The buggy run uses the forced seed
// interleaving, so the overlap happens every time, however Valgrind
// schedules the threads.

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "base/child_process.h"
#include "detectors/evidence.h"
#include "gtest/gtest.h"
#include "instrument/race_points.h"

namespace racelab {
namespace {

ChildResult UnderValgrind(const std::string& tool,
                          std::vector<std::string> hammer_args) {
  std::vector<std::string> argv = {
      "valgrind", absl::StrCat("--tool=", tool),
      absl::StrCat("--suppressions=", RACELAB_SOURCE_DIR,
                   "/detectors/valgrind.supp"),
      absl::StrCat("--error-exitcode=", kValgrindErrorExitCode),
      // Stack references are not checked (valgrind_visible_lock.cc says
      // why); DRD skips them by default.
      tool == "helgrind" ? "--check-stack-refs=no" : "--check-stack-var=no",
      "-q", RACELAB_TOOL_PATH, "hammer"};
  argv.insert(argv.end(), hammer_args.begin(), hammer_args.end());
  absl::StatusOr<ChildResult> child = RunChild(argv, absl::Seconds(240));
  EXPECT_TRUE(child.ok()) << child.status()
                          << " (valgrind is installed by scripts/setup)";
  return child.value_or(ChildResult{});
}

class ValgrindDetectorTest : public testing::TestWithParam<const char*> {};

TEST_P(ValgrindDetectorTest, ReportsTheSharedClient) {
  if (!kRacePointsCompiledIn) GTEST_SKIP() << "no race points in this build";
  const ChildResult child =
      UnderValgrind(GetParam(), {"--variant=shared_unsafe", "--threads=2",
                                 "--iterations=1", "--schedule=seed"});
  // Judged by what Valgrind printed, not by its exit code alone.
  const Evidence evidence = ClassifyRun(child);
  EXPECT_EQ(evidence.kind, EvidenceKind::kValgrindReport)
      << evidence.how << " (" << child.Describe() << ")";
  EXPECT_EQ(child.exit_code, kValgrindErrorExitCode) << child.Describe();
  EXPECT_TRUE(absl::StrContains(child.stderr_text, "racelab::repro::Params"))
      << child.stderr_text.substr(0, 4000);
}

TEST_P(ValgrindDetectorTest, EveryFixHasZeroErrors) {
  for (const char* variant : {"per_request", "locked", "copying"}) {
    const ChildResult child =
        UnderValgrind(GetParam(), {absl::StrCat("--variant=", variant),
                                   "--threads=4", "--iterations=50"});
    // The hammer exits 0 only if every request was ok.
    const Evidence evidence = ClassifyRun(child);
    EXPECT_EQ(evidence.kind, EvidenceKind::kClean)
        << variant << ": " << evidence.how << "\n"
        << child.stderr_text.substr(0, 6000);
  }
}

INSTANTIATE_TEST_SUITE_P(HelgrindAndDrd, ValgrindDetectorTest,
                         testing::Values("helgrind", "drd"),
                         [](const testing::TestParamInfo<const char*>& info) {
                           return std::string(info.param);
                         });

}  // namespace
}  // namespace racelab
