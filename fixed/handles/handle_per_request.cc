// fixed/handles/handle_per_request.cc

#include "fixed/handles/handle_per_request.h"

#include <utility>

#include "wire/http_transport.h"

namespace racelab::fixed::handles {

HandlePerRequestTransport::HandlePerRequestTransport(
    std::string base_url, wire::WireTimeouts timeouts)
    : base_url_(std::move(base_url)), timeouts_(timeouts) {}

absl::StatusOr<HttpResponse> HandlePerRequestTransport::RoundTrip(
    const HttpRequest& request) {
  HttpRequest local = request;
  local.url = wire::LoopbackUrl(base_url_, request.url);
  // FIX: this request's own handle, gone when the request is.
  wire::CurlEasy handle(timeouts_);
  return handle.Perform(local);
}

}  // namespace racelab::fixed::handles
