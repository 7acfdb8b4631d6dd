// repro/union_service.cc

#include "repro/union_service.h"

#include <utility>

namespace racelab::repro {

UnionService::UnionService(PddCredentials credentials, Transport* transport)
    : client_(std::move(credentials), transport) {}

absl::StatusOr<GoodsDetailResult> UnionService::GetUnionPddItemDetail(
    absl::string_view goods_sign) {
  return client_.GoodsDetail(goods_sign);
}

}  // namespace racelab::repro
