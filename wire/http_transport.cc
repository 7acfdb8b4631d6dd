// wire/http_transport.cc

#include "wire/http_transport.h"

#include <utility>

#include "absl/strings/str_cat.h"

namespace racelab::wire {
namespace {

// One client object's connection: one handle, one thread at a time.
class CurlConnection final : public Transport {
 public:
  CurlConnection(const std::string& base_url, WireTimeouts timeouts)
      : easy_(base_url, timeouts) {}

  absl::StatusOr<HttpResponse> RoundTrip(const HttpRequest& request) override {
    return easy_.Perform(request);
  }

 private:
  CurlEasy easy_;  // one thread at a time
};

}  // namespace

HttpTransport::HttpTransport(std::string base_url, WireTimeouts timeouts)
    : base_url_(std::move(base_url)), timeouts_(timeouts) {}

absl::StatusOr<HttpResponse> HttpTransport::RoundTrip(
    const HttpRequest& request) {
  std::unique_ptr<CurlEasy> easy;
  {
    absl::MutexLock lock(&mu_);
    if (!idle_.empty()) {
      easy = std::move(idle_.back());
      idle_.pop_back();
    } else {
      ++handles_made_;
    }
  }
  if (easy == nullptr) easy = std::make_unique<CurlEasy>(base_url_, timeouts_);
  absl::StatusOr<HttpResponse> response = easy->Perform(request);
  absl::MutexLock lock(&mu_);
  idle_.push_back(std::move(easy));
  return response;
}

std::unique_ptr<Transport> HttpTransport::Connect() {
  return std::make_unique<CurlConnection>(base_url_, timeouts_);
}

int64_t HttpTransport::handles_made() const {
  absl::MutexLock lock(&mu_);
  return handles_made_;
}

}  // namespace racelab::wire
