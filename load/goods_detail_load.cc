// load/goods_detail_load.cc

#include "load/goods_detail_load.h"

#include "absl/strings/str_cat.h"

namespace racelab {

std::string GoodsSignFor(RequestContext& context) {
  return absl::StrCat("goods-", context.thread, "-", context.iteration, "-",
                      (*context.rng)() % 1000000);
}

HammerOperation GoodsDetailLoad(ItemDetailService& service) {
  return [&service](RequestContext& context) {
    const std::string goods_sign = GoodsSignFor(context);
    return ClassifyGoodsDetail(goods_sign,
                               service.GetUnionPddItemDetail(goods_sign));
  };
}

}  // namespace racelab
