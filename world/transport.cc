// world/transport.cc

#include "world/transport.h"

#include <algorithm>
#include <utility>

#include "absl/strings/str_cat.h"

namespace racelab {
namespace {

// Connect()'s default: a connection that is the transport itself.
class ForwardingConnection final : public Transport {
 public:
  explicit ForwardingConnection(Transport* transport) : transport_(transport) {}
  absl::StatusOr<HttpResponse> RoundTrip(const HttpRequest& request) override {
    return transport_->RoundTrip(request);
  }

 private:
  Transport* const transport_;  // constant after construction
};

}  // namespace

std::unique_ptr<Transport> Transport::Connect() {
  return std::make_unique<ForwardingConnection>(this);
}

HttpRequest ComposeHttpRequest(RequestParts parts) {
  HttpRequest request;
  request.method = std::move(parts.method);
  request.url = std::move(parts.uri);
  std::string encoded = EncodeQuery(parts.params);
  if (request.method == "GET") {
    if (!encoded.empty()) absl::StrAppend(&request.url, "?", encoded);
  } else {
    request.body = std::move(encoded);
  }
  request.headers.assign(parts.headers.begin(), parts.headers.end());
  if (!parts.cookie.empty()) {
    request.headers.emplace_back("Cookie", std::move(parts.cookie));
  }
  if (!parts.content_type.empty()) {
    request.headers.emplace_back("Content-Type", std::move(parts.content_type));
  }
  if (!parts.user_agent.empty()) {
    request.headers.emplace_back("User-Agent", std::move(parts.user_agent));
  }
  std::sort(request.headers.begin(), request.headers.end());
  return request;
}

}  // namespace racelab
