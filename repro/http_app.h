// repro/http_app.h
//
// HttpApp: a faithful port of gorequest.App (dtapps/go-library 1.0.157,
// utils/gorequest/http.go). A request is made by mutating the App: set the
// parameters and headers, then Get() or Post(), which copies-and-drains
// them (Params::DeepCopy) and sends the request through a Transport.
//
// THREAD SAFETY: NONE, INTENTIONALLY. Every request writes the fields below
// and every other request reads them; nothing is guarded. One HttpApp may be
// used by one thread at a time only (external synchronisation, as
// fixed/locked/ adds), yet the Go service shared one across goroutines.
// Teaching exhibit: compare with fixed/copying/http_app.h.

#ifndef RACELAB_REPRO_HTTP_APP_H_
#define RACELAB_REPRO_HTTP_APP_H_

#include <memory>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "repro/params.h"
#include "world/host_info.h"
#include "world/query.h"
#include "world/transport.h"

namespace racelab::repro {

class HttpApp {
 public:
  // Go: NewHttp(). Gathers host information (file reads, uname,
  // gethostname) on every construction, as the Go library did; kSkip leaves
  // that out, to price it (world/host_info.h). Keeps ONE connection from
  // `transport` (Transport::Connect(): over HTTP, one libcurl easy handle).
  // REQUIRES: `transport` outlives this HttpApp.
  explicit HttpApp(Transport* transport,
                   HostInfoMode host_info = HostInfoMode::kGather);

  HttpApp(HttpApp&&) = default;
  HttpApp& operator=(HttpApp&&) = default;

  void SetUri(std::string uri);  // Go: app.Uri, the default address
  void SetDebug(bool debug);
  void SetCookie(std::string cookie);
  void SetContentTypeForm();
  void SetHeader(std::string key, std::string value);
  void SetParam(std::string key, std::string value);
  // Go: for key, value := range params { app.httpParams.Set(key, value) }
  void SetParams(const ParamMap& params);

  // HttpApp::Get() / HttpApp::Post()
  // Sends the parameters set so far to `uri` (or to SetUri()'s address if
  // `uri` is empty) and drains them. Returns the response by value, or the
  // transport's error (also remembered in error()).
  absl::StatusOr<HttpResponse> Get(absl::string_view uri = "");
  absl::StatusOr<HttpResponse> Post(absl::string_view uri = "");

  // Go: app.Error, the last request's error.
  const absl::Status& error() const { return error_; }
  const HostInfo& host_info() const { return config_; }

 private:
  // Go: request(app). Builds the HTTP request from the App's fields.
  absl::StatusOr<HttpResponse> Request();

  // Every field is per-request state shared by all callers, with no
  // synchronisation (see the top of the file). The Go App's TLS settings
  // (p12Cert, tls versions) are left out: the transport has no TLS.
  std::string uri_;                // Go: Uri
  absl::Status error_;             // Go: Error
  std::string http_uri_;           // Go: httpUri
  std::string http_method_;        // Go: httpMethod
  Headers http_header_;            // Go: httpHeader
  Params http_params_;             // Go: httpParams
  std::string http_cookie_;        // Go: httpCookie
  std::string http_content_type_;  // Go: httpContentType
  bool debug_ = false;             // Go: debug
  HostInfo config_;                // Go: config (systemOs, systemKernel, ...)
  std::unique_ptr<Transport> connection_;  // Go: the net/http client
};

}  // namespace racelab::repro

#endif  // RACELAB_REPRO_HTTP_APP_H_
