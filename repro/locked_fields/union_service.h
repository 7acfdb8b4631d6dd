// repro/locked_fields/union_service.h
//
// UnionService over the tempting wrong fix (locked_fields/pdd_client.h):
// ONE PddClient built at start-up and used by every request, as the seed
// had it, with every field inside the client locked.
//
// Thread safety: no data race, still NOT safe to share (see
// locked_fields/pdd_client.h). Teaching exhibit: diff against
// repro/union_service.h and fixed/*/union_service.h.

#ifndef RACELAB_REPRO_LOCKED_FIELDS_UNION_SERVICE_H_
#define RACELAB_REPRO_LOCKED_FIELDS_UNION_SERVICE_H_

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "repro/locked_fields/pdd_client.h"
#include "world/host_info.h"
#include "world/item_detail_service.h"
#include "world/pdd_api.h"
#include "world/transport.h"

namespace racelab::repro::locked_fields {

class UnionService final : public ItemDetailService {
 public:
  // REQUIRES: `transport` outlives this service.
  UnionService(PddCredentials credentials, Transport* transport,
               HostInfoMode host_info = HostInfoMode::kGather);

  using ItemDetailService::GetUnionPddItemDetail;
  absl::StatusOr<GoodsDetailResult> GetUnionPddItemDetail(
      absl::string_view goods_sign, const ParamMap& not_must_params) override;

 private:
  PddClient client_;  // ONE client shared by every request: still the bug
};

}  // namespace racelab::repro::locked_fields

#endif  // RACELAB_REPRO_LOCKED_FIELDS_UNION_SERVICE_H_
