// share/exhibits/headers_client.h
//
// HeadersClient: the seed's Headers twin. Each request writes its headers
// into a map the client keeps, then copies the map into the request and
// resets it: per-request state on a long-lived object.
//
// Threading: NOT thread-safe (intentionally racy): one instance shared by
// callers races on headers_.

#ifndef RACELAB_SHARE_EXHIBITS_HEADERS_CLIENT_H_
#define RACELAB_SHARE_EXHIBITS_HEADERS_CLIENT_H_

#include <map>
#include <string>

namespace racelab::exhibits {

class HeadersClient {
 public:
  // Returns the request's header line for `trace`, as sent.
  std::string Send(const std::string& trace) {
    headers_["X-Trace"] = trace;  // INTENTIONAL DATA RACE: shared map
    headers_["Accept"] = "application/json";
    std::string sent;
    for (const auto& [name, value] : headers_)
      sent += name + ": " + value + "\n";
    headers_.clear();
    return sent;
  }

 private:
  std::map<std::string, std::string> headers_;  // per request, but shared
};

}  // namespace racelab::exhibits

#endif  // RACELAB_SHARE_EXHIBITS_HEADERS_CLIENT_H_
