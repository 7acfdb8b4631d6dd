// repro/pdd_client.h
//
// PddClient: a faithful port of pinduoduo.Client (dtapps/go-library
// 1.0.157, service/pinduoduo). It holds the application's credentials and
// ONE HttpApp, and makes every API call by mutating that HttpApp.
//
// THREAD SAFETY: NONE, INTENTIONALLY. GoodsDetail() writes the shared
// HttpApp (SetParams, Get); two concurrent calls race on its maps. The Go
// library never said so, and the service shared one client across
// goroutines. Teaching exhibit: compare with fixed/locked/pdd_client.h and
// fixed/copying/pdd_client.h.

#ifndef RACELAB_REPRO_PDD_CLIENT_H_
#define RACELAB_REPRO_PDD_CLIENT_H_

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "repro/http_app.h"
#include "world/host_info.h"
#include "world/pdd_api.h"
#include "world/transport.h"

namespace racelab::repro {

class PddClient {
 public:
  // Go: pinduoduo.NewClient(clientId, clientSecret, mediaId, pid). Builds
  // the HttpApp, host information included.
  // REQUIRES: `transport` outlives this client.
  PddClient(PddCredentials credentials, Transport* transport,
            HostInfoMode host_info = HostInfoMode::kGather);

  PddClient(PddClient&&) = default;
  PddClient& operator=(PddClient&&) = default;

  // PddClient::GoodsDetail()
  // Go: (*Client).GoodsDetail (pdd.ddk.goods.detail.go). Asks the router
  // for one item's details.
  absl::StatusOr<GoodsDetailResult> GoodsDetail(
      absl::string_view goods_sign, const ParamMap& not_must_params = {});

  const PddCredentials& credentials() const { return config_; }

 private:
  // Go: (*Client).request (request.go): sign, SetParams, Get.
  absl::StatusOr<HttpResponse> Request(ParamMap params);

  PddCredentials config_;
  HttpApp request_client_;  // ONE App, mutated by every call (see the top)
};

}  // namespace racelab::repro

#endif  // RACELAB_REPRO_PDD_CLIENT_H_
