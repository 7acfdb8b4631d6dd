// world/transport_test.cc

#include "world/transport.h"

#include "gtest/gtest.h"

namespace racelab {
namespace {

RequestParts Parts(const char* method, const char* uri) {
  RequestParts parts;
  parts.method = method;
  parts.uri = uri;
  return parts;
}

TEST(ComposeHttpRequestTest, GetPutsSortedParamsInTheQuery) {
  RequestParts parts = Parts("GET", "https://host/api");
  parts.params = {{"b", "2"}, {"a", "x y"}};
  HttpRequest request = ComposeHttpRequest(parts);
  EXPECT_EQ(request.url, "https://host/api?a=x+y&b=2");
  EXPECT_TRUE(request.body.empty());
}

TEST(ComposeHttpRequestTest, GetWithoutParamsHasNoQuestionMark) {
  RequestParts parts = Parts("GET", "https://host/api");
  HttpRequest request = ComposeHttpRequest(parts);
  EXPECT_EQ(request.url, "https://host/api");
}

TEST(ComposeHttpRequestTest, PostPutsParamsInTheBody) {
  RequestParts parts = Parts("POST", "https://host/api");
  parts.params = {{"k", "v"}};
  HttpRequest request = ComposeHttpRequest(parts);
  EXPECT_EQ(request.url, "https://host/api");
  EXPECT_EQ(request.body, "k=v");
}

TEST(ComposeHttpRequestTest, HeadersSortedWithCookieTypeAndAgent) {
  RequestParts parts = Parts("GET", "u");
  parts.headers = {{"X-Trace", "1"}};
  parts.cookie = "c=1";
  parts.content_type = "text/plain";
  parts.user_agent = "agent";
  HttpRequest request = ComposeHttpRequest(parts);
  const std::vector<std::pair<std::string, std::string>> expected = {
      {"Content-Type", "text/plain"},
      {"Cookie", "c=1"},
      {"User-Agent", "agent"},
      {"X-Trace", "1"}};
  EXPECT_EQ(request.headers, expected);
}

}  // namespace
}  // namespace racelab
