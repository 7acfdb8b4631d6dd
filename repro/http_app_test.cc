// repro/http_app_test.cc

#include "repro/http_app.h"

#include <vector>

#include "absl/status/status.h"
#include "gtest/gtest.h"

namespace racelab::repro {
namespace {

// Records every request; answers 200 "ok", or `error` if set.
// Thread safety: single-threaded tests only.
class RecordingTransport final : public Transport {
 public:
  absl::StatusOr<HttpResponse> RoundTrip(const HttpRequest& request) override {
    requests.push_back(request);
    if (!error.ok()) return error;
    return HttpResponse{200, "ok", request.url};
  }
  std::vector<HttpRequest> requests;
  absl::Status error;
};

TEST(HttpAppTest, ConstructionGathersHostInformation) {
  RecordingTransport transport;
  HttpApp app(&transport);
  EXPECT_FALSE(app.host_info().kernel.empty());
  EXPECT_EQ(app.host_info().sdk_version, kSdkVersion);
}

TEST(HttpAppTest, GetSendsTheParamsAsAQueryAndDrainsThem) {
  RecordingTransport transport;
  HttpApp app(&transport);
  app.SetUri("https://host/api");
  app.SetParams({{"b", "2"}, {"a", "1"}});
  app.SetParam("c", "3");
  absl::StatusOr<HttpResponse> response = app.Get();
  ASSERT_TRUE(response.ok()) << response.status();
  ASSERT_EQ(transport.requests.size(), 1u);
  EXPECT_EQ(transport.requests[0].method, "GET");
  EXPECT_EQ(transport.requests[0].url, "https://host/api?a=1&b=2&c=3");
  EXPECT_EQ(response->server_saw, "https://host/api?a=1&b=2&c=3");

  // DeepCopy() drained the App: the next request carries nothing. With one
  // caller that is harmless; with two it loses the other's parameters.
  ASSERT_TRUE(app.Get().ok());
  EXPECT_EQ(transport.requests[1].url, "https://host/api");
}

TEST(HttpAppTest, ExplicitUriWinsAndPostUsesABody) {
  RecordingTransport transport;
  HttpApp app(&transport);
  app.SetUri("https://default/");
  app.SetContentTypeForm();
  app.SetParam("k", "v");
  ASSERT_TRUE(app.Post("https://other/").ok());
  const HttpRequest& request = transport.requests.at(0);
  EXPECT_EQ(request.method, "POST");
  EXPECT_EQ(request.url, "https://other/");
  EXPECT_EQ(request.body, "k=v");
}

TEST(HttpAppTest, HeadersCookieAndUserAgentAreSentOnceThenDrained) {
  RecordingTransport transport;
  HttpApp app(&transport);
  app.SetHeader("X-Trace", "t1");
  app.SetCookie("session=1");
  ASSERT_TRUE(app.Get("https://host/").ok());
  ASSERT_TRUE(app.Get("https://host/").ok());
  auto has_header = [](const HttpRequest& request, absl::string_view name) {
    for (const auto& [key, value] : request.headers) {
      if (key == name) return true;
    }
    return false;
  };
  EXPECT_TRUE(has_header(transport.requests[0], "X-Trace"));
  EXPECT_TRUE(has_header(transport.requests[0], "User-Agent"));
  EXPECT_TRUE(has_header(transport.requests[0], "Cookie"));
  EXPECT_FALSE(has_header(transport.requests[1], "X-Trace"));  // drained
  EXPECT_TRUE(has_header(transport.requests[1], "Cookie"));    // kept
}

TEST(HttpAppTest, TransportErrorIsReturnedAndRemembered) {
  RecordingTransport transport;
  transport.error = absl::UnavailableError("connection refused");
  HttpApp app(&transport);
  absl::StatusOr<HttpResponse> response = app.Get("https://host/");
  EXPECT_EQ(response.status().code(), absl::StatusCode::kUnavailable);
  EXPECT_EQ(app.error().code(), absl::StatusCode::kUnavailable);
}

}  // namespace
}  // namespace racelab::repro
