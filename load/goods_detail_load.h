// load/goods_detail_load.h
//
// The standard racelab load: every hammer request asks a service for one
// item whose goods_sign is unique to the requesting thread and iteration,
// and classifies the answer. Another caller's goods_sign in a response is
// therefore always detectable.

#ifndef RACELAB_LOAD_GOODS_DETAIL_LOAD_H_
#define RACELAB_LOAD_GOODS_DETAIL_LOAD_H_

#include <string>

#include "load/hammer.h"
#include "world/item_detail_service.h"

namespace racelab {

// GoodsSignFor() returns "goods-<thread>-<iteration>-<random>", drawing the
// random part from the context's generator.
std::string GoodsSignFor(RequestContext& context);

// GoodsDetailLoad() returns a hammer operation that calls
// service.GetUnionPddItemDetail() and classifies the result.
// REQUIRES: `service` outlives the returned operation.
HammerOperation GoodsDetailLoad(ItemDetailService& service);

}  // namespace racelab

#endif  // RACELAB_LOAD_GOODS_DETAIL_LOAD_H_
