// fixed/per_request/union_service.cc

#include "fixed/per_request/union_service.h"

#include <utility>

namespace racelab::fixed::per_request {

UnionService::UnionService(PddCredentials credentials, Transport* transport,
                           HostInfoMode host_info)
    : credentials_(std::move(credentials)),
      transport_(transport),
      host_info_(host_info) {}

absl::StatusOr<GoodsDetailResult> UnionService::GetUnionPddItemDetail(
    absl::string_view goods_sign, const ParamMap& not_must_params) {
  return Client().GoodsDetail(goods_sign, not_must_params);
}

repro::PddClient UnionService::Client() const {
  return repro::PddClient(credentials_, transport_, host_info_);
}

}  // namespace racelab::fixed::per_request
