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

#include <stdlib.h>

#include <cstdint>
#include <string>

#include "racelab/operations.h"
#include "racelab/share.h"

namespace racelab::exercises {

// Every exercise declares its calls with racelab::Operations<T>: each
// call RETURNS its result, so besides the data-race hammer MayShare checks
// histories of those results against the class itself. That is what
// catches an answer with every access locked that still lets one call's
// steps interleave with another's (exercise 1's lock-each-step Send, the
// exact wrong fix docs/lab.md part 5 teaches against), which no check of
// one call alone and no data-race detector can see.

// The options every exercise is checked with: a fixed seed, so that a grade
// is the same on every run and at any load (the history check's schedules
// are a function of the seed: docs/own-class.md). RACELAB_SEED, when set,
// still wins: to replay a failure, or to try another seed.
inline constexpr uint64_t kGradeSeed = 20261206;
inline ShareOptions GradeOptions() {
  ShareOptions options;
  if (getenv("RACELAB_SEED") == nullptr) options.seed = kGradeSeed;
  return options;
}

// Exercise 1: each request must be sent with its own headers. The trace id
// is the call's own ("t<thread>-<number>"), so a request sent with another
// request's trace, or without one, differs from every one-at-a-time order.
template <typename Client>
Operations<Client> SendOps() {
  return Operations<Client>().Op("Send", [](Client& client, const Call& call) {
    return client.Send("t" + std::to_string(call.thread) + "-" +
                       std::to_string(call.number));
  });
}

// Exercise 2: retries and a log line, from every thread. Request numbers
// 0..11, so that a refill (every 10th) falls among them.
template <typename Budget>
Operations<Budget> BudgetOps() {
  return Operations<Budget>()
      .Op("TryRetry", &Budget::TryRetry, Range<int64_t>(0, 11))
      .Op("Describe", &Budget::Describe);
}

// Exercise 3: every shop's token is its own. Three shops, so that callers
// collide; the token is returned by value (a reference into the cache
// would be read after the call).
template <typename Cache>
Operations<Cache> TokenOps() {
  return Operations<Cache>().Op(
      "Token",
      [](Cache& cache, const std::string& shop) {
        return std::string(cache.Token(shop));
      },
      OneOf<std::string>({"shop-0", "shop-1", "shop-2"}));
}

// Exercise 4: no data race at all; only the history check can see it. Two
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
