// repro/locked_fields/union_service.cc

#include "repro/locked_fields/union_service.h"

#include <utility>

namespace racelab::repro::locked_fields {

UnionService::UnionService(PddCredentials credentials, Transport* transport,
                           HostInfoMode host_info)
    : client_(std::move(credentials), transport, host_info) {}

absl::StatusOr<GoodsDetailResult> UnionService::GetUnionPddItemDetail(
    absl::string_view goods_sign, const ParamMap& not_must_params) {
  return client_.GoodsDetail(goods_sign, not_must_params);
}

}  // namespace racelab::repro::locked_fields
