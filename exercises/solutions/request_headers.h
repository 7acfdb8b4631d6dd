// exercises/solutions/request_headers.h
//
// Exercise 1, solved three ways (docs/exercises-solutions.md): a drop-in
// for exercises/student/request_headers.h. ctest builds the grading test
// with this file in the student file's place
// (exercises_grade_solutions_test), so each answer is judged as a
// student's would be.
//
// Threading: each class is safe to share; its kArgument says why.

#ifndef RACELAB_EXERCISES_STUDENT_REQUEST_HEADERS_H_
#define RACELAB_EXERCISES_STUDENT_REQUEST_HEADERS_H_

#include <map>
#include <mutex>
#include <string>

namespace racelab::exercises::student {

// Synchronisation: every Send() holds mu_ from the first write to the
// clear, so calls take turns.
class RequestHeaders1 {
 public:
  static constexpr bool kSolved = true;
  static constexpr const char* kArgument =
      "The threads share headers_. Every access to it is inside Send(), "
      "under mu_, from the first write to the clear: no two calls are ever "
      "inside it at once, and each call leaves it empty for the next.";

  std::string Send(const std::string& trace_id) {
    std::lock_guard<std::mutex> lock(mu_);
    headers_["X-Trace"] = trace_id;
    headers_["User-Agent"] = "racelab";
    std::string request;
    for (const auto& [name, value] : headers_) {
      request += name + ": " + value + "\n";
    }
    headers_.clear();
    return request;
  }

 private:
  std::mutex mu_;
  std::map<std::string, std::string> headers_;  // guarded by mu_
};

// Confinement to the call: the headers live in Send()'s frame.
class RequestHeaders2 {
 public:
  static constexpr bool kSolved = true;
  static constexpr const char* kArgument =
      "The threads share the object, and the object holds no state: the "
      "headers are a local of Send(), one map per call, which no other "
      "thread can reach.";

  std::string Send(const std::string& trace_id) const {
    const std::map<std::string, std::string> headers = {
        {"X-Trace", trace_id}, {"User-Agent", "racelab"}};
    std::string request;
    for (const auto& [name, value] : headers) {
      request += name + ": " + value + "\n";
    }
    return request;
  }
};

// Confinement to the thread: one map per thread, shared by every instance
// that thread uses (a thread_local belongs to a thread, not to an object).
class RequestHeaders3 {
 public:
  static constexpr bool kSolved = true;
  static constexpr const char* kArgument =
      "The threads share the object, which holds no state; the map is "
      "thread_local, so each thread has its own and no other thread can "
      "reach it. Every instance used on one thread shares that thread's map, "
      "which is safe because Send() leaves it empty.";

  std::string Send(const std::string& trace_id) {
    thread_local std::map<std::string, std::string> headers;
    headers["X-Trace"] = trace_id;
    headers["User-Agent"] = "racelab";
    std::string request;
    for (const auto& [name, value] : headers) {
      request += name + ": " + value + "\n";
    }
    headers.clear();
    return request;
  }
};

}  // namespace racelab::exercises::student

#endif  // RACELAB_EXERCISES_STUDENT_REQUEST_HEADERS_H_
