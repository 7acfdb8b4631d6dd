// fixed/handles/handle_per_request.h
//
// HandlePerRequestTransport: the shared-handle exhibit's first cure, the
// seed's own fix one layer down: a new easy handle for every request, so no
// handle is ever seen by two threads. Its price is the one the seed's fix
// pays over a real wire: a new TCP connection per request (no keep-alive).
// Compare with repro/shared_handle.h.
//
// Thread safety: thread-safe. Members are constant after construction; each
// call's handle is its own.

#ifndef RACELAB_FIXED_HANDLES_HANDLE_PER_REQUEST_H_
#define RACELAB_FIXED_HANDLES_HANDLE_PER_REQUEST_H_

#include <string>

#include "absl/status/statusor.h"
#include "wire/curl_easy.h"
#include "world/transport.h"

namespace racelab::fixed::handles {

class HandlePerRequestTransport final : public Transport {
 public:
  explicit HandlePerRequestTransport(std::string base_url,
                                     wire::WireTimeouts timeouts = {});

  absl::StatusOr<HttpResponse> RoundTrip(const HttpRequest& request) override;

 private:
  // Constant after construction.
  const std::string base_url_;
  const wire::WireTimeouts timeouts_;
};

}  // namespace racelab::fixed::handles

#endif  // RACELAB_FIXED_HANDLES_HANDLE_PER_REQUEST_H_
