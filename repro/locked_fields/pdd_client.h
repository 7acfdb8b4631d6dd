// repro/locked_fields/pdd_client.h
//
// PddClient over the tempting wrong fix's HttpApp (locked_fields/
// http_app.h): the port of pinduoduo.Client (repro/pdd_client.h) with
// nothing changed but the App it mutates, every field of which is locked.
// This is what a team ships after reading "concurrent map iteration and
// map write": the map made safe, ONE client kept for all requests.
//
// Thread safety: no data race (every access is locked: ThreadSanitizer,
// Helgrind and DRD have nothing to report), no crash, and still NOT safe
// to share. GoodsDetail() is a compound operation split over locked
// sections: SetParams(), then Get(), which copies and drains the shared
// parameter map. Two calls at once can send one caller's item with the
// other's parameters and signature, and the other with none (a race
// condition; racelab's history check and the audit see it, by results).
// Teaching exhibit: diff against repro/pdd_client.h (the bug it "fixes")
// and fixed/per_request/ (the seed's fix: a client per request).

#ifndef RACELAB_REPRO_LOCKED_FIELDS_PDD_CLIENT_H_
#define RACELAB_REPRO_LOCKED_FIELDS_PDD_CLIENT_H_

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "repro/locked_fields/http_app.h"
#include "world/host_info.h"
#include "world/pdd_api.h"
#include "world/transport.h"

namespace racelab::repro::locked_fields {

class PddClient {
 public:
  // REQUIRES: `transport` outlives this client.
  PddClient(PddCredentials credentials, Transport* transport,
            HostInfoMode host_info = HostInfoMode::kGather);

  PddClient(const PddClient&) = delete;
  PddClient& operator=(const PddClient&) = delete;

  // PddClient::GoodsDetail()
  // Go: (*Client).GoodsDetail. Asks the router for one item's details.
  absl::StatusOr<GoodsDetailResult> GoodsDetail(
      absl::string_view goods_sign, const ParamMap& not_must_params = {});

  const PddCredentials& credentials() const { return config_; }

 private:
  // Go: (*Client).request: sign, SetParams, Get.
  absl::StatusOr<HttpResponse> Request(ParamMap params);

  // Constant after construction.
  const PddCredentials config_;
  HttpApp request_client_;  // ONE App, every field locked (see the top)
};

}  // namespace racelab::repro::locked_fields

#endif  // RACELAB_REPRO_LOCKED_FIELDS_PDD_CLIENT_H_
