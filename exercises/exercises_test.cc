// exercises/exercises_test.cc
//
// The starting points of docs/exercises.md, pinned through the public API
// the way a student would check them: each is reported racy (the data
// races in the TSan build; the race condition in both builds), judged by
// racelab's classifier. A student's answers are graded by
// exercises/student/*_test.cc. DISABLED_ tests show a starting point's
// report on demand:
//   build/tsan/exercises/exercises_test --gtest_also_run_disabled_tests \
//       --gtest_filter='*ShowTheReport*'

#include "exercises/coupon_book.h"
#include "exercises/exercise_operations.h"
#include "exercises/request_headers.h"
#include "exercises/retry_budget.h"
#include "exercises/token_cache.h"
#include "gtest/gtest.h"
#include "racelab/share.h"

namespace racelab::exercises {
namespace {

#define RACELAB_NEEDS_TSAN()                                                  \
  if (!ThreadSanitizerActive())                                               \
  GTEST_SKIP() << "a starting point is pinned in the TSan build (a race may " \
                  "give no wrong result)"

TEST(RequestHeadersExercise, TheStartingPointIsReported) {
  RACELAB_NEEDS_TSAN();
  EXPECT_TRUE(IsReportedRacy(SendOps<RequestHeaders>(), GradeOptions()));
}
TEST(RequestHeadersExercise, DISABLED_ShowTheReport) {
  // Fails on purpose, printing what went wrong: the exercise's step 1.
  EXPECT_TRUE(MayShare(SendOps<RequestHeaders>(), GradeOptions()));
}

TEST(RetryBudgetExercise, TheStartingPointIsReported) {
  RACELAB_NEEDS_TSAN();
  EXPECT_TRUE(IsReportedRacy(BudgetOps<RetryBudget>(), GradeOptions()));
}
TEST(RetryBudgetExercise, DISABLED_ShowTheReport) {
  // Fails on purpose, printing the TSan report's key lines: the exercise.
  EXPECT_TRUE(MayShare(BudgetOps<RetryBudget>(), GradeOptions()));
}

TEST(TokenCacheExercise, TheStartingPointIsReported) {
  RACELAB_NEEDS_TSAN();
  EXPECT_TRUE(IsReportedRacy(TokenOps<TokenCache>(), GradeOptions()));
}

// No data race: every access is locked, so this one is caught in both
// builds, by the history check alone.
TEST(CouponBookExercise, TheStartingPointIsReported) {
  const ::testing::AssertionResult result =
      IsReportedRacy(CouponOps<CouponBook>(), GradeOptions());
  EXPECT_TRUE(result);
  EXPECT_NE(std::string(result.message()).find("not linearizable"),
            std::string::npos)
      << result.message();
}
TEST(CouponBookExercise, DISABLED_ShowTheReport) {
  // Fails on purpose, printing the history that no order explains.
  EXPECT_TRUE(MayShare(CouponOps<CouponBook>(), GradeOptions()));
}

}  // namespace
}  // namespace racelab::exercises
