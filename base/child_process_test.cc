// base/child_process_test.cc

#include "base/child_process.h"

#include <stdlib.h>

#include <chrono>
#include <csignal>
#include <thread>

#include "absl/strings/match.h"
#include "gtest/gtest.h"

namespace racelab {
namespace {

TEST(RunChildTest, CapturesExitCodeAndBothStreams) {
  absl::StatusOr<ChildResult> child = RunChild(
      {"/bin/sh", "-c", "echo out; echo err >&2; exit 3"}, absl::Seconds(30));
  ASSERT_TRUE(child.ok()) << child.status();
  EXPECT_TRUE(child->exited);
  EXPECT_EQ(child->exit_code, 3);
  EXPECT_FALSE(child->timed_out);
  EXPECT_EQ(child->stdout_text, "out\n");
  EXPECT_EQ(child->stderr_text, "err\n");
  EXPECT_EQ(child->Describe(), "exit 3");
}

TEST(RunChildTest, ReportsTheKillingSignal) {
  absl::StatusOr<ChildResult> child =
      RunChild({"/bin/sh", "-c", "kill -SEGV $$"}, absl::Seconds(30));
  ASSERT_TRUE(child.ok()) << child.status();
  EXPECT_FALSE(child->exited);
  EXPECT_EQ(child->term_signal, SIGSEGV);
  EXPECT_TRUE(absl::StartsWith(child->Describe(), "signal 11"))
      << child->Describe();
}

TEST(RunChildTest, KillsAHangAtTheTimeout) {
  absl::StatusOr<ChildResult> child =
      RunChild({"/bin/sh", "-c", "sleep 60"}, absl::Milliseconds(200));
  ASSERT_TRUE(child.ok()) << child.status();
  EXPECT_TRUE(child->timed_out);
  EXPECT_FALSE(child->exited);
  EXPECT_EQ(child->term_signal, SIGKILL);
  EXPECT_LT(child->wall, absl::Seconds(30));
}

TEST(RunChildTest, CancelKillsTheChildPromptly) {
  std::atomic<bool> cancel{false};
  std::jthread canceller([&cancel] {
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    cancel.store(true);
  });
  absl::StatusOr<ChildResult> child =
      RunChild({"/bin/sh", "-c", "sleep 60"},
               {.timeout = absl::Seconds(60), .cancel = &cancel});
  ASSERT_TRUE(child.ok()) << child.status();
  EXPECT_TRUE(child->cancelled);
  EXPECT_FALSE(child->timed_out);
  EXPECT_EQ(child->term_signal, SIGKILL);
  EXPECT_EQ(child->Describe(), "cancelled (killed)");
  EXPECT_LT(child->wall, absl::Seconds(30));
}

TEST(RunChildTest, LargeOutputIsNotLost) {
  absl::StatusOr<ChildResult> child =
      RunChild({"/bin/sh", "-c", "head -c 1000000 /dev/zero | tr '\\0' x"},
               absl::Seconds(30));
  ASSERT_TRUE(child.ok()) << child.status();
  EXPECT_EQ(child->stdout_text.size(), 1000000u);
}

// The child gets this process's environment as it is now (a variable set
// after start-up included), with `env`'s entries replacing or adding to it.
TEST(RunChildTest, PassesTheEnvironmentAsSetNow) {
  ASSERT_EQ(setenv("RACELAB_CHILD_TEST_SET", "parent", 1), 0);
  ASSERT_EQ(setenv("RACELAB_CHILD_TEST_REPLACED", "parent", 1), 0);
  absl::StatusOr<ChildResult> child =
      RunChild({"/bin/sh", "-c",
                "echo \"$RACELAB_CHILD_TEST_SET/$RACELAB_CHILD_TEST_REPLACED/"
                "$RACELAB_CHILD_TEST_ADDED\""},
               {.timeout = absl::Seconds(30),
                .env = {"RACELAB_CHILD_TEST_REPLACED=env",
                        "RACELAB_CHILD_TEST_ADDED=env"}});
  unsetenv("RACELAB_CHILD_TEST_SET");
  unsetenv("RACELAB_CHILD_TEST_REPLACED");
  ASSERT_TRUE(child.ok()) << child.status();
  EXPECT_EQ(child->stdout_text, "parent/env/env\n");
}

TEST(RunChildTest, MissingProgramIsAnError) {
  EXPECT_FALSE(
      RunChild({"/nonexistent/racelab-no-such-tool"}, absl::Seconds(5)).ok());
  EXPECT_FALSE(RunChild({}, absl::Seconds(5)).ok());
}

TEST(SelfExecutablePathTest, NamesThisTestBinary) {
  absl::StatusOr<std::string> path = SelfExecutablePath();
  ASSERT_TRUE(path.ok()) << path.status();
  EXPECT_TRUE(absl::EndsWith(*path, "base_test")) << *path;
}

TEST(RunChildTest, EnvEntriesReplaceOrAddToTheInheritedEnvironment) {
  absl::StatusOr<ChildResult> child =
      RunChild({"/bin/sh", "-c", "echo \"$RACELAB_ADDED $HOME\""},
               {.timeout = absl::Seconds(10),
                .env = {"RACELAB_ADDED=yes", "HOME=/replaced"}});
  ASSERT_TRUE(child.ok()) << child.status();
  EXPECT_EQ(child->stdout_text, "yes /replaced\n");
  // PATH was inherited: /bin/sh found `echo` either way, and sh -c ran.
  EXPECT_EQ(child->exit_code, 0);
}

}  // namespace
}  // namespace racelab
