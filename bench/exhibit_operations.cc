// bench/exhibit_operations.cc

#include "bench/exhibit_operations.h"

#include <string>

#include "absl/strings/str_cat.h"
#include "load/outcome.h"

namespace racelab::bench {

PddRouterDouble& ExhibitRouter() {
  static PddRouterDouble* router = new PddRouterDouble(DemoCredentials());
  return *router;
}

bool GoodsDetail(ItemDetailService& service, int n) {
  const std::string sign = absl::StrCat("goods-", n);
  return ClassifyGoodsDetail(sign, service.GetUnionPddItemDetail(sign, {}))
             .outcome == Outcome::kOk;
}

Operations<ItemDetailService> ExhibitOperations(Variant variant) {
  return Operations<ItemDetailService>()
      .Factory([variant] {
        return MakeService(variant, DemoCredentials(), &ExhibitRouter(),
                           HostInfoMode::kGather);
      })
      .Op("GoodsDetail", &GoodsDetail, Range(0, 999));
}

}  // namespace racelab::bench
