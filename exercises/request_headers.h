// exercises/request_headers.h
//
// Exercise 1, the starting point (docs/exercises.md): a client that keeps
// each request's headers in a member map, like the seed's gorequest.App
// (its httpHeader). Leave this file as it is: your answer goes in
// exercises/student/request_headers.h.
//
// Threading: one instance may not be shared by threads at once (why is the
// exercise).

#ifndef RACELAB_EXERCISES_REQUEST_HEADERS_H_
#define RACELAB_EXERCISES_REQUEST_HEADERS_H_

#include <map>
#include <string>

namespace racelab::exercises {

class RequestHeaders {
 public:
  // Returns the request as sent: one "Name: value" line per header.
  std::string Send(const std::string& trace_id) {
    headers_["X-Trace"] = trace_id;
    headers_["User-Agent"] = "racelab";
    std::string request;
    for (const auto& [name, value] : headers_) {
      request += name + ": " + value + "\n";
    }
    headers_.clear();  // ready for the next request
    return request;
  }

 private:
  std::map<std::string, std::string> headers_;
};

}  // namespace racelab::exercises

#endif  // RACELAB_EXERCISES_REQUEST_HEADERS_H_
