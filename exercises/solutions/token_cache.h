// exercises/solutions/token_cache.h
//
// Exercise 3, solved two ways (docs/exercises-solutions.md): a drop-in for
// exercises/student/token_cache.h, judged by the grading test and priced
// by the benchmark as a student's answer would be.
//
// Threading: each class is safe to share; its kArgument says why.

#ifndef RACELAB_EXERCISES_STUDENT_TOKEN_CACHE_H_
#define RACELAB_EXERCISES_STUDENT_TOKEN_CACHE_H_

#include <mutex>
#include <shared_mutex>
#include <string>
#include <unordered_map>

#include "exercises/token_cache.h"

namespace racelab::exercises::student {

// 1. One mutex around lookup and fill. Returns a copy, so a caller holds
// nothing of the cache. (A reference would be safe too, as long as no
// token is ever rewritten or erased: unordered_map never moves its
// elements, not even when it rehashes.)
// Every call takes turns, hits included.
class TokenCache1 {
 public:
  static constexpr bool kSolved = true;
  static constexpr const char* kArgument =
      "The threads share tokens_. Every lookup and every fill holds mu_, so "
      "no find() overlaps an insert; a caller gets a copy of its token and "
      "holds nothing of the cache afterwards.";

  std::string Token(const std::string& shop) {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = tokens_.find(shop);
    if (it == tokens_.end()) it = tokens_.emplace(shop, SignToken(shop)).first;
    return it->second;
  }

 private:
  std::mutex mu_;
  std::unordered_map<std::string, std::string> tokens_;  // guarded by mu_
};

// 2. Readers share, a miss fills exclusively (and signs outside the lock,
// so one slow signing does not stall the hits).
// Hits run side by side.
class TokenCache2 {
 public:
  static constexpr bool kSolved = true;
  static constexpr const char* kArgument =
      "The threads share tokens_. Lookups hold mu_ shared, so they may run "
      "together but never beside a writer; an insert holds it exclusively. "
      "Two misses on one shop may both sign, and emplace keeps the first "
      "token: both are the same shop's token, so either caller is right.";

  std::string Token(const std::string& shop) {
    {
      std::shared_lock<std::shared_mutex> read(mu_);
      if (auto it = tokens_.find(shop); it != tokens_.end()) return it->second;
    }
    std::string token = SignToken(shop);
    std::unique_lock<std::shared_mutex> write(mu_);
    return tokens_.emplace(shop, std::move(token)).first->second;
  }

 private:
  std::shared_mutex mu_;
  std::unordered_map<std::string, std::string> tokens_;  // guarded by mu_
};

}  // namespace racelab::exercises::student

#endif  // RACELAB_EXERCISES_STUDENT_TOKEN_CACHE_H_
