// fixed/copying/union_service.h
//
// UnionService with ONE shared client, as in the seed, but the client is
// fixed/copying's immutable PddClient with request-scoped state.
//
// Thread safety: thread-safe (the client is immutable). Diff against
// repro/union_service.h: only the client type changes.

#ifndef RACELAB_FIXED_COPYING_UNION_SERVICE_H_
#define RACELAB_FIXED_COPYING_UNION_SERVICE_H_

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "fixed/copying/pdd_client.h"
#include "world/host_info.h"
#include "world/item_detail_service.h"
#include "world/pdd_api.h"
#include "world/transport.h"

namespace racelab::fixed::copying {

class UnionService final : public ItemDetailService {
 public:
  // REQUIRES: `transport` outlives this service.
  UnionService(PddCredentials credentials, Transport* transport,
               HostInfoMode host_info = HostInfoMode::kGather);

  using ItemDetailService::GetUnionPddItemDetail;
  absl::StatusOr<GoodsDetailResult> GetUnionPddItemDetail(
      absl::string_view goods_sign, const ParamMap& not_must_params) override;

 private:
  const PddClient client_;  // ONE client, shared safely: it is immutable
};

}  // namespace racelab::fixed::copying

#endif  // RACELAB_FIXED_COPYING_UNION_SERVICE_H_
