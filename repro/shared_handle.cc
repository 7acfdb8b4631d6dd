// repro/shared_handle.cc

#include "repro/shared_handle.h"

#include <utility>

namespace racelab::repro {

SharedHandleTransport::SharedHandleTransport(std::string base_url,
                                             wire::WireTimeouts timeouts)
    : handle_(std::move(base_url), timeouts) {}

absl::StatusOr<HttpResponse> SharedHandleTransport::RoundTrip(
    const HttpRequest& request) {
  // INTENTIONAL DATA RACE: every calling thread drives the same CURL handle.
  return handle_.Perform(request);
}

}  // namespace racelab::repro
