// fixed/fixed_race_tsan_test.cc
//
// TSan build only: every fix hammered at 2, 4, 8 and 16 threads must give
// zero ThreadSanitizer reports and zero wrong outcomes. A report ends the
// process with exit code 66 (halt_on_error, compiled in by tsan.cmake), so
// it fails the test; no report can be missed or ignored.

#include <tuple>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "experiments/verdict.h"
#include "gtest/gtest.h"
#include "load/goods_detail_load.h"
#include "load/hammer.h"
#include "variants/variants.h"
#include "world/pdd_router.h"

// Compiled into every TSan binary by tsan.cmake (instrument/tsan_options.cc).
extern "C" const char* __tsan_default_options();

namespace racelab {
namespace {

// "Zero reports" below means something only if this binary is instrumented
// and stops at the first report; check both, so a build change that drops
// either cannot turn these tests into silent passes.
TEST(TsanWiringTest, ThisBinaryIsInstrumentedAndHaltsOnTheFirstReport) {
  EXPECT_TRUE(IsTsanBuild());
  const std::string options = __tsan_default_options();
  EXPECT_TRUE(absl::StrContains(options, "halt_on_error=1")) << options;
  EXPECT_TRUE(absl::StrContains(options, "exitcode=66")) << options;
}

// Enough requests for every thread to overlap the others many times over
// (the buggy client is reported within ~1,000), small enough to repeat the
// whole suite 100 times.
constexpr int64_t kRequestsPerThread = 300;

class FixedRaceTest : public testing::TestWithParam<std::tuple<Variant, int>> {
};

TEST_P(FixedRaceTest, NoReportNoWrongOutcome) {
  const auto [variant, threads] = GetParam();
  PddRouterDouble router(DemoCredentials());
  std::unique_ptr<ItemDetailService> service =
      MakeService(variant, DemoCredentials(), &router);
  HammerOptions options;
  options.threads = threads;
  options.iterations = kRequestsPerThread;
  const HammerReport report = RunHammer(options, GoodsDetailLoad(*service));
  EXPECT_EQ(report.requests, threads * kRequestsPerThread);
  EXPECT_EQ(report.count(Outcome::kOk), report.requests);
  for (const std::string& example : report.examples) ADD_FAILURE() << example;
}

TEST_P(FixedRaceTest, FanOutNoReportNoWrongOutcome) {
  const auto [variant, threads] = GetParam();
  PddRouterDouble router(DemoCredentials());
  std::unique_ptr<ItemDetailService> service =
      MakeService(variant, DemoCredentials(), &router);
  SafeGo pool(threads);
  std::vector<std::string> signs;
  for (int i = 0; i < 8 * threads; ++i) signs.push_back(absl::StrCat("g-", i));
  auto results = service->GetUnionPddItemsByGoodsSignList(signs, pool);
  for (size_t i = 0; i < signs.size(); ++i) {
    RequestOutcome outcome = ClassifyGoodsDetail(signs[i], results[i]);
    EXPECT_EQ(outcome.outcome, Outcome::kOk) << outcome.detail;
  }
}

INSTANTIATE_TEST_SUITE_P(
    AllFixes, FixedRaceTest,
    testing::Combine(testing::ValuesIn(kFixedVariants),
                     testing::Values(2, 4, 8, 16)),
    [](const testing::TestParamInfo<std::tuple<Variant, int>>& info) {
      return absl::StrCat(VariantName(std::get<0>(info.param)), "_",
                          std::get<1>(info.param), "threads");
    });

}  // namespace
}  // namespace racelab
