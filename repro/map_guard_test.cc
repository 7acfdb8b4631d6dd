// repro/map_guard_test.cc
//
// The Go-style map guard (instrument/go_map.h) on the real buggy client, through
// `racelab_guard`, the tool built with the guard as Params' storage. Run in
// child processes: the guard ends the process on purpose.

#include <csignal>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "base/child_process.h"
#include "gtest/gtest.h"
#include "instrument/race_points.h"

namespace racelab {
namespace {

ChildResult Guarded(std::vector<std::string> args) {
  args.insert(args.begin(), {RACELAB_GUARD_TOOL_PATH, "hammer"});
  absl::StatusOr<ChildResult> child = RunChild(args, absl::Seconds(120));
  EXPECT_TRUE(child.ok()) << child.status();
  return child.value_or(ChildResult{});
}

TEST(MapGuardTest, ForcedSeedInterleavingIsCaughtWithBothParties) {
  if (!kRacePointsCompiledIn) GTEST_SKIP() << "no race points in this build";
  // B writes its parameters while A is inside DeepCopy's loop: B's write
  // finds A's iteration registered, every time.
  const ChildResult child = Guarded({"--variant=shared_unsafe", "--threads=2",
                                     "--iterations=1", "--schedule=seed"});
  EXPECT_FALSE(child.exited) << child.stdout_text;
  EXPECT_EQ(child.term_signal, SIGABRT) << child.Describe();
  const std::string& report = child.stderr_text;
  EXPECT_TRUE(absl::StartsWith(
      report, "fatal error: concurrent map iteration and map write\n"))
      << report;
  // The thread that noticed: B, writing in Params::Set from SetParams.
  const size_t noticed = report.find("[noticed it]:");
  const size_t other = report.find("[the other party");
  ASSERT_NE(noticed, std::string::npos) << report;
  ASSERT_NE(other, std::string::npos) << report;
  const std::string noticer = report.substr(noticed, other - noticed);
  EXPECT_TRUE(absl::StrContains(noticer, "Params::Set")) << report;
  EXPECT_TRUE(absl::StrContains(noticer, "HttpApp::SetParams")) << report;
  // The other party: A, held inside DeepCopy's loop by the schedule.
  EXPECT_TRUE(absl::StrContains(report.substr(other), "DeepCopy")) << report;
}

TEST(MapGuardTest, FixedVariantsNeverTripTheGuard) {
  // per_request and locked run repro's guarded Params too; copying has its
  // own request maps. None may be reported.
  for (const char* variant : {"per_request", "locked", "copying"}) {
    const ChildResult child = Guarded({absl::StrCat("--variant=", variant),
                                       "--threads=8", "--iterations=2000"});
    EXPECT_TRUE(child.exited) << variant << ": " << child.Describe() << "\n"
                              << child.stderr_text;
    EXPECT_EQ(child.exit_code, 0) << variant << "\n" << child.stdout_text;
    EXPECT_FALSE(absl::StrContains(child.stderr_text, "fatal error"))
        << variant << "\n"
        << child.stderr_text;
  }
}

}  // namespace
}  // namespace racelab
