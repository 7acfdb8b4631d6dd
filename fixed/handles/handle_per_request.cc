// fixed/handles/handle_per_request.cc

#include "fixed/handles/handle_per_request.h"

#include <utility>

namespace racelab::fixed::handles {

HandlePerRequestTransport::HandlePerRequestTransport(
    std::string base_url, wire::WireTimeouts timeouts)
    : base_url_(std::move(base_url)), timeouts_(timeouts) {}

absl::StatusOr<HttpResponse> HandlePerRequestTransport::RoundTrip(
    const HttpRequest& request) {
  // FIX: this request's own handle, gone when the request is.
  wire::CurlEasy handle(base_url_, timeouts_);
  return handle.Perform(request);
}

}  // namespace racelab::fixed::handles
