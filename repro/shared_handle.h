// repro/shared_handle.h
//
// SharedHandleTransport: the second classic of the shared-client family,
// one layer down. It keeps ONE libcurl easy handle, made at construction,
// and sends every request through it, from whichever thread calls, as the
// port of a "long-lived HTTP client" naturally would: a CURL* member looks
// like Go's *http.Client, which IS safe to share. A CURL handle is not:
// "you must never share the same handle in multiple threads"
// (libcurl-thread(3)).
//
// THREAD SAFETY: NONE, INTENTIONALLY. RoundTrip() claims to be thread-safe
// (Transport's contract) and is not. Natively, two threads in one handle
// double-free, throw std::bad_alloc or swap answers; ThreadSanitizer cannot
// see it (libcurl is not instrumented), so in racelab_guard the handle's
// HandleGuard (wire/handle_guard.h) reports it, Go-style, naming both
// threads; the audit (the plain build) shows the damage itself.
// Teaching exhibit: compare with fixed/handles/*.h.

#ifndef RACELAB_REPRO_SHARED_HANDLE_H_
#define RACELAB_REPRO_SHARED_HANDLE_H_

#include <string>

#include "absl/status/statusor.h"
#include "wire/curl_easy.h"
#include "world/transport.h"

namespace racelab::repro {

class SharedHandleTransport final : public Transport {
 public:
  // `base_url`: the loopback server, "http://127.0.0.1:PORT".
  explicit SharedHandleTransport(std::string base_url,
                                 wire::WireTimeouts timeouts = {});

  // Sends `request` through the one handle. Not safe from two threads at
  // once (see the top), whatever Transport promises.
  absl::StatusOr<HttpResponse> RoundTrip(const HttpRequest& request) override;

 private:
  wire::CurlEasy handle_;  // ONE handle, used by every caller: the bug
};

}  // namespace racelab::repro

#endif  // RACELAB_REPRO_SHARED_HANDLE_H_
