// fixed/copying/http_app.h
//
// HttpApp with request-scoped state: the fix the Go library itself reached
// later (a request object per call, like resty's R() or net/http's Client
// vs Request). The app keeps only what every request shares and nobody
// writes: the default address, host information and the transport. Each
// call gets its own Request from R(), fills in its parameters, headers and
// method, and sends it. Nothing shared is written, so no lock is needed.
//
// Diff against repro/http_app.h: every per-request field moved from the app
// into Request, and DeepCopy() is gone because nothing is shared to drain.

#ifndef RACELAB_FIXED_COPYING_HTTP_APP_H_
#define RACELAB_FIXED_COPYING_HTTP_APP_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "world/host_info.h"
#include "world/query.h"
#include "world/transport.h"

namespace racelab::fixed::copying {

class Request;

// Thread safety: thread-safe and immutable. All members are constant after
// construction; any number of threads may call R() and send Requests at
// once.
class HttpApp {
 public:
  // Gathers host information once, at construction (unless kSkip).
  // REQUIRES: `transport` outlives this HttpApp and every Request from it.
  HttpApp(Transport* transport, std::string uri,
          HostInfoMode host_info = HostInfoMode::kGather);

  HttpApp(const HttpApp&) = delete;
  HttpApp& operator=(const HttpApp&) = delete;

  // HttpApp::R()
  // Returns a new, empty Request bound to this app.
  Request R() const;

  const HostInfo& host_info() const { return config_; }

 private:
  friend class Request;

  // Sends one request's parts. Reads only constant members.
  absl::StatusOr<HttpResponse> Send(RequestParts parts) const;

  // Constant after construction.
  const std::string uri_;
  const HostInfo config_;
  const std::string user_agent_;
  Transport* const transport_;
};

// One call's state. Thread safety: not thread-safe; a Request belongs to the
// call that made it and is never shared (that is the fix).
class Request {
 public:
  Request& SetCookie(std::string cookie);
  Request& SetContentTypeForm();
  Request& SetHeader(std::string key, std::string value);
  Request& SetParam(std::string key, std::string value);
  Request& SetParams(const ParamMap& params);

  // Request::Get() / Request::Post()
  // Sends this request to `uri` (or the app's address if empty). The
  // Request may be reused; its parameters are kept.
  absl::StatusOr<HttpResponse> Get(absl::string_view uri = "") const;
  absl::StatusOr<HttpResponse> Post(absl::string_view uri = "") const;

 private:
  friend class HttpApp;
  explicit Request(const HttpApp* app) : app_(app) {}

  absl::StatusOr<HttpResponse> Send(std::string method,
                                    absl::string_view uri) const;

  const HttpApp* app_;
  ParamMap http_header_;
  ParamMap http_params_;
  std::string http_cookie_;
  std::string http_content_type_;
};

}  // namespace racelab::fixed::copying

#endif  // RACELAB_FIXED_COPYING_HTTP_APP_H_
