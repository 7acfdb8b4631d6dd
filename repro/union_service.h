// repro/union_service.h
//
// UnionService: the Go service's PddClient wrapper and its
// GetUnionPddItemDetail / GetUnionPddItemsByGoodsSignList, as the seed had
// them: ONE PddClient built at start-up and used by every request.
//
// THREAD SAFETY: NONE, INTENTIONALLY, and that is the incident. The fan-out
// (ItemDetailService::GetUnionPddItemsByGoodsSignList) calls
// GetUnionPddItemDetail() from several threads at once, and they all mutate
// the one client. Teaching exhibit: compare with fixed/*/union_service.h.

#ifndef RACELAB_REPRO_UNION_SERVICE_H_
#define RACELAB_REPRO_UNION_SERVICE_H_

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "repro/pdd_client.h"
#include "world/host_info.h"
#include "world/item_detail_service.h"
#include "world/pdd_api.h"
#include "world/transport.h"

namespace racelab::repro {

class UnionService final : public ItemDetailService {
 public:
  // REQUIRES: `transport` outlives this service.
  UnionService(PddCredentials credentials, Transport* transport,
               HostInfoMode host_info = HostInfoMode::kGather);

  using ItemDetailService::GetUnionPddItemDetail;
  absl::StatusOr<GoodsDetailResult> GetUnionPddItemDetail(
      absl::string_view goods_sign, const ParamMap& not_must_params) override;

 private:
  PddClient client_;  // ONE client shared by every request: the bug
};

}  // namespace racelab::repro

#endif  // RACELAB_REPRO_UNION_SERVICE_H_
