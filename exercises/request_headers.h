// exercises/request_headers.h
//
// Exercise 1, the starting point: a client that keeps each request's
// headers in a member map, like the seed's gorequest.App (its httpHeader).
// Make it safe to share three ways (docs/exercises.md); the solutions are in
// exercises/request_headers_solutions.h.
//
// Threading: NOT thread-safe (intentionally racy): Send() writes headers_,
// which every other caller also writes and reads.

#ifndef RACELAB_EXERCISES_REQUEST_HEADERS_H_
#define RACELAB_EXERCISES_REQUEST_HEADERS_H_

#include <map>
#include <string>

namespace racelab::exercises {

class RequestHeaders {
 public:
  // Returns the request as sent: one "Name: value" line per header.
  std::string Send(const std::string& trace_id) {
    headers_["X-Trace"] = trace_id;  // INTENTIONAL DATA RACE: shared member
    headers_["User-Agent"] = "racelab";
    std::string request;
    for (const auto& [name, value] : headers_) {
      request += name + ": " + value + "\n";
    }
    headers_.clear();  // ready for the next request (Go: DeepCopy's reset)
    return request;
  }

 private:
  std::map<std::string, std::string> headers_;
};

}  // namespace racelab::exercises

#endif  // RACELAB_EXERCISES_REQUEST_HEADERS_H_
