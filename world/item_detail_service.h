// world/item_detail_service.h
//
// ItemDetailService: what every racelab variant offers, in the role of the
// Go service's GetUnionPddItemDetail and GetUnionPddItemsByGoodsSignList.
// The repro and each fix implement GetUnionPddItemDetail() with their own
// client strategy; the fan-out over a SafeGo pool is the same for all.

#ifndef RACELAB_WORLD_ITEM_DETAIL_SERVICE_H_
#define RACELAB_WORLD_ITEM_DETAIL_SERVICE_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "world/pdd_api.h"
#include "world/safe_go.h"

namespace racelab {

// Thread safety: each implementation states its own. The interface promises
// nothing; that is exactly the trap the seed's service fell into.
class ItemDetailService {
 public:
  virtual ~ItemDetailService() = default;

  // ItemDetailService::GetUnionPddItemDetail()
  // Asks the PDD router for one item's details, sending `not_must_params`
  // along (the API's optional parameters; the benchmarks use them to vary
  // the request's size). The one-argument form sends none.
  virtual absl::StatusOr<GoodsDetailResult> GetUnionPddItemDetail(
      absl::string_view goods_sign, const ParamMap& not_must_params) = 0;
  absl::StatusOr<GoodsDetailResult> GetUnionPddItemDetail(
      absl::string_view goods_sign) {
    return GetUnionPddItemDetail(goods_sign, ParamMap());
  }

  // ItemDetailService::GetUnionPddItemsByGoodsSignList()
  // The seed's fan-out: one task per goods sign on `pool`, all running
  // GetUnionPddItemDetail() at once; returns the results in input order
  // once every task has finished. An exception in a task becomes an
  // Internal status for that item. Calls GetUnionPddItemDetail()
  // concurrently, so it is only as safe as the implementation.
  std::vector<absl::StatusOr<GoodsDetailResult>>
  GetUnionPddItemsByGoodsSignList(absl::Span<const std::string> goods_signs,
                                  SafeGo& pool);
};

}  // namespace racelab

#endif  // RACELAB_WORLD_ITEM_DETAIL_SERVICE_H_
