// load/outcome_test.cc

#include "load/outcome.h"

#include "absl/container/flat_hash_set.h"
#include "gtest/gtest.h"

namespace racelab {
namespace {

absl::StatusOr<GoodsDetailResult> Answer(std::string goods_sign,
                                         int error_code) {
  GoodsDetailResult result;
  result.response.goods_sign = std::move(goods_sign);
  result.response.error_code = error_code;
  result.response.error_msg = error_code != 0 ? "err" : "";
  result.http.server_saw = "query";
  return result;
}

TEST(ClassifyGoodsDetailTest, RightItemIsOk) {
  RequestOutcome outcome = ClassifyGoodsDetail("g1", Answer("g1", 0));
  EXPECT_EQ(outcome.outcome, Outcome::kOk);
  EXPECT_TRUE(outcome.detail.empty());
}

TEST(ClassifyGoodsDetailTest, AnotherCallersItemIsWrongItem) {
  RequestOutcome outcome = ClassifyGoodsDetail("g1", Answer("g2", 0));
  EXPECT_EQ(outcome.outcome, Outcome::kWrongItem);
  EXPECT_NE(outcome.detail.find("asked for g1, got g2"), std::string::npos)
      << outcome.detail;
}

TEST(ClassifyGoodsDetailTest, RouterErrorsMapToTheirOutcomes) {
  EXPECT_EQ(ClassifyGoodsDetail("g", Answer("", kErrorSignInvalid)).outcome,
            Outcome::kSignRejected);
  EXPECT_EQ(
      ClassifyGoodsDetail("g", Answer("", kErrorMissingParameter)).outcome,
      Outcome::kMissingParams);
  EXPECT_EQ(ClassifyGoodsDetail("g", Answer("", kErrorUnknownClient)).outcome,
            Outcome::kOtherError);
  EXPECT_EQ(ClassifyGoodsDetail("g", absl::UnavailableError("down")).outcome,
            Outcome::kOtherError);
}

TEST(OutcomeNameTest, NamesAreDistinct) {
  absl::flat_hash_set<absl::string_view> names;
  for (Outcome outcome : kAllOutcomes) names.insert(OutcomeName(outcome));
  EXPECT_EQ(names.size(), static_cast<size_t>(kOutcomeCount));
  EXPECT_FALSE(names.contains("invalid"));
}

}  // namespace
}  // namespace racelab
