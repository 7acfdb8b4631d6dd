// share/exhibits/locked_headers_client.h
//
// LockedHeadersClient: HeadersClient's safe twin: the same shared map, every
// request under one mutex.
//
// Threading: thread-safe; one instance may be shared.

#ifndef RACELAB_SHARE_EXHIBITS_LOCKED_HEADERS_CLIENT_H_
#define RACELAB_SHARE_EXHIBITS_LOCKED_HEADERS_CLIENT_H_

#include <map>
#include <mutex>
#include <string>

namespace racelab::exhibits {

class LockedHeadersClient {
 public:
  std::string Send(const std::string& trace) {
    std::lock_guard<std::mutex> lock(mu_);
    headers_["X-Trace"] = trace;
    headers_["Accept"] = "application/json";
    std::string sent;
    for (const auto& [name, value] : headers_)
      sent += name + ": " + value + "\n";
    headers_.clear();
    return sent;
  }

 private:
  std::mutex mu_;
  std::map<std::string, std::string> headers_;  // guarded by mu_
};

}  // namespace racelab::exhibits

#endif  // RACELAB_SHARE_EXHIBITS_LOCKED_HEADERS_CLIENT_H_
