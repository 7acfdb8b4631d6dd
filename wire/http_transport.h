// wire/http_transport.h
//
// HttpTransport: racelab's Transport over real sockets, to a loopback PDD
// server (pdd_http_server.h, started by server_process.h). It rewrites each
// request's URL to the server's address, keeping path and query
// (https://gw-api.pinduoduo.com/api/router?... ->
// http://127.0.0.1:PORT/api/router?...), and sends it with libcurl.
//
// Two ways to send, as Go had two: a client object that keeps a connection
// (Connect(): ONE CurlEasy, i.e. one easy handle, for that client's life:
// the port's gorequest App with its net/http client), and RoundTrip() for a
// client that keeps none (fixed/copying's immutable App): it borrows an
// idle handle from this transport's idle list, or makes one, and gives it
// back, as Go's http.Transport keeps idle connections for reuse.
//
// Thread safety: RoundTrip() is thread-safe. A connection from Connect() is
// exactly as thread-safe as a CURL handle: one thread at a time, guarded
// (curl_easy.h). The idle list is guarded by mu_.

#ifndef RACELAB_WIRE_HTTP_TRANSPORT_H_
#define RACELAB_WIRE_HTTP_TRANSPORT_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"
#include "wire/curl_easy.h"
#include "world/transport.h"

namespace racelab::wire {

class HttpTransport final : public Transport {
 public:
  // `base_url` is the server's "http://127.0.0.1:PORT".
  explicit HttpTransport(std::string base_url, WireTimeouts timeouts = {});

  HttpTransport(const HttpTransport&) = delete;
  HttpTransport& operator=(const HttpTransport&) = delete;

  // HttpTransport::RoundTrip()
  // Sends `request` over an idle handle (or a new one). Thread-safe.
  absl::StatusOr<HttpResponse> RoundTrip(const HttpRequest& request) override;

  // HttpTransport::Connect()
  // A connection owning ONE CurlEasy (see the top). Not thread-safe.
  std::unique_ptr<Transport> Connect() override;

  const std::string& base_url() const { return base_url_; }

  // Handles RoundTrip() made so far (not those of Connect()'s connections):
  // as many as the most calls that were ever in flight at once.
  int64_t handles_made() const;

 private:
  // Constant after construction.
  const std::string base_url_;
  const WireTimeouts timeouts_;

  mutable absl::Mutex mu_;
  std::vector<std::unique_ptr<CurlEasy>> idle_ ABSL_GUARDED_BY(mu_);
  int64_t handles_made_ ABSL_GUARDED_BY(mu_) = 0;
};

}  // namespace racelab::wire

#endif  // RACELAB_WIRE_HTTP_TRANSPORT_H_
