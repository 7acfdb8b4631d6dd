// repro/locked_fields/http_app.h
//
// HttpApp as the tempting wrong fix makes it: the port of gorequest.App
// (repro/http_app.h) with every field it keeps per request guarded (the
// method, the address, the cookie, the content type, the error: by mu_;
// the parameters and headers: by their own locks, locked_fields/params.h;
// the connection, one libcurl handle over HTTP: by connection_mu_). Each
// step is locked; the request as a whole is not.
//
// Thread safety: thread-safe per call, and that is the trap. Every method
// may be called from any threads at once without a data race, so
// ThreadSanitizer is silent and nothing crashes. But a request is still
// made by mutating the App: SetParams(), then Get(), which reads the
// method and address it set and copies-and-drains the parameter map, each
// in a locked section of its own. Between them another caller's calls
// land, and a request is sent with the parameters and method another
// caller set, or with none. Teaching exhibit: diff against
// repro/http_app.h, and against fixed/copying/http_app.h (the real fix).

#ifndef RACELAB_REPRO_LOCKED_FIELDS_HTTP_APP_H_
#define RACELAB_REPRO_LOCKED_FIELDS_HTTP_APP_H_

#include <memory>
#include <string>

#include "absl/base/thread_annotations.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "base/std_mutex.h"
#include "repro/locked_fields/params.h"
#include "world/host_info.h"
#include "world/query.h"
#include "world/transport.h"

namespace racelab::repro::locked_fields {

class HttpApp {
 public:
  // As repro's: gathers host information, keeps ONE connection.
  // REQUIRES: `transport` outlives this HttpApp.
  explicit HttpApp(Transport* transport,
                   HostInfoMode host_info = HostInfoMode::kGather);

  HttpApp(const HttpApp&) = delete;
  HttpApp& operator=(const HttpApp&) = delete;

  void SetUri(std::string uri) ABSL_LOCKS_EXCLUDED(mu_);
  void SetDebug(bool debug) ABSL_LOCKS_EXCLUDED(mu_);
  void SetCookie(std::string cookie) ABSL_LOCKS_EXCLUDED(mu_);
  void SetContentTypeForm() ABSL_LOCKS_EXCLUDED(mu_);
  void SetHeader(std::string key, std::string value);
  void SetParam(std::string key, std::string value);
  void SetParams(const ParamMap& params);

  // HttpApp::Get() / HttpApp::Post()
  // Sends the parameters the shared map holds when the request copies
  // them (see the top) to `uri` (or SetUri()'s address) and drains them.
  absl::StatusOr<HttpResponse> Get(absl::string_view uri = "")
      ABSL_LOCKS_EXCLUDED(mu_);
  absl::StatusOr<HttpResponse> Post(absl::string_view uri = "")
      ABSL_LOCKS_EXCLUDED(mu_);

  // Go: app.Error, the last request's error (a copy: the field is locked).
  absl::Status error() const ABSL_LOCKS_EXCLUDED(mu_);
  const HostInfo& host_info() const { return config_; }

 private:
  // Go: request(app). Each field read in a locked section of its own.
  absl::StatusOr<HttpResponse> Request() ABSL_LOCKS_EXCLUDED(mu_);

  // Constant after construction.
  const HostInfo config_;  // Go: config (systemOs, systemKernel, ...)

  // Per-request state, shared by all callers: each piece locked.
  mutable StdMutex mu_;
  std::string uri_ ABSL_GUARDED_BY(mu_);                // Go: Uri
  absl::Status error_ ABSL_GUARDED_BY(mu_);             // Go: Error
  std::string http_uri_ ABSL_GUARDED_BY(mu_);           // Go: httpUri
  std::string http_method_ ABSL_GUARDED_BY(mu_);        // Go: httpMethod
  std::string http_cookie_ ABSL_GUARDED_BY(mu_);        // Go: httpCookie
  std::string http_content_type_ ABSL_GUARDED_BY(mu_);  // Go: httpContentType
  bool debug_ ABSL_GUARDED_BY(mu_) = false;             // Go: debug
  Headers http_header_;  // Go: httpHeader (locked inside)
  Params http_params_;   // Go: httpParams (locked inside)
  StdMutex connection_mu_;
  std::unique_ptr<Transport> connection_ ABSL_GUARDED_BY(connection_mu_);
};

}  // namespace racelab::repro::locked_fields

#endif  // RACELAB_REPRO_LOCKED_FIELDS_HTTP_APP_H_
