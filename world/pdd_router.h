// world/pdd_router.h
//
// PddRouterDouble: an in-process stand-in for the PDD API router. It parses
// the request's parameters, re-verifies the signature with the shared
// secret, and answers pdd.ddk.goods.detail with an item whose goods_sign
// echoes the one it received. A caller that compares the echoed goods_sign
// with the one it asked for can therefore tell whether the server saw ITS
// request or somebody else's.

#ifndef RACELAB_WORLD_PDD_ROUTER_H_
#define RACELAB_WORLD_PDD_ROUTER_H_

#include <string>

#include "absl/status/statusor.h"
#include "world/pdd_api.h"
#include "world/transport.h"

namespace racelab {

// Thread safety: all members are constant after construction, so any number
// of threads may call RoundTrip() concurrently.
class PddRouterDouble final : public Transport {
 public:
  // Accepts requests signed for `credentials.client_id` with
  // `credentials.client_secret`.
  explicit PddRouterDouble(PddCredentials credentials);

  PddRouterDouble(const PddRouterDouble&) = delete;
  PddRouterDouble& operator=(const PddRouterDouble&) = delete;

  // PddRouterDouble::RoundTrip()
  // Always answers (never a non-OK status): HTTP 200 with a goods detail
  // body, or with an error body (missing parameter, invalid sign, unknown
  // client) like the real router; HTTP 404 for another URL and 405 for a
  // method other than GET or POST.
  absl::StatusOr<HttpResponse> RoundTrip(const HttpRequest& request) override;

 private:
  GoodsDetailResponse Answer(const ParamMap& params) const;

  // Constant after construction.
  const PddCredentials credentials_;
};

}  // namespace racelab

#endif  // RACELAB_WORLD_PDD_ROUTER_H_
