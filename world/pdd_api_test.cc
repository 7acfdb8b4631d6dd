// world/pdd_api_test.cc

#include "world/pdd_api.h"

#include "absl/strings/numbers.h"
#include "gtest/gtest.h"

namespace racelab {
namespace {

// The expected signature was computed outside racelab, with coreutils:
//   s=testSecret
//   p=client_idtestIdgoods_signabcpidp1timestamp1700000000
//   printf %s "${s}${p}typepdd.ddk.goods.detail${s}" | md5sum | tr a-f A-F
constexpr char kExpectedSign[] = "B82922C870E6DAA817FDFEC626E91B1B";

ParamMap VectorParams() {
  return {{"type", "pdd.ddk.goods.detail"},
          {"timestamp", "1700000000"},
          {"goods_sign", "abc"},
          {"pid", "p1"},
          {"client_id", "testId"}};
}

TEST(PddSignTest, MatchesIndependentlyComputedVector) {
  EXPECT_EQ(PddSign(VectorParams(), "testSecret"), kExpectedSign);
}

TEST(PddSignTest, IgnoresAnExistingSignKey) {
  ParamMap params = VectorParams();
  params["sign"] = "whatever";
  EXPECT_EQ(PddSign(params, "testSecret"), kExpectedSign);
}

TEST(PddSignTest, DependsOnEveryValueAndTheSecret) {
  ParamMap params = VectorParams();
  params["goods_sign"] = "abd";
  EXPECT_NE(PddSign(params, "testSecret"), kExpectedSign);
  EXPECT_NE(PddSign(VectorParams(), "otherSecret"), kExpectedSign);
}

TEST(SignParamsTest, AddsClientIdThenSign) {
  PddCredentials credentials{"testId", "testSecret", "m", "p1"};
  ParamMap params = VectorParams();
  params.erase("client_id");
  SignParams(credentials, params);
  EXPECT_EQ(params.at("client_id"), "testId");
  EXPECT_EQ(params.at("sign"), kExpectedSign);
}

TEST(NewParamsWithTypeTest, SetsTypeAndUnixSecondsTimestamp) {
  ParamMap params = NewParamsWithType(kGoodsDetailType);
  EXPECT_EQ(params.at("type"), kGoodsDetailType);
  int64_t seconds = 0;
  ASSERT_TRUE(absl::SimpleAtoi(params.at("timestamp"), &seconds));
  EXPECT_GT(seconds, 1700000000);  // later than November 2023
  EXPECT_EQ(params.size(), 2u);
}

TEST(GoodsDetailParamsTest, HasTheMethodsParametersUnsigned) {
  ParamMap params = GoodsDetailParams("g-1", "pid-1");
  EXPECT_EQ(params.at("type"), kGoodsDetailType);
  EXPECT_EQ(params.at("goods_sign"), "g-1");
  EXPECT_EQ(params.at("pid"), "pid-1");
  EXPECT_TRUE(params.contains("timestamp"));
  EXPECT_EQ(params.size(), 4u);
}

TEST(GoodsDetailBodyTest, RoundTripsItemAndError) {
  GoodsDetailResponse item{"goods-1", "item goods-1", 0, ""};
  absl::StatusOr<GoodsDetailResponse> parsed =
      ParseGoodsDetailBody(FormatGoodsDetailBody(item));
  ASSERT_TRUE(parsed.ok()) << parsed.status();
  EXPECT_EQ(*parsed, item);

  GoodsDetailResponse error{"", "", kErrorSignInvalid, "sign invalid"};
  parsed = ParseGoodsDetailBody(FormatGoodsDetailBody(error));
  ASSERT_TRUE(parsed.ok()) << parsed.status();
  EXPECT_EQ(*parsed, error);
}

TEST(GoodsDetailBodyTest, RejectsBodiesInAnotherFormat) {
  EXPECT_FALSE(ParseGoodsDetailBody("{\"json\": true}").ok());
  EXPECT_FALSE(ParseGoodsDetailBody("error_code=abc").ok());
  EXPECT_FALSE(ParseGoodsDetailBody("error_code=0").ok());
  EXPECT_FALSE(ParseGoodsDetailBody("goods_name=x").ok());
}

TEST(ToGoodsDetailResultTest, PassesErrorsAndNon200Through) {
  EXPECT_EQ(ToGoodsDetailResult(absl::UnavailableError("down")).status().code(),
            absl::StatusCode::kUnavailable);
  HttpResponse not_found{404, "no route", ""};
  EXPECT_FALSE(ToGoodsDetailResult(not_found).ok());
  HttpResponse ok{200, "goods_name=n&goods_sign=s", "q"};
  absl::StatusOr<GoodsDetailResult> result = ToGoodsDetailResult(ok);
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_EQ(result->response.goods_sign, "s");
  EXPECT_EQ(result->http.server_saw, "q");
}

}  // namespace
}  // namespace racelab
