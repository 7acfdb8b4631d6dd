// exercises/request_headers_solutions.h
//
// Exercise 1, solved three ways (docs/exercises.md). Each is pinned clean by
// exercises/exercises_test.cc, in both builds.

#ifndef RACELAB_EXERCISES_REQUEST_HEADERS_SOLUTIONS_H_
#define RACELAB_EXERCISES_REQUEST_HEADERS_SOLUTIONS_H_

#include <map>
#include <mutex>
#include <string>

namespace racelab::exercises {

// 1. Lock: every Send() holds mu_ from the first write to the clear.
// Threading: thread-safe; calls take turns.
class LockedRequestHeaders {
 public:
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

// 2. Request-scoped state: the headers live in the call, not the object.
// Threading: thread-safe; the object has no mutable state.
class ScopedRequestHeaders {
 public:
  std::string Send(const std::string& trace_id) const {
    std::map<std::string, std::string> headers = {{"X-Trace", trace_id},
                                                  {"User-Agent", "racelab"}};
    std::string request;
    for (const auto& [name, value] : headers) {
      request += name + ": " + value + "\n";
    }
    return request;
  }
};

// 3. One map per thread: shared object, per-thread state.
// Threading: thread-safe; each thread has its own headers.
class ThreadLocalRequestHeaders {
 public:
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

}  // namespace racelab::exercises

#endif  // RACELAB_EXERCISES_REQUEST_HEADERS_SOLUTIONS_H_
