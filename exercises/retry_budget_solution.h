// exercises/retry_budget_solution.h
//
// Exercise 2, solved: Describe() read tokens_ without the lock every other
// access takes (TSan: a read in Describe() against a write in TryRetry()).
// Threading: thread-safe; every access to tokens_ holds mu_.

#ifndef RACELAB_EXERCISES_RETRY_BUDGET_SOLUTION_H_
#define RACELAB_EXERCISES_RETRY_BUDGET_SOLUTION_H_

#include <cstdint>
#include <mutex>
#include <string>

namespace racelab::exercises {

class LockedRetryBudget {
 public:
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

}  // namespace racelab::exercises

#endif  // RACELAB_EXERCISES_RETRY_BUDGET_SOLUTION_H_
