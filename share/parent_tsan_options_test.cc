// share/parent_tsan_options_test.cc
//
// How a MayShare child's TSan options are merged with the user's own.

#include "share/parent_tsan_options.h"

#include <string>

#include "absl/strings/match.h"
#include "base/atomic_file.h"
#include "gtest/gtest.h"

namespace racelab::share_internal {
namespace {

TEST(SuppressionsFlagTest, FindsTheLastSuppressionsFlagInAnySyntax) {
  EXPECT_EQ(SuppressionsFlag(""), "");
  EXPECT_EQ(SuppressionsFlag("history_size=3:halt_on_error=0"), "");
  EXPECT_EQ(SuppressionsFlag("suppressions=/a.supp"), "/a.supp");
  EXPECT_EQ(SuppressionsFlag("history_size=3 suppressions=/a.supp,verbosity=1"),
            "/a.supp");
  EXPECT_EQ(SuppressionsFlag("suppressions=/a.supp:suppressions=/b.supp"),
            "/b.supp");
  EXPECT_EQ(SuppressionsFlag("suppressions='/with space.supp':x=1"),
            "/with space.supp");
  EXPECT_EQ(SuppressionsFlag("suppressions=\"/q.supp\""), "/q.supp");
  EXPECT_EQ(SuppressionsFlag("my_suppressions=/no.supp"), "");
  EXPECT_EQ(SuppressionsFlag("report_bugs suppressions=/a.supp"), "/a.supp");
}

TEST(ChildSuppressionsTest, KeepsTheUsersFileRacelabsLineAndTheExtra) {
  const std::string user_file =
      ::testing::TempDir() + "/parent_tsan_options_user.supp";
  ASSERT_TRUE(WriteFileAtomically(user_file, "race:FromTheUsersFile\n").ok());

  absl::StatusOr<std::string> text = ChildSuppressions(
      "history_size=3:suppressions=" + user_file, "", "race:FromTheOptions");
  ASSERT_TRUE(text.ok()) << text.status();
  EXPECT_TRUE(absl::StrContains(*text, "race:FromTheUsersFile\n"));
  EXPECT_TRUE(absl::StrContains(*text, "Waiter::Post"));
  EXPECT_TRUE(absl::StrContains(*text, "race:FromTheOptions\n"));

  // TSAN_OPTIONS is read after __tsan_default_options(): its file wins.
  const std::string env_file =
      ::testing::TempDir() + "/parent_tsan_options_env.supp";
  ASSERT_TRUE(WriteFileAtomically(env_file, "race:FromTheEnvironment\n").ok());
  text = ChildSuppressions("suppressions=" + user_file,
                           "suppressions=" + env_file, "");
  ASSERT_TRUE(text.ok()) << text.status();
  EXPECT_TRUE(absl::StrContains(*text, "race:FromTheEnvironment\n"));
  EXPECT_FALSE(absl::StrContains(*text, "race:FromTheUsersFile"));
}

TEST(ChildSuppressionsTest, AnUnreadableFileIsNamed) {
  absl::StatusOr<std::string> text =
      ChildSuppressions("", "suppressions=/nonexistent/racelab.supp", "");
  ASSERT_FALSE(text.ok());
  EXPECT_TRUE(absl::StrContains(text.status().message(),
                                "TSAN_OPTIONS (suppressions="
                                "/nonexistent/racelab.supp) cannot be read"))
      << text.status();
}

TEST(ChildTsanOptionsTest, RacelabsFlagsComeAfterTheUsersSoTheyWin) {
  EXPECT_EQ(ChildTsanOptions("", "/tmp/x.supp"),
            "halt_on_error=1:exitcode=66:suppressions=/tmp/x.supp");
  EXPECT_EQ(ChildTsanOptions("history_size=3:exitcode=5", "/tmp/x.supp"),
            "history_size=3:exitcode=5:halt_on_error=1:exitcode=66:"
            "suppressions=/tmp/x.supp");
}

}  // namespace
}  // namespace racelab::share_internal
