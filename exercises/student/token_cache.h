// exercises/student/token_cache.h
//
// Exercise 3, your answer (docs/exercises.md): TokenCache
// (exercises/token_cache.h) made safe to share, two ways that differ in
// what a hit pays. Each class below starts as the starting point itself;
// replace the base class with your own code, then set kSolved to true and
// write kArgument: build/tsan/exercises/exercises_grade_test judges it, and
// build/default/exercises/token_cache_benchmark prices it (until then both
// skip it).
//
// Threading: each class, once solved: safe to share; kArgument says why.

#ifndef RACELAB_EXERCISES_STUDENT_TOKEN_CACHE_H_
#define RACELAB_EXERCISES_STUDENT_TOKEN_CACHE_H_

#include "exercises/token_cache.h"

namespace racelab::exercises::student {

class TokenCache1 : public TokenCache {
 public:
  static constexpr bool kSolved = false;
  // Your thread-safety argument: what the threads share, and why no two of
  // them conflict on it.
  static constexpr const char* kArgument = "";
};

class TokenCache2 : public TokenCache {
 public:
  static constexpr bool kSolved = false;
  static constexpr const char* kArgument = "";
};

}  // namespace racelab::exercises::student

#endif  // RACELAB_EXERCISES_STUDENT_TOKEN_CACHE_H_
