// fixed/per_request/union_service.cc

#include "fixed/per_request/union_service.h"

#include <utility>

namespace racelab::fixed::per_request {

UnionService::UnionService(PddCredentials credentials, Transport* transport)
    : credentials_(std::move(credentials)), transport_(transport) {}

absl::StatusOr<GoodsDetailResult> UnionService::GetUnionPddItemDetail(
    absl::string_view goods_sign) {
  return Client().GoodsDetail(goods_sign);
}

repro::PddClient UnionService::Client() const {
  return repro::PddClient(credentials_, transport_);
}

}  // namespace racelab::fixed::per_request
