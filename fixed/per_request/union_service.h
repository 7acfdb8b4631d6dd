// fixed/per_request/union_service.h
//
// UnionService, fixed the way the seed's post fixed it: the service keeps
// only the credentials and builds a fresh PddClient (with its own HttpApp)
// for every call. The library's client is unchanged and still not
// thread-safe; it is simply never shared.
//
// Thread safety: thread-safe. All members are constant after construction;
// every call owns the client it builds. The price: each call pays the
// client's construction, host-information gathering included.
// Diff against repro/union_service.h to see the whole fix.

#ifndef RACELAB_FIXED_PER_REQUEST_UNION_SERVICE_H_
#define RACELAB_FIXED_PER_REQUEST_UNION_SERVICE_H_

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "repro/pdd_client.h"
#include "world/host_info.h"
#include "world/item_detail_service.h"
#include "world/pdd_api.h"
#include "world/transport.h"

namespace racelab::fixed::per_request {

class UnionService final : public ItemDetailService {
 public:
  // REQUIRES: `transport` outlives this service.
  UnionService(PddCredentials credentials, Transport* transport,
               HostInfoMode host_info = HostInfoMode::kGather);

  using ItemDetailService::GetUnionPddItemDetail;
  absl::StatusOr<GoodsDetailResult> GetUnionPddItemDetail(
      absl::string_view goods_sign, const ParamMap& not_must_params) override;

 private:
  // Go: func (p *PddClient) Client() *pinduoduo.Client, a new one per call.
  repro::PddClient Client() const;

  // Constant after construction.
  const PddCredentials credentials_;
  Transport* const transport_;
  const HostInfoMode host_info_;  // for every client it builds
};

}  // namespace racelab::fixed::per_request

#endif  // RACELAB_FIXED_PER_REQUEST_UNION_SERVICE_H_
