// fixed/handles/handle_per_thread.cc

#include "fixed/handles/handle_per_thread.h"

#include <utility>

namespace racelab::fixed::handles {

HandlePerThreadTransport::HandlePerThreadTransport(std::string base_url,
                                                   wire::WireTimeouts timeouts)
    : base_url_(std::move(base_url)), timeouts_(timeouts) {}

wire::CurlEasy& HandlePerThreadTransport::ThisThreadsHandle() {
  absl::MutexLock lock(&mu_);
  std::unique_ptr<wire::CurlEasy>& handle =
      handles_[std::this_thread::get_id()];
  if (handle == nullptr) {
    handle = std::make_unique<wire::CurlEasy>(base_url_, timeouts_);
  }
  return *handle;
}

absl::StatusOr<HttpResponse> HandlePerThreadTransport::RoundTrip(
    const HttpRequest& request) {
  // FIX: the calling thread's own handle; no other thread ever gets it.
  return ThisThreadsHandle().Perform(request);
}

}  // namespace racelab::fixed::handles
