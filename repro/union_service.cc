// repro/union_service.cc

#include "repro/union_service.h"

#include <utility>

namespace racelab::repro {

UnionService::UnionService(PddCredentials credentials, Transport* transport,
                           HostInfoMode host_info)
    : client_(std::move(credentials), transport, host_info) {}

absl::StatusOr<GoodsDetailResult> UnionService::GetUnionPddItemDetail(
    absl::string_view goods_sign, const ParamMap& not_must_params) {
  return client_.GoodsDetail(goods_sign, not_must_params);
}

}  // namespace racelab::repro
