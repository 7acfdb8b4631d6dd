// world/item_detail_service.cc

#include "world/item_detail_service.h"

#include <exception>
#include <latch>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"

namespace racelab {

std::vector<absl::StatusOr<GoodsDetailResult>>
ItemDetailService::GetUnionPddItemsByGoodsSignList(
    absl::Span<const std::string> goods_signs, SafeGo& pool) {
  std::vector<absl::StatusOr<GoodsDetailResult>> results(
      goods_signs.size(), absl::UnknownError("not run"));
  // Each task writes only its own slot; the latch orders those writes before
  // the read below (and TSan sees that ordering).
  std::latch done(static_cast<std::ptrdiff_t>(goods_signs.size()));
  for (size_t i = 0; i < goods_signs.size(); ++i) {
    pool.Go([this, &goods_signs, &results, &done, i] {
      try {
        results[i] = GetUnionPddItemDetail(goods_signs[i]);
      } catch (const std::exception& e) {
        results[i] = absl::InternalError(absl::StrCat("panic: ", e.what()));
      } catch (...) {
        results[i] = absl::InternalError("panic: non-std exception");
      }
      done.count_down();
    });
  }
  done.wait();
  return results;
}

}  // namespace racelab
