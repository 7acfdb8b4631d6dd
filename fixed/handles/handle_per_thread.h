// fixed/handles/handle_per_thread.h
//
// HandlePerThreadTransport: one easy handle per calling thread, made on the
// thread's first request and kept: each thread keeps its connection alive
// (keep-alive reuse per thread), and no handle is ever seen by two threads.
// The handles belong to the transport (a map from thread id, guarded by
// mu_), not to thread_local storage, so they go when the transport goes.
// Compare with repro/shared_handle.h.
//
// Thread safety: thread-safe. The map is guarded by mu_; a handle is used
// only by the thread it was made for, outside the lock.

#ifndef RACELAB_FIXED_HANDLES_HANDLE_PER_THREAD_H_
#define RACELAB_FIXED_HANDLES_HANDLE_PER_THREAD_H_

#include <memory>
#include <string>
#include <thread>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "wire/curl_easy.h"
#include "world/transport.h"

namespace racelab::fixed::handles {

class HandlePerThreadTransport final : public Transport {
 public:
  explicit HandlePerThreadTransport(std::string base_url,
                                    wire::WireTimeouts timeouts = {});

  absl::StatusOr<HttpResponse> RoundTrip(const HttpRequest& request) override;

 private:
  // The calling thread's handle, made on its first call.
  wire::CurlEasy& ThisThreadsHandle();

  // Constant after construction.
  const std::string base_url_;
  const wire::WireTimeouts timeouts_;

  absl::Mutex mu_;
  // The handles never move (unique_ptr), so a reference stays valid after
  // the lock is released; only its own thread uses it.
  absl::flat_hash_map<std::thread::id, std::unique_ptr<wire::CurlEasy>> handles_
      ABSL_GUARDED_BY(mu_);
};

}  // namespace racelab::fixed::handles

#endif  // RACELAB_FIXED_HANDLES_HANDLE_PER_THREAD_H_
