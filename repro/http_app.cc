// repro/http_app.cc

#include "repro/http_app.h"

#include <cstdio>
#include <utility>

#include "absl/base/attributes.h"
#include "instrument/race_points.h"

namespace racelab::repro {

HttpApp::HttpApp(Transport* transport, HostInfoMode host_info)
    : config_(HostInfoFor(host_info)), connection_(transport->Connect()) {}

void HttpApp::SetUri(std::string uri) { uri_ = std::move(uri); }
void HttpApp::SetDebug(bool debug) { debug_ = debug; }
void HttpApp::SetCookie(std::string cookie) {
  http_cookie_ = std::move(cookie);
}
void HttpApp::SetContentTypeForm() {
  http_content_type_ = "application/x-www-form-urlencoded";
}

void HttpApp::SetHeader(std::string key, std::string value) {
  http_header_.Set(std::move(key), std::move(value));
}

void HttpApp::SetParam(std::string key, std::string value) {
  http_params_.Set(std::move(key), std::move(value));
}

ABSL_ATTRIBUTE_NOINLINE void HttpApp::SetParams(const ParamMap& params) {
  // INTENTIONAL DATA RACE: writes this request's parameters into the map
  // that every concurrent request shares (and that they drain).
  for (const auto& [key, value] : params) {
    RACELAB_RACE_POINT(kSetParamsWriting);
    http_params_.Set(key, value);
  }
  RACELAB_RACE_POINT(kSetParamsWritten);
}

absl::StatusOr<HttpResponse> HttpApp::Get(absl::string_view uri) {
  http_method_ = "GET";  // INTENTIONAL DATA RACE: shared per-request state
  http_uri_ = uri.empty() ? uri_ : std::string(uri);
  return Request();
}

absl::StatusOr<HttpResponse> HttpApp::Post(absl::string_view uri) {
  http_method_ = "POST";  // INTENTIONAL DATA RACE: shared per-request state
  http_uri_ = uri.empty() ? uri_ : std::string(uri);
  return Request();
}

ABSL_ATTRIBUTE_NOINLINE absl::StatusOr<HttpResponse> HttpApp::Request() {
  RequestParts parts;
  parts.method = http_method_;
  parts.uri = http_uri_;
  // Go (http.go:195): httpResponse.RequestParams = app.httpParams.DeepCopy()
  // The copy-and-drain of the SHARED maps: the seed's crash site.
  parts.params = http_params_.DeepCopy();
  parts.headers = http_header_.DeepCopy();
  parts.cookie = http_cookie_;
  parts.content_type = http_content_type_;
  parts.user_agent = UserAgent(config_);
  HttpRequest request = ComposeHttpRequest(std::move(parts));
  if (debug_) {
    std::fprintf(stderr, "gorequest: %s %s\n", request.method.c_str(),
                 request.url.c_str());
  }
  RACELAB_RACE_POINT(kRequestSending);
  absl::StatusOr<HttpResponse> response = connection_->RoundTrip(request);
  // INTENTIONAL DATA RACE: Go's app.Error = err, shared by all callers.
  if (!response.ok()) error_ = response.status();
  return response;
}

}  // namespace racelab::repro
