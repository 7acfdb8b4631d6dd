// exercises/student/request_headers.h
//
// Exercise 1, your answer (docs/exercises.md): RequestHeaders
// (exercises/request_headers.h) made safe to share, three different ways.
// Each class below starts as the starting point itself; replace the base
// class with your own code. When a class is your answer, set its kSolved
// to true and write its kArgument; build/tsan/exercises/exercises_grade_test
// then judges it (until then its test is SKIPPED).
//
// Threading: each class, once solved: safe to share; kArgument says why.

#ifndef RACELAB_EXERCISES_STUDENT_REQUEST_HEADERS_H_
#define RACELAB_EXERCISES_STUDENT_REQUEST_HEADERS_H_

#include <string>

#include "exercises/request_headers.h"

namespace racelab::exercises::student {

class RequestHeaders1 : public RequestHeaders {
 public:
  static constexpr bool kSolved = false;
  // Your thread-safety argument: what the threads share, and why no two of
  // them conflict on it.
  static constexpr const char* kArgument = "";
};

class RequestHeaders2 : public RequestHeaders {
 public:
  static constexpr bool kSolved = false;
  static constexpr const char* kArgument = "";
};

class RequestHeaders3 : public RequestHeaders {
 public:
  static constexpr bool kSolved = false;
  static constexpr const char* kArgument = "";
};

}  // namespace racelab::exercises::student

#endif  // RACELAB_EXERCISES_STUDENT_REQUEST_HEADERS_H_
