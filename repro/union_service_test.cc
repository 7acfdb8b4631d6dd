// repro/union_service_test.cc
//
// Single-threaded behaviour of the buggy service. Its concurrent behaviour
// is tested under ThreadSanitizer (race_canary_tsan_test.cc): without TSan
// the race is undefined behaviour, so no deterministic assertion about it is
// possible here.

#include "repro/union_service.h"

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "load/outcome.h"
#include "variants/variants.h"
#include "world/pdd_router.h"

namespace racelab::repro {
namespace {

TEST(UnionServiceTest, GetUnionPddItemDetailReturnsTheItem) {
  PddRouterDouble router(DemoCredentials());
  UnionService service(DemoCredentials(), &router);
  EXPECT_EQ(
      ClassifyGoodsDetail("g-1", service.GetUnionPddItemDetail("g-1")).outcome,
      Outcome::kOk);
}

TEST(UnionServiceTest, FanOutOnOneWorkerIsSerialAndCorrect) {
  // One SafeGo worker runs the tasks one after another, so the shared
  // client is never used concurrently.
  PddRouterDouble router(DemoCredentials());
  UnionService service(DemoCredentials(), &router);
  SafeGo pool(1);
  std::vector<std::string> signs;
  for (int i = 0; i < 32; ++i) signs.push_back(absl::StrCat("goods-", i));
  auto results = service.GetUnionPddItemsByGoodsSignList(signs, pool);
  ASSERT_EQ(results.size(), signs.size());
  for (size_t i = 0; i < signs.size(); ++i) {
    EXPECT_EQ(ClassifyGoodsDetail(signs[i], results[i]).outcome, Outcome::kOk)
        << i;
  }
}

TEST(UnionServiceTest, FanOutOfNothingReturnsNothing) {
  PddRouterDouble router(DemoCredentials());
  UnionService service(DemoCredentials(), &router);
  SafeGo pool(2);
  EXPECT_TRUE(service.GetUnionPddItemsByGoodsSignList({}, pool).empty());
}

}  // namespace
}  // namespace racelab::repro
