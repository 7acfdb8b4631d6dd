// fixed/fixed_stress_test.cc
//
// Normal (non-sanitizer) build: each fix serves 100,000 requests from 8
// threads released together, and every single one must come back with its
// own item. (Timings are not asserted; they belong in benchmarks.)

#include "gtest/gtest.h"
#include "load/goods_detail_load.h"
#include "load/hammer.h"
#include "variants/variants.h"
#include "world/pdd_router.h"

namespace racelab {
namespace {

class FixedStressTest : public testing::TestWithParam<Variant> {};

TEST_P(FixedStressTest, HundredThousandRequestsOnEightThreadsAllOk) {
  PddRouterDouble router(DemoCredentials());
  std::unique_ptr<ItemDetailService> service =
      MakeService(GetParam(), DemoCredentials(), &router);
  HammerOptions options;
  options.threads = 8;
  options.iterations = 12'500;
  const HammerReport report = RunHammer(options, GoodsDetailLoad(*service));
  EXPECT_EQ(report.requests, 100'000);
  EXPECT_EQ(report.count(Outcome::kOk), 100'000);
  for (const std::string& example : report.examples) {
    ADD_FAILURE() << example;
  }
}

INSTANTIATE_TEST_SUITE_P(AllFixes, FixedStressTest,
                         testing::ValuesIn(kFixedVariants),
                         [](const testing::TestParamInfo<Variant>& info) {
                           return std::string(VariantName(info.param));
                         });

}  // namespace
}  // namespace racelab
