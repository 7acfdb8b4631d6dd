// exercises/student/retry_budget.h
//
// Exercise 2, your answer (docs/exercises.md): RetryBudget
// (exercises/retry_budget.h), found racy from its TSan report and made safe
// to share. The class below starts as the starting point itself; replace
// the base class with your own code, then set kSolved to true and write
// kArgument: build/tsan/exercises/exercises_grade_test judges it (until
// then its test is SKIPPED).
//
// Threading: once solved: safe to share; kArgument says why.

#ifndef RACELAB_EXERCISES_STUDENT_RETRY_BUDGET_H_
#define RACELAB_EXERCISES_STUDENT_RETRY_BUDGET_H_

#include "exercises/retry_budget.h"

namespace racelab::exercises::student {

class RetryBudget1 : public RetryBudget {
 public:
  static constexpr bool kSolved = false;
  // Your thread-safety argument: what the threads share, and why no two of
  // them conflict on it.
  static constexpr const char* kArgument = "";
};

}  // namespace racelab::exercises::student

#endif  // RACELAB_EXERCISES_STUDENT_RETRY_BUDGET_H_
