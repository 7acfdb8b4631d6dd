// fixed/copying/http_app.cc

#include "fixed/copying/http_app.h"

#include <utility>

namespace racelab::fixed::copying {

HttpApp::HttpApp(Transport* transport, std::string uri, HostInfoMode host_info)
    : uri_(std::move(uri)),
      config_(HostInfoFor(host_info)),
      user_agent_(UserAgent(config_)),
      transport_(transport) {}

Request HttpApp::R() const { return Request(this); }

absl::StatusOr<HttpResponse> HttpApp::Send(RequestParts parts) const {
  parts.user_agent = user_agent_;
  return transport_->RoundTrip(ComposeHttpRequest(std::move(parts)));
}

Request& Request::SetCookie(std::string cookie) {
  http_cookie_ = std::move(cookie);
  return *this;
}

Request& Request::SetContentTypeForm() {
  http_content_type_ = "application/x-www-form-urlencoded";
  return *this;
}

Request& Request::SetHeader(std::string key, std::string value) {
  http_header_[std::move(key)] = std::move(value);
  return *this;
}

Request& Request::SetParam(std::string key, std::string value) {
  http_params_[std::move(key)] = std::move(value);
  return *this;
}

Request& Request::SetParams(const ParamMap& params) {
  for (const auto& [key, value] : params) http_params_[key] = value;
  return *this;
}

absl::StatusOr<HttpResponse> Request::Get(absl::string_view uri) const {
  return Send("GET", uri);
}

absl::StatusOr<HttpResponse> Request::Post(absl::string_view uri) const {
  return Send("POST", uri);
}

absl::StatusOr<HttpResponse> Request::Send(std::string method,
                                           absl::string_view uri) const {
  RequestParts parts;
  parts.method = std::move(method);
  parts.uri = uri.empty() ? app_->uri_ : std::string(uri);
  // This request's own maps, copied: nothing shared is read or drained.
  parts.params = http_params_;
  parts.headers = http_header_;
  parts.cookie = http_cookie_;
  parts.content_type = http_content_type_;
  return app_->Send(std::move(parts));
}

}  // namespace racelab::fixed::copying
