// fixed/copying/pdd_client.h
//
// PddClient with request-scoped state: immutable after construction; each
// GoodsDetail() call builds its own Request from the shared, immutable
// HttpApp. No lock, and nothing shared is written.
//
// Thread safety: thread-safe. All members are constant after construction,
// so any number of threads may call GoodsDetail() at once.
// Diff against repro/pdd_client.h.

#ifndef RACELAB_FIXED_COPYING_PDD_CLIENT_H_
#define RACELAB_FIXED_COPYING_PDD_CLIENT_H_

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "fixed/copying/http_app.h"
#include "world/host_info.h"
#include "world/pdd_api.h"
#include "world/transport.h"

namespace racelab::fixed::copying {

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
  absl::StatusOr<GoodsDetailResult> GoodsDetail(
      absl::string_view goods_sign, const ParamMap& not_must_params = {}) const;

  const PddCredentials& credentials() const { return config_; }

 private:
  // Sign, then send through a Request of this call's own.
  absl::StatusOr<HttpResponse> Request(ParamMap params) const;

  // Constant after construction.
  const PddCredentials config_;
  const HttpApp request_client_;  // immutable; shared safely
};

}  // namespace racelab::fixed::copying

#endif  // RACELAB_FIXED_COPYING_PDD_CLIENT_H_
