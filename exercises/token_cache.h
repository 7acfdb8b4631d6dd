// exercises/token_cache.h
//
// Exercise 3, the starting point (docs/exercises.md): a cache of signing
// tokens per shop, filled on first use. Leave this file as it is: your
// answers go in exercises/student/token_cache.h, and the benchmark
// (exercises/student/token_cache_benchmark.cc) prices them.
//
// Threading: one instance may not be shared by threads at once.

#ifndef RACELAB_EXERCISES_TOKEN_CACHE_H_
#define RACELAB_EXERCISES_TOKEN_CACHE_H_

#include <functional>
#include <string>
#include <unordered_map>

namespace racelab::exercises {

// The expensive part the cache saves: stands in for a signing round trip.
inline std::string SignToken(const std::string& shop) {
  std::string token = shop;
  for (int i = 0; i < 200; ++i) {
    token = std::to_string(std::hash<std::string>()(token + "secret"));
  }
  return token;
}

class TokenCache {
 public:
  const std::string& Token(const std::string& shop) {
    auto it = tokens_.find(shop);
    if (it == tokens_.end()) {
      it = tokens_.emplace(shop, SignToken(shop)).first;
    }
    return it->second;
  }

 private:
  std::unordered_map<std::string, std::string> tokens_;
};

}  // namespace racelab::exercises

#endif  // RACELAB_EXERCISES_TOKEN_CACHE_H_
