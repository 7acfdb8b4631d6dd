// fixed/locked/union_service.h
//
// UnionService with ONE shared client, as in the seed, but the client is
// fixed/locked's PddClient, which serialises requests under a mutex.
//
// Thread safety: thread-safe (the client is). Diff against
// repro/union_service.h: only the client type changes.

#ifndef RACELAB_FIXED_LOCKED_UNION_SERVICE_H_
#define RACELAB_FIXED_LOCKED_UNION_SERVICE_H_

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "fixed/locked/pdd_client.h"
#include "world/host_info.h"
#include "world/item_detail_service.h"
#include "world/pdd_api.h"
#include "world/transport.h"

namespace racelab::fixed::locked {

class UnionService final : public ItemDetailService {
 public:
  // REQUIRES: `transport` outlives this service.
  UnionService(PddCredentials credentials, Transport* transport,
               HostInfoMode host_info = HostInfoMode::kGather);

  using ItemDetailService::GetUnionPddItemDetail;
  absl::StatusOr<GoodsDetailResult> GetUnionPddItemDetail(
      absl::string_view goods_sign, const ParamMap& not_must_params) override;

 private:
  PddClient client_;  // ONE client, shared safely: it locks internally
};

}  // namespace racelab::fixed::locked

#endif  // RACELAB_FIXED_LOCKED_UNION_SERVICE_H_
