// share/exhibits/rotating_endpoint.h
//
// RotatingEndpoint: both methods lock, but Current() copies the endpoint
// AFTER its locked section, through a pointer taken inside it; Rotate()
// rewrites that string under the lock. The race lives in the short window
// between one caller's locked section and its use of what it read there.
//
// Threading: NOT thread-safe (intentionally racy): Current()'s copy of
// *endpoint races with Rotate()'s assignment.

#ifndef RACELAB_SHARE_EXHIBITS_ROTATING_ENDPOINT_H_
#define RACELAB_SHARE_EXHIBITS_ROTATING_ENDPOINT_H_

#include <cstdint>
#include <mutex>
#include <string>

namespace racelab::exhibits {

class RotatingEndpoint {
 public:
  std::string Current() {
    const std::string* endpoint;
    {
      std::lock_guard<std::mutex> lock(mu_);
      endpoint = &endpoint_;
    }
    return *endpoint;  // INTENTIONAL DATA RACE: read after the lock is gone
  }

  void Rotate() {
    std::lock_guard<std::mutex> lock(mu_);
    ++rotations_;
    endpoint_ = "https://gw-" + std::to_string(rotations_ % 4) +
                ".pinduoduo.com/api/router";
  }

 private:
  std::mutex mu_;  // guards the members below it, except as noted
  int64_t rotations_ = 0;
  std::string endpoint_ = "https://gw-0.pinduoduo.com/api/router";
};

}  // namespace racelab::exhibits

#endif  // RACELAB_SHARE_EXHIBITS_ROTATING_ENDPOINT_H_
