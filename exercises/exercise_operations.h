// exercises/exercise_operations.h
//
// How racelab::MayShare exercises each class of docs/exercises.md: the
// operations the starting points are pinned with (exercises_test.cc) and
// a student's answers are graded with (exercises/student/*_test.cc), the
// same for both.
//
// Threading: functions only; each returns a fresh value.

#ifndef RACELAB_EXERCISES_EXERCISE_OPERATIONS_H_
#define RACELAB_EXERCISES_EXERCISE_OPERATIONS_H_

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "exercises/token_cache.h"
#include "racelab/operations.h"
#include "racelab/share.h"

namespace racelab::exercises {

template <typename T>
std::function<std::unique_ptr<T>()> Make() {
  return [] { return std::make_unique<T>(); };
}

// Exercise 1: each request must be sent with its own trace id.
template <typename Client>
std::vector<Operation<Client>> SendOps() {
  return {{"send", [](Client& client, const Call& call) {
             const std::string trace = "t" + std::to_string(call.thread) + "-" +
                                       std::to_string(call.number);
             const std::string sent = client.Send(trace);
             return sent == "User-Agent: racelab\nX-Trace: " + trace + "\n"
                        ? std::string()
                        : "sent another request's headers: " + sent;
           }}};
}

// Exercise 2: retries and a log line, from every thread.
template <typename Budget>
std::vector<Operation<Budget>> BudgetOps() {
  return {{"try_retry",
           [](Budget& budget, const Call& call) {
             budget.TryRetry(call.number);
             return std::string();
           }},
          {"describe", [](Budget& budget, const Call&) {
             return budget.Describe().rfind("retry budget: ", 0) == 0
                        ? std::string()
                        : "a torn log line";
           }}};
}

// Exercise 3: every shop's token is its own.
template <typename Cache>
std::vector<Operation<Cache>> TokenOps() {
  return {{"token", [](Cache& cache, const Call& call) {
             const std::string shop = "shop-" + std::to_string(call.number % 3);
             return std::string(cache.Token(shop)) == SignToken(shop)
                        ? std::string()
                        : "another shop's token";
           }}};
}

// Exercise 4: no per-call check at all; the history check compares what
// the calls returned with the class itself, replayed one at a time. Two
// codes, so that callers collide.
template <typename Book>
Operations<Book> CouponOps() {
  return Operations<Book>()
      .Op("Redeem", &Book::Redeem, Range(0, 1))
      .Op("IsRedeemed", &Book::IsRedeemed, Range(0, 1))
      .Op("Redeemed", &Book::Redeemed);
}

}  // namespace racelab::exercises

#endif  // RACELAB_EXERCISES_EXERCISE_OPERATIONS_H_
