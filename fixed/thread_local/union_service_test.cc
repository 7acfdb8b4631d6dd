// fixed/thread_local/union_service_test.cc

#include "fixed/thread_local/union_service.h"

#include <atomic>
#include <memory>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "load/outcome.h"
#include "variants/variants.h"
#include "world/pdd_router.h"

namespace racelab::fixed::thread_local_client {
namespace {

TEST(ThreadLocalUnionServiceTest, BuildsOneClientPerCallingThread) {
  PddRouterDouble router(DemoCredentials());
  UnionService service(DemoCredentials(), &router, HostInfoMode::kSkip);
  EXPECT_EQ(service.clients_built(), 0);
  for (int i = 0; i < 3; ++i) {
    ASSERT_EQ(
        ClassifyGoodsDetail("g", service.GetUnionPddItemDetail("g")).outcome,
        Outcome::kOk);
  }
  EXPECT_EQ(service.clients_built(), 1);

  std::atomic<int> wrong{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 50; ++i) {
        const std::string sign = absl::StrCat("g-", t, "-", i);
        if (ClassifyGoodsDetail(sign, service.GetUnionPddItemDetail(sign))
                .outcome != Outcome::kOk) {
          ++wrong;
        }
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(wrong.load(), 0);
  EXPECT_EQ(service.clients_built(), 5);
}

TEST(ThreadLocalUnionServiceTest, ServicesOnOneThreadDoNotShareClients) {
  // Each router accepts only its own credentials, so a client built for one
  // service and used by the other would be rejected as an unknown client.
  const PddCredentials first = DemoCredentials();
  PddCredentials second = DemoCredentials();
  second.client_id = "second-client";
  second.client_secret = "second-secret";
  PddRouterDouble first_router(first);
  PddRouterDouble second_router(second);
  UnionService first_service(first, &first_router, HostInfoMode::kSkip);
  UnionService second_service(second, &second_router, HostInfoMode::kSkip);
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(ClassifyGoodsDetail("a", first_service.GetUnionPddItemDetail("a"))
                  .outcome,
              Outcome::kOk);
    EXPECT_EQ(
        ClassifyGoodsDetail("b", second_service.GetUnionPddItemDetail("b"))
            .outcome,
        Outcome::kOk);
  }
}

TEST(ThreadLocalUnionServiceTest, ANewServiceNeverInheritsADestroyedOnes) {
  PddCredentials other = DemoCredentials();
  other.client_id = "other-client";
  PddRouterDouble router(DemoCredentials());
  PddRouterDouble other_router(other);
  for (int round = 0; round < 20; ++round) {
    // Alternate credentials; the allocator is free to reuse the address.
    const bool odd = round % 2 == 1;
    auto service = std::make_unique<UnionService>(
        odd ? other : DemoCredentials(), odd ? &other_router : &router,
        HostInfoMode::kSkip);
    ASSERT_EQ(
        ClassifyGoodsDetail("g", service->GetUnionPddItemDetail("g")).outcome,
        Outcome::kOk)
        << "round " << round;
    EXPECT_EQ(service->clients_built(), 1);
  }
}

}  // namespace
}  // namespace racelab::fixed::thread_local_client
