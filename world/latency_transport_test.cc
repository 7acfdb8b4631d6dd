// world/latency_transport_test.cc

#include "world/latency_transport.h"

#include <time.h>

#include <chrono>

#include "gtest/gtest.h"
#include "load/outcome.h"
#include "variants/variants.h"
#include "world/pdd_router.h"

namespace racelab {
namespace {

using std::chrono::milliseconds;

std::chrono::nanoseconds ThreadCpuTime() {
  timespec now;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
  return std::chrono::seconds(now.tv_sec) +
         std::chrono::nanoseconds(now.tv_nsec);
}

TEST(LatencyTransportTest, PassesTheRequestAndTheAnswerThrough) {
  PddRouterDouble router(DemoCredentials());
  LatencyTransport slow(&router, milliseconds(1));
  auto service = MakeService(Variant::kCopying, DemoCredentials(), &slow,
                             HostInfoMode::kSkip);
  EXPECT_EQ(
      ClassifyGoodsDetail("g-9", service->GetUnionPddItemDetail("g-9")).outcome,
      Outcome::kOk);
}

TEST(LatencyTransportTest, TakesAtLeastTheLatencyAndWaitsWithoutSpinning) {
  PddRouterDouble router(DemoCredentials());
  LatencyTransport slow(&router, milliseconds(60));
  const HttpRequest request{"GET", std::string(kPddRouterUrl), {}, ""};
  const auto wall_start = std::chrono::steady_clock::now();
  const std::chrono::nanoseconds cpu_start = ThreadCpuTime();
  ASSERT_TRUE(slow.RoundTrip(request).ok());
  const std::chrono::nanoseconds cpu = ThreadCpuTime() - cpu_start;
  EXPECT_GE(std::chrono::steady_clock::now() - wall_start, milliseconds(60));
  // A spinning wait would burn the whole 60 ms of CPU time.
  EXPECT_LT(cpu, milliseconds(30));
}

TEST(LatencyTransportTest, ZeroLatencyIsThePlainTransport) {
  PddRouterDouble router(DemoCredentials());
  LatencyTransport direct(&router, std::chrono::nanoseconds::zero());
  EXPECT_EQ(direct.latency(), std::chrono::nanoseconds::zero());
  const HttpRequest request{"GET", std::string(kPddRouterUrl), {}, ""};
  absl::StatusOr<HttpResponse> via = direct.RoundTrip(request);
  absl::StatusOr<HttpResponse> plain = router.RoundTrip(request);
  ASSERT_TRUE(via.ok() && plain.ok());
  EXPECT_EQ(via->status_code, plain->status_code);
  EXPECT_EQ(via->body, plain->body);
}

}  // namespace
}  // namespace racelab
