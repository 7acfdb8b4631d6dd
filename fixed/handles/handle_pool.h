// fixed/handles/handle_pool.h
//
// HandlePoolTransport: a small fixed pool of easy handles; each request
// borrows one, waits if all are lent, and gives it back. At most `size`
// connections, each kept alive and reused by whichever thread borrows it
// next (several threads one after another, never two at once: that is
// libcurl's rule). Compare with repro/shared_handle.h, and with
// fixed/pool/, the same idea one layer up (whole clients).
//
// Thread safety: thread-safe. The free list is guarded by mu_; a borrowed
// handle belongs to its borrower until returned.

#ifndef RACELAB_FIXED_HANDLES_HANDLE_POOL_H_
#define RACELAB_FIXED_HANDLES_HANDLE_POOL_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "wire/curl_easy.h"
#include "world/transport.h"

namespace racelab::fixed::handles {

inline constexpr int kDefaultHandlePoolSize = 4;

class HandlePoolTransport final : public Transport {
 public:
  // REQUIRES: size >= 1.
  HandlePoolTransport(std::string base_url, int size = kDefaultHandlePoolSize,
                      wire::WireTimeouts timeouts = {});

  absl::StatusOr<HttpResponse> RoundTrip(const HttpRequest& request) override;

 private:
  // Constant after construction.
  // Every handle, for the transport's life; only `free_` says who may use it.
  const std::vector<std::unique_ptr<wire::CurlEasy>> handles_;

  absl::Mutex mu_;
  std::vector<wire::CurlEasy*> free_ ABSL_GUARDED_BY(mu_);
};

}  // namespace racelab::fixed::handles

#endif  // RACELAB_FIXED_HANDLES_HANDLE_POOL_H_
