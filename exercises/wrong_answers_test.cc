// exercises/wrong_answers_test.cc
//
// The graders of docs/exercises.md hold against a plausible wrong answer
// to each exercise (exercises/wrong_answers.h): the same operations that
// grade a student's answer (exercise_operations.h) must report each of
// them. The data races (exercises 2 and 3) are checked in the TSan build,
// the one the lab prescribes; the race conditions (1 and 4) in both
// builds, by the history check.

#include "exercises/wrong_answers.h"

#include <string>

#include "exercises/exercise_operations.h"
#include "gtest/gtest.h"
#include "racelab/share.h"

namespace racelab::exercises::wrong {
namespace {

#define RACELAB_NEEDS_TSAN()                                              \
  if (!ThreadSanitizerActive())                                           \
  GTEST_SKIP() << "a data race that may give no wrong result: graded in " \
                  "the TSan build, as the lab prescribes"

// What a grader printed for a wrong answer: it must say why, in the words
// a student reads.
void ExpectCaught(const ::testing::AssertionResult& result,
                  const std::string& why) {
  EXPECT_TRUE(result);
  EXPECT_NE(std::string(result.message()).find(why), std::string::npos)
      << result.message();
}

TEST(WrongAnswers, Exercise1LockEachStepSendIsCaught) {
  ExpectCaught(IsReportedRacy(SendOps<LockEachStepHeaders>(), GradeOptions()),
               "not linearizable");
}

TEST(WrongAnswers, Exercise2UnlockedRefillIsCaught) {
  RACELAB_NEEDS_TSAN();
  ExpectCaught(
      IsReportedRacy(BudgetOps<UnlockedRefillBudget>(), GradeOptions()),
      "data race");
}

TEST(WrongAnswers, Exercise3UnlockedLookupIsCaught) {
  RACELAB_NEEDS_TSAN();
  ExpectCaught(IsReportedRacy(TokenOps<UnlockedLookupCache>(), GradeOptions()),
               "data race");
}

TEST(WrongAnswers, Exercise4CountGrewRedeemIsCaught) {
  ExpectCaught(IsReportedRacy(CouponOps<CountGrewBook>(), GradeOptions()),
               "not linearizable");
}

}  // namespace
}  // namespace racelab::exercises::wrong
