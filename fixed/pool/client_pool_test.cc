// fixed/pool/client_pool_test.cc

#include "fixed/pool/client_pool.h"

#include <atomic>
#include <chrono>
#include <set>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "base/std_mutex.h"
#include "gtest/gtest.h"
#include "load/outcome.h"
#include "variants/variants.h"
#include "world/pdd_router.h"

namespace racelab::fixed::pool {
namespace {

class ClientPoolTest : public testing::Test {
 protected:
  PddRouterDouble router_{DemoCredentials()};
};

TEST_F(ClientPoolTest, NoClientIsLentToTwoCallersAtOnce) {
  ClientPool pool(2, DemoCredentials(), &router_, HostInfoMode::kSkip);
  StdMutex mu;
  std::set<const repro::PddClient*> in_use;  // guarded by mu
  std::atomic<int> overlaps{0};
  std::atomic<int> wrong{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 200; ++i) {
        ClientPool::Lease lease = pool.Borrow();
        {
          StdMutexLock lock(&mu);
          if (!in_use.insert(&lease.client()).second) ++overlaps;
        }
        const std::string sign = absl::StrCat("g-", t, "-", i);
        if (ClassifyGoodsDetail(sign, lease.client().GoodsDetail(sign))
                .outcome != Outcome::kOk) {
          ++wrong;
        }
        StdMutexLock lock(&mu);
        in_use.erase(&lease.client());
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(overlaps.load(), 0);
  EXPECT_EQ(wrong.load(), 0);
  EXPECT_GE(pool.max_lent(), 1);
  EXPECT_LE(pool.max_lent(), 2);
  EXPECT_EQ(pool.idle(), 2);
}

TEST_F(ClientPoolTest, BorrowWaitsUntilAClientIsGivenBack) {
  ClientPool pool(1, DemoCredentials(), &router_, HostInfoMode::kSkip);
  std::atomic<bool> borrowed{false};
  std::thread waiter;
  {
    ClientPool::Lease only = pool.Borrow();
    waiter = std::thread([&] {
      ClientPool::Lease lease = pool.Borrow();
      borrowed = true;
    });
    // Can only fail if Borrow() lends the held client: a correct pool keeps
    // the waiter blocked however long this sleeps.
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    EXPECT_FALSE(borrowed.load());
  }
  waiter.join();
  EXPECT_TRUE(borrowed.load());
  EXPECT_EQ(pool.idle(), 1);
}

TEST_F(ClientPoolTest, AMovedLeaseGivesItsClientBackOnce) {
  ClientPool pool(1, DemoCredentials(), &router_, HostInfoMode::kSkip);
  {
    ClientPool::Lease first = pool.Borrow();
    ClientPool::Lease second = std::move(first);
    EXPECT_EQ(pool.idle(), 0);
  }
  EXPECT_EQ(pool.idle(), 1);
}

}  // namespace
}  // namespace racelab::fixed::pool
