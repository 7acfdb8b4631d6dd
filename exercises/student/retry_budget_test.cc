// exercises/student/retry_budget_test.cc
//
// Grades exercise 2 (exercises/student/retry_budget.h): once solved, the
// budget must be safe to share, its log line included.

#include "exercises/student/retry_budget.h"

#include "exercises/exercise_operations.h"
#include "exercises/student/grading.h"
#include "gtest/gtest.h"
#include "racelab/share.h"

namespace racelab::exercises::student {
namespace {

TEST(Exercise2, RetryBudget1MayBeShared) {
  RACELAB_GRADE(RetryBudget1, "exercises/student/retry_budget.h");
  EXPECT_TRUE(MayShare(BudgetOps<RetryBudget1>(), GradeOptions()));
}

}  // namespace
}  // namespace racelab::exercises::student
