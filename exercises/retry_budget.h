// exercises/retry_budget.h
//
// Exercise 2, the starting point (docs/exercises.md): a retry budget shared
// by every request of a client. Leave this file as it is: your answer goes
// in exercises/student/retry_budget.h.
//
// Threading: meant to be shared by threads; whether it may be is the
// exercise.

#ifndef RACELAB_EXERCISES_RETRY_BUDGET_H_
#define RACELAB_EXERCISES_RETRY_BUDGET_H_

#include <cstdint>
#include <mutex>
#include <string>

namespace racelab::exercises {

class RetryBudget {
 public:
  // May this request retry? Every 10th request refills the budget.
  bool TryRetry(int64_t request) {
    std::lock_guard<std::mutex> lock(mu_);
    if (request % 10 == 0) Refill();
    if (tokens_ == 0) return false;
    --tokens_;
    return true;
  }

  // For a log line: how the budget stands.
  std::string Describe() const {
    return "retry budget: " + std::to_string(tokens_) + " tokens";
  }

 private:
  void Refill() { tokens_ = 5; }

  mutable std::mutex mu_;
  int64_t tokens_ = 5;
};

}  // namespace racelab::exercises

#endif  // RACELAB_EXERCISES_RETRY_BUDGET_H_
