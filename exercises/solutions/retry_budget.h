// exercises/solutions/retry_budget.h
//
// Exercise 2, solved (docs/exercises-solutions.md): a drop-in for
// exercises/student/retry_budget.h. Describe() read tokens_ without the
// lock every other access takes (TSan: a read in Describe() against a
// write in TryRetry()).
//
// Threading: safe to share; kArgument says why.

#ifndef RACELAB_EXERCISES_STUDENT_RETRY_BUDGET_H_
#define RACELAB_EXERCISES_STUDENT_RETRY_BUDGET_H_

#include <cstdint>
#include <mutex>
#include <string>

namespace racelab::exercises::student {

class RetryBudget1 {
 public:
  static constexpr bool kSolved = true;
  static constexpr const char* kArgument =
      "The threads share tokens_. Every access to it, the read in "
      "Describe() included, holds mu_, so no read overlaps a write and "
      "each call sees the count the last call left.";

  bool TryRetry(int64_t request) {
    std::lock_guard<std::mutex> lock(mu_);
    if (request % 10 == 0) tokens_ = 5;
    if (tokens_ == 0) return false;
    --tokens_;
    return true;
  }

  std::string Describe() const {
    std::lock_guard<std::mutex> lock(mu_);  // the missing lock
    return "retry budget: " + std::to_string(tokens_) + " tokens";
  }

 private:
  mutable std::mutex mu_;
  int64_t tokens_ = 5;  // guarded by mu_
};

}  // namespace racelab::exercises::student

#endif  // RACELAB_EXERCISES_STUDENT_RETRY_BUDGET_H_
