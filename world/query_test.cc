// world/query_test.cc

#include "world/query.h"

#include "gtest/gtest.h"

namespace racelab {
namespace {

TEST(QueryEscapeTest, KeepsUnreservedEscapesTheRestLikeGo) {
  EXPECT_EQ(QueryEscape("aZ09-_.~"), "aZ09-_.~");
  EXPECT_EQ(QueryEscape("a b"), "a+b");
  EXPECT_EQ(QueryEscape("k&v=1/2"), "k%26v%3D1%2F2");
  EXPECT_EQ(QueryEscape("\xC3\xA9"), "%C3%A9");  // é in UTF-8
  EXPECT_EQ(QueryEscape(""), "");
}

TEST(EncodeQueryTest, SortsKeysByByteOrder) {
  ParamMap params = {{"type", "x"}, {"B", "2"}, {"a", "1"}, {"sign", "S"}};
  EXPECT_EQ(EncodeQuery(params), "B=2&a=1&sign=S&type=x");
}

TEST(EncodeQueryTest, EmptyMapGivesEmptyString) {
  EXPECT_EQ(EncodeQuery({}), "");
}

TEST(ParseQueryTest, RoundTripsEncodeQuery) {
  ParamMap params = {{"goods sign", "a&b=c"}, {"pid", "1+1"}, {"e", ""}};
  absl::StatusOr<ParamMap> parsed = ParseQuery(EncodeQuery(params));
  ASSERT_TRUE(parsed.ok()) << parsed.status();
  EXPECT_EQ(*parsed, params);
}

TEST(ParseQueryTest, KeyWithoutEqualsHasEmptyValue) {
  absl::StatusOr<ParamMap> parsed = ParseQuery("flag&k=v");
  ASSERT_TRUE(parsed.ok()) << parsed.status();
  EXPECT_EQ(parsed->at("flag"), "");
  EXPECT_EQ(parsed->at("k"), "v");
}

TEST(ParseQueryTest, RejectsMalformedEscape) {
  EXPECT_FALSE(ParseQuery("k=%G1").ok());
  EXPECT_FALSE(ParseQuery("k=%4").ok());
  EXPECT_FALSE(ParseQuery("k=%").ok());
}

TEST(ParseQueryTest, RejectsRepeatedKey) {
  absl::StatusOr<ParamMap> parsed = ParseQuery("k=1&k=2");
  ASSERT_FALSE(parsed.ok());
  EXPECT_NE(parsed.status().message().find("repeated"), std::string::npos);
}

}  // namespace
}  // namespace racelab
