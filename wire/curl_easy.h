// wire/curl_easy.h
//
// CurlEasy: one libcurl easy handle that sends racelab's HttpRequest and
// returns its HttpResponse, with the loopback server's X-Racelab-Server-Saw
// header as HttpResponse::server_saw. Like the handle it owns, a CurlEasy
// keeps its connection alive between requests (HTTP/1.1 keep-alive), so a
// client that keeps one CurlEasy pays one connection, a client per request
// pays one per request.
//
// Thread safety: NOT thread-safe, like a CURL handle: one thread at a time
// (several threads one after another is fine). In the guarded build
// (racelab_guard: CMake's RACELAB_HANDLE_GUARD) every call enters a
// HandleGuard, so two threads at once get "fatal error: concurrent CURL
// easy handle use" naming both instead of memory corruption; elsewhere
// misuse does what libcurl does (the audit shows it).
//
// Errors are bounded in time: connecting gives up after
// WireTimeouts::connect, a whole request after WireTimeouts::request.

#ifndef RACELAB_WIRE_CURL_EASY_H_
#define RACELAB_WIRE_CURL_EASY_H_

#include <cstdint>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "wire/handle_guard.h"
#include "world/transport.h"

typedef void CURL;
typedef void CURLSH;

namespace racelab::wire {

// The response header that carries what the server received.
inline constexpr char kServerSawHeader[] = "X-Racelab-Server-Saw";

// Idle connections a shared connection cache keeps (CURLOPT_MAXCONNECTS):
// more than the 16 threads racelab runs at most.
inline constexpr long kSharedCacheConnections = 64;

struct WireTimeouts {
  absl::Duration connect = absl::Seconds(2);
  absl::Duration request = absl::Seconds(10);
};

// "https://host/path?q" -> base + "/path?q". `base` is "http://127.0.0.1:P".
std::string LoopbackUrl(absl::string_view base, absl::string_view url);

class CurlEasy {
 public:
  // A handle for the server at `base_url` ("http://127.0.0.1:PORT"): every
  // request's URL keeps its path and query and takes this origin
  // (LoopbackUrl()). `share`, if not null, is a CURLSH the handle joins
  // (fixed/handles/'s shared cache), keeping up to kSharedCacheConnections
  // connections there. REQUIRES: `share` outlives this CurlEasy.
  explicit CurlEasy(std::string base_url, WireTimeouts timeouts = {},
                    CURLSH* share = nullptr);
  ~CurlEasy();

  CurlEasy(const CurlEasy&) = delete;
  CurlEasy& operator=(const CurlEasy&) = delete;

  // CurlEasy::Perform()
  // Sends `request` to this handle's server and returns the response
  // with any HTTP status; a non-OK status only when there is no response:
  // Unavailable (cannot connect, connection closed without a reply),
  // DeadlineExceeded (a timeout), DataLoss (a malformed reply), Internal
  // (anything else libcurl reports), each naming the URL.
  absl::StatusOr<HttpResponse> Perform(const HttpRequest& request);

 private:
  // Constant after construction.
  const std::string base_url_;
  CURL* const handle_;

  HandleGuard guard_;  // thread-safe; checks the one-thread rule
};

// Connections opened by every CurlEasy of this process so far (a relaxed
// counter: for benchmarks and the soak, which divide it by their requests).
int64_t ConnectionsOpenedInProcess();

// Initialises libcurl once per process (curl_global_init is not
// thread-safe); CurlEasy's constructor calls it. Idempotent, thread-safe.
void InitCurlOnce();

}  // namespace racelab::wire

#endif  // RACELAB_WIRE_CURL_EASY_H_
