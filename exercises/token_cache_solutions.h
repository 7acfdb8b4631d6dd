// exercises/token_cache_solutions.h
//
// Exercise 3, solved two ways (docs/exercises.md); both pinned clean by
// exercises/exercises_test.cc, and priced by
// exercises/token_cache_benchmark.cc.

#ifndef RACELAB_EXERCISES_TOKEN_CACHE_SOLUTIONS_H_
#define RACELAB_EXERCISES_TOKEN_CACHE_SOLUTIONS_H_

#include <mutex>
#include <shared_mutex>
#include <string>
#include <unordered_map>

#include "exercises/token_cache.h"

namespace racelab::exercises {

// 1. One mutex around lookup and fill. Returns a copy, so a caller holds
// nothing of the cache. (A reference would be safe too, as long as no
// token is ever rewritten or erased: unordered_map never moves its
// elements, not even when it rehashes.)
// Threading: thread-safe; every call takes turns, hits included.
class LockedTokenCache {
 public:
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
// Threading: thread-safe; hits run in parallel.
class SharedLockTokenCache {
 public:
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

}  // namespace racelab::exercises

#endif  // RACELAB_EXERCISES_TOKEN_CACHE_SOLUTIONS_H_
