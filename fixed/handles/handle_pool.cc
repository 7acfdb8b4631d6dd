// fixed/handles/handle_pool.cc

#include "fixed/handles/handle_pool.h"

#include <utility>

#include "base/check.h"

namespace racelab::fixed::handles {
namespace {

std::vector<std::unique_ptr<wire::CurlEasy>> MakeHandles(
    const std::string& base_url, int size, wire::WireTimeouts timeouts) {
  RACELAB_CHECK(size >= 1, "HandlePoolTransport needs at least one handle");
  std::vector<std::unique_ptr<wire::CurlEasy>> handles;
  for (int i = 0; i < size; ++i) {
    handles.push_back(std::make_unique<wire::CurlEasy>(base_url, timeouts));
  }
  return handles;
}

}  // namespace

HandlePoolTransport::HandlePoolTransport(std::string base_url, int size,
                                         wire::WireTimeouts timeouts)
    : handles_(MakeHandles(base_url, size, timeouts)) {
  absl::MutexLock lock(&mu_);
  for (const auto& handle : handles_) free_.push_back(handle.get());
}

absl::StatusOr<HttpResponse> HandlePoolTransport::RoundTrip(
    const HttpRequest& request) {
  wire::CurlEasy* handle = nullptr;
  {
    // FIX: borrow a handle nobody else holds (wait for one if all are out).
    absl::MutexLock lock(&mu_);
    mu_.Await(absl::Condition(
        +[](std::vector<wire::CurlEasy*>* free) { return !free->empty(); },
        &free_));
    handle = free_.back();
    free_.pop_back();
  }
  absl::StatusOr<HttpResponse> response = handle->Perform(request);
  absl::MutexLock lock(&mu_);
  free_.push_back(handle);
  return response;
}

}  // namespace racelab::fixed::handles
