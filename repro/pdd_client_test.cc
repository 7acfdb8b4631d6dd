// repro/pdd_client_test.cc

#include "repro/pdd_client.h"

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "world/pdd_router.h"
#include "world/query.h"

namespace racelab::repro {
namespace {

const PddCredentials kCredentials{"id", "secret", "media", "pid-1"};

TEST(PddClientTest, GoodsDetailSendsASignedRequestAndGetsItsItem) {
  PddRouterDouble router(kCredentials);
  PddClient client(kCredentials, &router);
  absl::StatusOr<GoodsDetailResult> result = client.GoodsDetail("goods-1");
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_EQ(result->response.error_code, 0) << result->response.error_msg;
  EXPECT_EQ(result->response.goods_sign, "goods-1");

  absl::StatusOr<ParamMap> saw = ParseQuery(result->http.server_saw);
  ASSERT_TRUE(saw.ok()) << saw.status();
  EXPECT_EQ(saw->at("type"), kGoodsDetailType);
  EXPECT_EQ(saw->at("goods_sign"), "goods-1");
  EXPECT_EQ(saw->at("pid"), "pid-1");
  EXPECT_EQ(saw->at("client_id"), "id");
  EXPECT_EQ(saw->at("sign"), PddSign(*saw, "secret"));
  EXPECT_TRUE(saw->contains("timestamp"));
  EXPECT_EQ(saw->size(), 6u);
}

TEST(PddClientTest, OptionalParamsAreSentSignedAndCannotReplaceGoodsSign) {
  PddRouterDouble router(kCredentials);
  PddClient client(kCredentials, &router, HostInfoMode::kSkip);
  ParamMap extra;
  for (int i = 0; i < 58; ++i) extra[absl::StrCat("extra_", i)] = "v";
  extra["goods_sign"] = "not-mine";  // Go: the explicit value wins
  absl::StatusOr<GoodsDetailResult> result =
      client.GoodsDetail("goods-1", extra);
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_EQ(result->response.error_code, 0) << result->response.error_msg;
  EXPECT_EQ(result->response.goods_sign, "goods-1");
  absl::StatusOr<ParamMap> saw = ParseQuery(result->http.server_saw);
  ASSERT_TRUE(saw.ok()) << saw.status();
  EXPECT_EQ(saw->size(), 64u);
  EXPECT_EQ(saw->at("extra_57"), "v");
}

TEST(PddClientTest, SequentialCallsFromOneThreadAreCorrect) {
  // The shared client is only wrong under concurrency: used from a single
  // thread, every call gets its own item.
  PddRouterDouble router(kCredentials);
  PddClient client(kCredentials, &router);
  for (int i = 0; i < 200; ++i) {
    const std::string goods_sign = absl::StrCat("goods-", i);
    absl::StatusOr<GoodsDetailResult> result = client.GoodsDetail(goods_sign);
    ASSERT_TRUE(result.ok()) << result.status();
    ASSERT_EQ(result->response.goods_sign, goods_sign)
        << result->response.error_msg;
  }
}

TEST(PddClientTest, WrongSecretIsRejectedByTheRouter) {
  PddRouterDouble router(kCredentials);
  PddCredentials wrong = kCredentials;
  wrong.client_secret = "guess";
  PddClient client(wrong, &router);
  absl::StatusOr<GoodsDetailResult> result = client.GoodsDetail("goods-1");
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_EQ(result->response.error_code, kErrorSignInvalid);
}

}  // namespace
}  // namespace racelab::repro
