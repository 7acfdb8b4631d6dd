// world/pdd_router_test.cc

#include "world/pdd_router.h"

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"

namespace racelab {
namespace {

const PddCredentials kCredentials{"id", "secret", "media", "pid-1"};

ParamMap SignedGoodsDetail(absl::string_view goods_sign) {
  ParamMap params = NewParamsWithType(kGoodsDetailType);
  params["goods_sign"] = std::string(goods_sign);
  params["pid"] = kCredentials.pid;
  SignParams(kCredentials, params);
  return params;
}

GoodsDetailResponse Send(PddRouterDouble& router, const ParamMap& params) {
  HttpRequest request{
      "GET", absl::StrCat(kPddRouterUrl, "?", EncodeQuery(params)), {}, ""};
  absl::StatusOr<HttpResponse> http = router.RoundTrip(request);
  EXPECT_TRUE(http.ok());
  EXPECT_EQ(http->status_code, 200);
  EXPECT_EQ(http->server_saw, EncodeQuery(params));
  absl::StatusOr<GoodsDetailResponse> body = ParseGoodsDetailBody(http->body);
  EXPECT_TRUE(body.ok()) << body.status();
  return body.value_or(GoodsDetailResponse{});
}

TEST(PddRouterDoubleTest, EchoesTheGoodsSignOfAValidRequest) {
  PddRouterDouble router(kCredentials);
  GoodsDetailResponse response = Send(router, SignedGoodsDetail("goods-42"));
  EXPECT_EQ(response.error_code, 0) << response.error_msg;
  EXPECT_EQ(response.goods_sign, "goods-42");
  EXPECT_EQ(response.goods_name, "item goods-42");
}

TEST(PddRouterDoubleTest, RejectsATamperedRequest) {
  PddRouterDouble router(kCredentials);
  ParamMap params = SignedGoodsDetail("goods-42");
  params["goods_sign"] = "goods-43";  // another caller's item, old signature
  GoodsDetailResponse response = Send(router, params);
  EXPECT_EQ(response.error_code, kErrorSignInvalid);
  EXPECT_TRUE(response.goods_sign.empty());
}

TEST(PddRouterDoubleTest, RejectsAWrongSecret) {
  PddRouterDouble router(kCredentials);
  ParamMap params = SignedGoodsDetail("goods-42");
  params["sign"] = PddSign(params, "not-the-secret");
  EXPECT_EQ(Send(router, params).error_code, kErrorSignInvalid);
}

TEST(PddRouterDoubleTest, ReportsMissingParameters) {
  PddRouterDouble router(kCredentials);
  EXPECT_EQ(Send(router, {}).error_code, kErrorMissingParameter);

  ParamMap unsigned_params = SignedGoodsDetail("goods-42");
  unsigned_params.erase("sign");
  EXPECT_EQ(Send(router, unsigned_params).error_code, kErrorMissingParameter);

  // Correctly signed, but without the method's own parameter.
  ParamMap no_goods = NewParamsWithType(kGoodsDetailType);
  no_goods["pid"] = kCredentials.pid;
  SignParams(kCredentials, no_goods);
  GoodsDetailResponse response = Send(router, no_goods);
  EXPECT_EQ(response.error_code, kErrorMissingParameter);
  EXPECT_EQ(response.error_msg, "missing parameter: goods_sign");
}

TEST(PddRouterDoubleTest, RejectsAnUnknownClient) {
  PddRouterDouble router(kCredentials);
  PddCredentials stranger = kCredentials;
  stranger.client_id = "stranger";
  ParamMap params = NewParamsWithType(kGoodsDetailType);
  params["goods_sign"] = "g";
  params["pid"] = "p";
  SignParams(stranger, params);
  EXPECT_EQ(Send(router, params).error_code, kErrorUnknownClient);
}

TEST(PddRouterDoubleTest, AcceptsAFormPost) {
  PddRouterDouble router(kCredentials);
  HttpRequest request{"POST",
                      std::string(kPddRouterUrl),
                      {},
                      EncodeQuery(SignedGoodsDetail("goods-7"))};
  absl::StatusOr<HttpResponse> http = router.RoundTrip(request);
  ASSERT_TRUE(http.ok());
  absl::StatusOr<GoodsDetailResponse> body = ParseGoodsDetailBody(http->body);
  ASSERT_TRUE(body.ok()) << body.status();
  EXPECT_EQ(body->goods_sign, "goods-7");
}

TEST(PddRouterDoubleTest, AnswersOtherUrlsAndMethodsWithHttpErrors) {
  PddRouterDouble router(kCredentials);
  EXPECT_EQ(router.RoundTrip({"GET", "https://example.invalid/x", {}, ""})
                ->status_code,
            404);
  EXPECT_EQ(router.RoundTrip({"DELETE", std::string(kPddRouterUrl), {}, ""})
                ->status_code,
            405);
}

TEST(PddRouterDoubleTest, ReportsAMalformedQuery) {
  PddRouterDouble router(kCredentials);
  absl::StatusOr<HttpResponse> http = router.RoundTrip(
      {"GET", absl::StrCat(kPddRouterUrl, "?type=%ZZ"), {}, ""});
  ASSERT_TRUE(http.ok());
  absl::StatusOr<GoodsDetailResponse> body = ParseGoodsDetailBody(http->body);
  ASSERT_TRUE(body.ok());
  EXPECT_EQ(body->error_code, kErrorMalformedRequest);
}

}  // namespace
}  // namespace racelab
