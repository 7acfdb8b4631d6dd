// repro/locked_fields/http_app.cc

#include "repro/locked_fields/http_app.h"

#include <cstdio>
#include <utility>

#include "absl/base/attributes.h"
#include "instrument/race_points.h"

namespace racelab::repro::locked_fields {

HttpApp::HttpApp(Transport* transport, HostInfoMode host_info)
    : config_(HostInfoFor(host_info)) {
  StdMutexLock lock(&connection_mu_);  // not needed yet; keeps the analysis
  connection_ = transport->Connect();
}

void HttpApp::SetUri(std::string uri) {
  StdMutexLock lock(&mu_);
  uri_ = std::move(uri);
}
void HttpApp::SetDebug(bool debug) {
  StdMutexLock lock(&mu_);
  debug_ = debug;
}
void HttpApp::SetCookie(std::string cookie) {
  StdMutexLock lock(&mu_);
  http_cookie_ = std::move(cookie);
}
void HttpApp::SetContentTypeForm() {
  StdMutexLock lock(&mu_);
  http_content_type_ = "application/x-www-form-urlencoded";
}

void HttpApp::SetHeader(std::string key, std::string value) {
  http_header_.Set(std::move(key), std::move(value));
}

void HttpApp::SetParam(std::string key, std::string value) {
  http_params_.Set(std::move(key), std::move(value));
}

ABSL_ATTRIBUTE_NOINLINE void HttpApp::SetParams(const ParamMap& params) {
  // Each write locked (inside Params::Set): no data race. But the map is
  // still the one every concurrent request shares and drains.
  for (const auto& [key, value] : params) {
    RACELAB_RACE_POINT(kSetParamsWriting);  // outside the lock Set() takes
    http_params_.Set(key, value);
  }
  RACELAB_RACE_POINT(kSetParamsWritten);  // outside every lock
}

absl::StatusOr<HttpResponse> HttpApp::Get(absl::string_view uri) {
  {
    StdMutexLock lock(&mu_);
    http_method_ = "GET";
    http_uri_ = uri.empty() ? uri_ : std::string(uri);
  }
  // INTENTIONAL RACE CONDITION: the method and address are set in one
  // locked section and read in another (Request()); another caller's
  // Post() may set its own in between.
  return Request();
}

absl::StatusOr<HttpResponse> HttpApp::Post(absl::string_view uri) {
  {
    StdMutexLock lock(&mu_);
    http_method_ = "POST";
    http_uri_ = uri.empty() ? uri_ : std::string(uri);
  }
  // INTENTIONAL RACE CONDITION: as in Get().
  return Request();
}

ABSL_ATTRIBUTE_NOINLINE absl::StatusOr<HttpResponse> HttpApp::Request() {
  RequestParts parts;
  bool debug = false;
  {
    StdMutexLock lock(&mu_);
    parts.method = http_method_;
    parts.uri = http_uri_;
    parts.cookie = http_cookie_;
    parts.content_type = http_content_type_;
    debug = debug_;
  }
  // INTENTIONAL RACE CONDITION (the seed's crash site, now locked): copies
  // and drains whatever the shared maps hold NOW. Another caller's
  // SetParams() may have overwritten this request's parameters since the
  // caller set them, or another request may have drained them already.
  parts.params = http_params_.DeepCopy();
  parts.headers = http_header_.DeepCopy();
  parts.user_agent = UserAgent(config_);
  HttpRequest request = ComposeHttpRequest(std::move(parts));
  if (debug) {
    std::fprintf(stderr, "gorequest: %s %s\n", request.method.c_str(),
                 request.url.c_str());
  }
  RACELAB_RACE_POINT(kRequestSending);
  absl::StatusOr<HttpResponse> response;
  {
    // One connection (one CURL handle over HTTP), one request at a time.
    StdMutexLock lock(&connection_mu_);
    response = connection_->RoundTrip(request);
  }
  if (!response.ok()) {
    StdMutexLock lock(&mu_);
    error_ = response.status();  // Go: app.Error = err, now locked
  }
  return response;
}

absl::Status HttpApp::error() const {
  StdMutexLock lock(&mu_);
  return error_;
}

}  // namespace racelab::repro::locked_fields
