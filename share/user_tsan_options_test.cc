// share/user_tsan_options_test.cc
//
// A user's test binary with its OWN TSan settings next to racelab's: its
// __tsan_default_options() sets flags that would break a MayShare child
// (halt_on_error=0, exitcode=3) and names a suppressions file; its
// TSAN_OPTIONS may name another. racelab's two flags must win in the child,
// and the user's suppressions must still apply (share/parent_tsan_options.h).
// This binary does not link racelab's own instrument/tsan_options.cc.

#include <stdlib.h>

#include <memory>
#include <string>

#include "absl/strings/match.h"
#include "base/build_info.h"
#include "gtest/gtest.h"
#include "racelab/share.h"

extern "C" const char* __tsan_default_options() {
  return "halt_on_error=0:exitcode=3:history_size=3:"
         "suppressions=" RACELAB_USER_DEFAULTS_SUPPRESSIONS;
}

namespace racelab {
namespace {

// Three copies of a plainly racy tally (++ on a shared int), told apart by
// name only: suppressed by the user's __tsan_default_options() file, by the
// user's TSAN_OPTIONS file, and not at all.
#define RACELAB_TALLY(Name)                        \
  class Name {                                     \
   public:                                         \
    __attribute__((noinline)) void Add() { ++n_; } \
                                                   \
   private:                                        \
    int n_ = 0;                                    \
  };
RACELAB_TALLY(UserSuppressedTally)
RACELAB_TALLY(EnvSuppressedTally)
RACELAB_TALLY(UnsuppressedTally)
#undef RACELAB_TALLY

template <typename Tally>
Operations<Tally> AddOps() {
  return Operations<Tally>().Check("add", [](Tally& tally, const Call&) {
    tally.Add();
    return std::string();
  });
}

// Sets TSAN_OPTIONS for one scope, restoring what was there.
class ScopedTsanOptions {
 public:
  explicit ScopedTsanOptions(const std::string& value) {
    if (const char* old = getenv("TSAN_OPTIONS")) {
      had_ = true;
      old_ = old;
    }
    setenv("TSAN_OPTIONS", value.c_str(), 1);
  }
  ~ScopedTsanOptions() {
    if (had_) {
      setenv("TSAN_OPTIONS", old_.c_str(), 1);
    } else {
      unsetenv("TSAN_OPTIONS");
    }
  }

 private:
  bool had_ = false;
  std::string old_;
};

TEST(UserTsanOptionsTest, RacelabsFlagsWinOverTheUsersDefaults) {
  if (!IsTsanBuild()) GTEST_SKIP() << "needs ThreadSanitizer";
  // halt_on_error=0:exitcode=3 from the user would let the child run on
  // past the report; it must still be caught.
  EXPECT_TRUE(IsReportedRacy(AddOps<UnsuppressedTally>()));
}

TEST(UserTsanOptionsTest, TheUsersDefaultSuppressionsFileStillApplies) {
  if (!IsTsanBuild()) GTEST_SKIP() << "needs ThreadSanitizer";
  EXPECT_TRUE(MayShare(AddOps<UserSuppressedTally>()));
}

TEST(UserTsanOptionsTest, TheUsersEnvironmentSuppressionsFileStillApplies) {
  if (!IsTsanBuild()) GTEST_SKIP() << "needs ThreadSanitizer";
  const ScopedTsanOptions env(
      "history_size=2:suppressions=" RACELAB_USER_ENV_SUPPRESSIONS);
  EXPECT_TRUE(MayShare(AddOps<EnvSuppressedTally>()));
  // ... and the unsuppressed twin is still reported under it.
  EXPECT_TRUE(IsReportedRacy(AddOps<UnsuppressedTally>()));
}

TEST(UserTsanOptionsTest, OptionSuppressionsAddToTheUsersFile) {
  if (!IsTsanBuild()) GTEST_SKIP() << "needs ThreadSanitizer";
  ShareOptions options;
  options.tsan_suppressions = "race:UnsuppressedTally";
  EXPECT_TRUE(MayShare(AddOps<UnsuppressedTally>(), options));
}

TEST(UserTsanOptionsTest, AnUnreadableSuppressionsFileIsNamed) {
  const ScopedTsanOptions env("suppressions=/nonexistent/yours.supp");
  const ::testing::AssertionResult result =
      MayShare(AddOps<UnsuppressedTally>());
  EXPECT_FALSE(result);
  EXPECT_TRUE(absl::StrContains(result.message(), "/nonexistent/yours.supp"))
      << result.message();
}

}  // namespace
}  // namespace racelab
