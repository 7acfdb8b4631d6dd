// fixed/fixed_unit_test.cc
//
// Functional tests shared by the five fixes, plus what is particular to
// each. Their concurrency is tested in fixed_stress_test.cc (normal build)
// and fixed_race_tsan_test.cc (TSan build).

#include "absl/strings/str_cat.h"
#include "fixed/copying/http_app.h"
#include "fixed/locked/pdd_client.h"
#include "gtest/gtest.h"
#include "load/outcome.h"
#include "variants/variants.h"
#include "world/pdd_router.h"
#include "world/query.h"

namespace racelab {
namespace {

class FixedVariantTest : public testing::TestWithParam<Variant> {
 protected:
  PddRouterDouble router_{DemoCredentials()};
  std::unique_ptr<ItemDetailService> service_ =
      MakeService(GetParam(), DemoCredentials(), &router_);
};

TEST_P(FixedVariantTest, OneRequestGetsItsItem) {
  EXPECT_EQ(ClassifyGoodsDetail("g-1", service_->GetUnionPddItemDetail("g-1"))
                .outcome,
            Outcome::kOk);
}

TEST_P(FixedVariantTest, ConcurrentFanOutReturnsEveryItemInOrder) {
  SafeGo pool(4);
  std::vector<std::string> signs;
  for (int i = 0; i < 200; ++i) signs.push_back(absl::StrCat("goods-", i));
  auto results = service_->GetUnionPddItemsByGoodsSignList(signs, pool);
  ASSERT_EQ(results.size(), signs.size());
  for (size_t i = 0; i < signs.size(); ++i) {
    RequestOutcome outcome = ClassifyGoodsDetail(signs[i], results[i]);
    EXPECT_EQ(outcome.outcome, Outcome::kOk) << i << ": " << outcome.detail;
  }
}

TEST_P(FixedVariantTest, OptionalParamsReachTheServerSigned) {
  const ParamMap extra = {{"custom_parameters", "racelab"}, {"zs_duo_id", "7"}};
  absl::StatusOr<GoodsDetailResult> result =
      service_->GetUnionPddItemDetail("g-2", extra);
  // kOk means the router re-verified the signature over every parameter.
  ASSERT_EQ(ClassifyGoodsDetail("g-2", result).outcome, Outcome::kOk);
  absl::StatusOr<ParamMap> saw = ParseQuery(result->http.server_saw);
  ASSERT_TRUE(saw.ok()) << saw.status();
  EXPECT_EQ(saw->size(), 8u);  // type timestamp goods_sign pid client_id sign
  EXPECT_EQ(saw->at("custom_parameters"), "racelab");
  EXPECT_EQ(saw->at("zs_duo_id"), "7");
}

TEST_P(FixedVariantTest, LightConstructionStillServes) {
  std::unique_ptr<ItemDetailService> light =
      MakeService(GetParam(), DemoCredentials(), &router_, HostInfoMode::kSkip);
  EXPECT_EQ(
      ClassifyGoodsDetail("g-3", light->GetUnionPddItemDetail("g-3")).outcome,
      Outcome::kOk);
}

INSTANTIATE_TEST_SUITE_P(AllFixes, FixedVariantTest,
                         testing::ValuesIn(kFixedVariants),
                         [](const testing::TestParamInfo<Variant>& info) {
                           return std::string(VariantName(info.param));
                         });

// A transport that counts requests; thread-safe.
class CountingTransport final : public Transport {
 public:
  absl::StatusOr<HttpResponse> RoundTrip(const HttpRequest& request) override {
    requests_.fetch_add(1);
    return HttpResponse{200, "ok", request.url};
  }
  int requests() const { return requests_.load(); }

 private:
  std::atomic<int> requests_{0};
};

TEST(CopyingHttpAppTest, RequestsFromOneAppShareNothing) {
  PddRouterDouble router(DemoCredentials());
  fixed::copying::HttpApp app(&router, "https://host/api");
  auto first = app.R();
  auto second = app.R();
  first.SetParam("goods_sign", "mine");
  second.SetParam("goods_sign", "yours");
  absl::StatusOr<HttpResponse> a = first.Get();
  absl::StatusOr<HttpResponse> b = second.Get();
  // The router answers 404 for this URL but records what it saw.
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ(a->server_saw, "goods_sign=mine");
  EXPECT_EQ(b->server_saw, "goods_sign=yours");
  // And a Request keeps its own parameters: nothing is drained.
  EXPECT_EQ(first.Get()->server_saw, "goods_sign=mine");
}

TEST(CopyingHttpAppTest, PostSendsAFormBody) {
  CountingTransport transport;
  fixed::copying::HttpApp app(&transport, "https://host/api");
  absl::StatusOr<HttpResponse> response =
      app.R().SetContentTypeForm().SetParam("k", "v").Post();
  ASSERT_TRUE(response.ok());
  EXPECT_EQ(transport.requests(), 1);
  EXPECT_FALSE(app.host_info().kernel.empty());
}

TEST(LockedPddClientTest, SerialisedCallsStillGetTheirOwnItems) {
  PddRouterDouble router(DemoCredentials());
  fixed::locked::PddClient client(DemoCredentials(), &router);
  for (int i = 0; i < 50; ++i) {
    const std::string sign = absl::StrCat("g-", i);
    EXPECT_EQ(ClassifyGoodsDetail(sign, client.GoodsDetail(sign)).outcome,
              Outcome::kOk);
  }
}

}  // namespace
}  // namespace racelab
