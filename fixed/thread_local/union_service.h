// fixed/thread_local/union_service.h
//
// UnionService with one client per THREAD, the first thing teams reach for
// after the crash: each thread builds its own repro::PddClient on its first
// call and reuses it for every later call on that thread. The library's
// client is unchanged and still not thread-safe; no client is ever used by
// two threads.
//
// Thread safety: thread-safe. A client is used only by the thread that built
// it. The service owns every client it built (guarded by mu_), so clients
// live as long as the service, not as long as their thread: a service
// called from many short-lived threads accumulates one client per thread.
// Costs: one construction per calling thread (host information included),
// one client's memory per thread, and a thread-local lookup per call.
// Diff against repro/union_service.h and fixed/per_request/union_service.h.

#ifndef RACELAB_FIXED_THREAD_LOCAL_UNION_SERVICE_H_
#define RACELAB_FIXED_THREAD_LOCAL_UNION_SERVICE_H_

#include <cstdint>
#include <memory>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "base/std_mutex.h"
#include "repro/pdd_client.h"
#include "world/host_info.h"
#include "world/item_detail_service.h"
#include "world/pdd_api.h"
#include "world/transport.h"

namespace racelab::fixed::thread_local_client {

class UnionService final : public ItemDetailService {
 public:
  // REQUIRES: `transport` outlives this service.
  UnionService(PddCredentials credentials, Transport* transport,
               HostInfoMode host_info = HostInfoMode::kGather);

  UnionService(const UnionService&) = delete;
  UnionService& operator=(const UnionService&) = delete;

  using ItemDetailService::GetUnionPddItemDetail;
  absl::StatusOr<GoodsDetailResult> GetUnionPddItemDetail(
      absl::string_view goods_sign, const ParamMap& not_must_params) override;

  // How many clients this service has built: one per thread that called it.
  int clients_built() const ABSL_LOCKS_EXCLUDED(mu_);

 private:
  // Returns the calling thread's client, building it on the thread's first
  // call.
  repro::PddClient& ClientForThisThread() ABSL_LOCKS_EXCLUDED(mu_);

  // Constant after construction.
  const PddCredentials credentials_;
  Transport* const transport_;
  const HostInfoMode host_info_;
  // Unique for the life of the process (never reused), so a thread's cache
  // entry for a destroyed service can never be mistaken for a live one.
  const uint64_t id_;

  mutable StdMutex mu_;
  // State below is protected by mu_. (Each client itself is used by its own
  // thread only, without the lock.)
  std::vector<std::unique_ptr<repro::PddClient>> clients_ ABSL_GUARDED_BY(mu_);
};

}  // namespace racelab::fixed::thread_local_client

#endif  // RACELAB_FIXED_THREAD_LOCAL_UNION_SERVICE_H_
