// repro/shared_handle.cc

#include "repro/shared_handle.h"

#include <utility>

#include "wire/http_transport.h"

namespace racelab::repro {

SharedHandleTransport::SharedHandleTransport(std::string base_url,
                                             wire::WireTimeouts timeouts)
    : base_url_(std::move(base_url)), handle_(timeouts) {}

absl::StatusOr<HttpResponse> SharedHandleTransport::RoundTrip(
    const HttpRequest& request) {
  HttpRequest local = request;
  local.url = wire::LoopbackUrl(base_url_, request.url);
  // INTENTIONAL DATA RACE: every calling thread drives the same CURL handle.
  return handle_.Perform(local);
}

}  // namespace racelab::repro
