// fixed/locked/pdd_client.h
//
// PddClient, fixed with a lock: the repro client plus one absl::Mutex that
// serialises each whole request (SetParams through the response). The
// HttpApp, which is all per-request state, is guarded by that mutex, so
// -Wthread-safety rejects any access without it at compile time. (The lock
// is taken with ValgrindVisibleMutexLock, absl::MutexLock plus annotations
// that let Valgrind's race detectors see Debian's prebuilt absl::Mutex.)
//
// Thread safety: thread-safe. Concurrent GoodsDetail() calls run one at a
// time through the shared HttpApp; the price is that a slow round trip
// blocks every other caller. Diff against repro/pdd_client.h.

#ifndef RACELAB_FIXED_LOCKED_PDD_CLIENT_H_
#define RACELAB_FIXED_LOCKED_PDD_CLIENT_H_

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"
#include "repro/http_app.h"
#include "world/host_info.h"
#include "world/pdd_api.h"
#include "world/transport.h"

namespace racelab::fixed::locked {

class PddClient {
 public:
  // REQUIRES: `transport` outlives this client.
  PddClient(PddCredentials credentials, Transport* transport,
            HostInfoMode host_info = HostInfoMode::kGather);

  PddClient(const PddClient&) = delete;
  PddClient& operator=(const PddClient&) = delete;

  // PddClient::GoodsDetail()
  // Asks the router for one item's details; `not_must_params` are the
  // optional parameters sent along (Go: notMustParams ...gorequest.Params).
  // Blocks while another call holds the client.
  absl::StatusOr<GoodsDetailResult> GoodsDetail(
      absl::string_view goods_sign, const ParamMap& not_must_params = {})
      ABSL_LOCKS_EXCLUDED(mu_);

  const PddCredentials& credentials() const { return config_; }

 private:
  // Sign, SetParams, Get: the part that touches the shared HttpApp.
  absl::StatusOr<HttpResponse> Request(ParamMap params)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);

  // Constant after construction.
  const PddCredentials config_;

  absl::Mutex mu_;
  // State below is protected by mu_.
  repro::HttpApp request_client_ ABSL_GUARDED_BY(mu_);
};

}  // namespace racelab::fixed::locked

#endif  // RACELAB_FIXED_LOCKED_PDD_CLIENT_H_
