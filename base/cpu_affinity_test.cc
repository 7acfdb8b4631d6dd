// base/cpu_affinity_test.cc

#include "base/cpu_affinity.h"

#include <pthread.h>

#include <thread>

#include "gtest/gtest.h"

namespace racelab {
namespace {

cpu_set_t Allowed() {
  cpu_set_t set;
  CPU_ZERO(&set);
  EXPECT_EQ(pthread_getaffinity_np(pthread_self(), sizeof(set), &set), 0);
  return set;
}

TEST(OneCpuTest, PinsToOneAllowedCpuAndRestores) {
  const cpu_set_t before = Allowed();
  {
    OneCpu one;
    ASSERT_TRUE(one.pinned()) << "sched_setaffinity refused here";
    EXPECT_TRUE(CPU_ISSET(one.cpu(), &before));
    const cpu_set_t during = Allowed();
    EXPECT_EQ(CPU_COUNT(&during), 1);
    EXPECT_TRUE(CPU_ISSET(one.cpu(), &during));
    EXPECT_EQ(sched_getcpu(), one.cpu());
  }
  const cpu_set_t after = Allowed();
  EXPECT_TRUE(CPU_EQUAL(&before, &after));
}

TEST(OneCpuTest, AnotherThreadJoinsTheChosenCpu) {
  OneCpu one;
  ASSERT_TRUE(one.pinned());
  int seen = -2;
  int count = 0;
  std::thread other([&] {
    if (RunOnCpu(one.cpu())) {
      seen = sched_getcpu();
      const cpu_set_t set = Allowed();
      count = CPU_COUNT(&set);
    }
  });
  other.join();
  EXPECT_EQ(seen, one.cpu());
  EXPECT_EQ(count, 1);
}

TEST(OneCpuTest, RefusesNoCpu) {
  EXPECT_FALSE(RunOnCpu(-1));
  EXPECT_FALSE(RunOnCpu(CPU_SETSIZE));
}

}  // namespace
}  // namespace racelab
