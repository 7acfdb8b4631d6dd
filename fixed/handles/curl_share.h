// fixed/handles/curl_share.h
//
// CurlShareTransport: the cure libcurl itself offers. A new easy handle per
// request (no handle is ever seen by two threads), all joined to ONE
// CURLSH share object that holds the connection cache and the DNS cache,
// with lock callbacks so that the threads take turns inside the shared
// caches (curl_share_setopt(3): "make sure that the callback uses a
// different lock for each kind of data"). A request finds a connection a
// previous request left idle, so handles per request still reuse
// connections.
//
// A caution measured and documented in docs/wire.md: libcurl lists a shared
// connection cache used from several threads as a known bug ("A shared
// connection cache is not thread-safe", known bug 11.11, fixed in later
// releases); Debian bookworm's libcurl is 7.88.1. racelab's soak runs this
// cure 16 threads x 10,000 requests to show what it does here.
//
// Thread safety: thread-safe. The share's data is guarded by the lock
// callbacks (one absl::Mutex per kind of data); each call's handle is its
// own.

#ifndef RACELAB_FIXED_HANDLES_CURL_SHARE_H_
#define RACELAB_FIXED_HANDLES_CURL_SHARE_H_

#include <array>
#include <string>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "wire/curl_easy.h"
#include "world/transport.h"

namespace racelab::fixed::handles {

class CurlShareTransport final : public Transport {
 public:
  explicit CurlShareTransport(std::string base_url,
                              wire::WireTimeouts timeouts = {});
  ~CurlShareTransport() override;

  CurlShareTransport(const CurlShareTransport&) = delete;
  CurlShareTransport& operator=(const CurlShareTransport&) = delete;

  absl::StatusOr<HttpResponse> RoundTrip(const HttpRequest& request) override;

 private:
  // libcurl's lock and unlock callbacks: a lock taken in one call and
  // released in another, which the thread-safety analysis cannot follow.
  static void Lock(CURL* handle, int data, int access,
                   void* self) ABSL_NO_THREAD_SAFETY_ANALYSIS;
  static void Unlock(CURL* handle, int data,
                     void* self) ABSL_NO_THREAD_SAFETY_ANALYSIS;

  // Constant after construction.
  const std::string base_url_;
  const wire::WireTimeouts timeouts_;
  CURLSH* const share_;

  // One lock per kind of shared data (curl_lock_data's values are small).
  // They guard libcurl's data inside share_, which the annotations cannot
  // name; libcurl takes and releases them through Lock() and Unlock().
  std::array<absl::Mutex, 16> locks_;
};

}  // namespace racelab::fixed::handles

#endif  // RACELAB_FIXED_HANDLES_CURL_SHARE_H_
