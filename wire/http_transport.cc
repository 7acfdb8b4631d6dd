// wire/http_transport.cc

#include "wire/http_transport.h"

#include <utility>

#include "absl/strings/str_cat.h"

namespace racelab::wire {
namespace {

// One client object's connection: one handle, one thread at a time.
class CurlConnection final : public Transport {
 public:
  CurlConnection(const HttpTransport* transport, WireTimeouts timeouts)
      : transport_(transport), easy_(timeouts) {}

  absl::StatusOr<HttpResponse> RoundTrip(const HttpRequest& request) override {
    HttpRequest local = request;
    local.url = LoopbackUrl(transport_->base_url(), request.url);
    return easy_.Perform(local);
  }

 private:
  const HttpTransport* const transport_;  // constant after construction
  CurlEasy easy_;                         // one thread at a time
};

}  // namespace

std::string LoopbackUrl(absl::string_view base, absl::string_view url) {
  const size_t scheme = url.find("://");
  if (scheme == absl::string_view::npos) return absl::StrCat(base, url);
  const size_t path = url.find('/', scheme + 3);
  if (path == absl::string_view::npos) return absl::StrCat(base, "/");
  return absl::StrCat(base, url.substr(path));
}

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
  if (easy == nullptr) easy = std::make_unique<CurlEasy>(timeouts_);
  HttpRequest local = request;
  local.url = LoopbackUrl(base_url_, request.url);
  absl::StatusOr<HttpResponse> response = easy->Perform(local);
  absl::MutexLock lock(&mu_);
  idle_.push_back(std::move(easy));
  return response;
}

std::unique_ptr<Transport> HttpTransport::Connect() {
  return std::make_unique<CurlConnection>(this, timeouts_);
}

int64_t HttpTransport::handles_made() const {
  absl::MutexLock lock(&mu_);
  return handles_made_;
}

}  // namespace racelab::wire
