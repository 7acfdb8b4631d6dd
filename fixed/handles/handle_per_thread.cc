// fixed/handles/handle_per_thread.cc

#include "fixed/handles/handle_per_thread.h"

#include <utility>

#include "wire/http_transport.h"

namespace racelab::fixed::handles {

HandlePerThreadTransport::HandlePerThreadTransport(std::string base_url,
                                                   wire::WireTimeouts timeouts)
    : base_url_(std::move(base_url)), timeouts_(timeouts) {}

wire::CurlEasy& HandlePerThreadTransport::ThisThreadsHandle() {
  absl::MutexLock lock(&mu_);
  std::unique_ptr<wire::CurlEasy>& handle =
      handles_[std::this_thread::get_id()];
  if (handle == nullptr) handle = std::make_unique<wire::CurlEasy>(timeouts_);
  return *handle;
}

absl::StatusOr<HttpResponse> HandlePerThreadTransport::RoundTrip(
    const HttpRequest& request) {
  HttpRequest local = request;
  local.url = wire::LoopbackUrl(base_url_, request.url);
  // FIX: the calling thread's own handle; no other thread ever gets it.
  return ThisThreadsHandle().Perform(local);
}

}  // namespace racelab::fixed::handles
