// fixed/pool/union_service.cc

#include "fixed/pool/union_service.h"

namespace racelab::fixed::pool {

UnionService::UnionService(PddCredentials credentials, Transport* transport,
                           HostInfoMode host_info, int pool_size)
    : pool_(pool_size, credentials, transport, host_info) {}

absl::StatusOr<GoodsDetailResult> UnionService::GetUnionPddItemDetail(
    absl::string_view goods_sign, const ParamMap& not_must_params) {
  ClientPool::Lease lease = pool_.Borrow();
  return lease.client().GoodsDetail(goods_sign, not_must_params);
}

}  // namespace racelab::fixed::pool
