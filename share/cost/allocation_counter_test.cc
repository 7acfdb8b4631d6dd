// share/cost/allocation_counter_test.cc
//
// Linked with racelab::cost_allocations, every racelab::Costs family
// reports the operator new calls and bytes of one call: the user's, and
// the construction a strategy adds, with none of the API's own.

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "benchmark/benchmark.h"
#include "gtest/gtest.h"
#include "racelab/cost.h"
#include "share/cost/measured_runs.h"

namespace racelab {
namespace {

// Construction allocates once (40 bytes); every Fill twice (64 bytes each).
class Buffers {
 public:
  Buffers() : ids_(10) {}
  int Fill() {
    const auto first = std::make_unique<char[]>(64);
    const auto second = std::make_unique<char[]>(64);
    // Escaped, so the compiler may not elide the pair of new and delete.
    benchmark::DoNotOptimize(first.get());
    benchmark::DoNotOptimize(second.get());
    first[0] = second[0] = 1;
    return first[0] + second[0] + static_cast<int>(ids_.size());
  }

 private:
  std::vector<int> ids_;
};

TEST(AllocationCounterTest, CountsTheCallAndWhatTheStrategyAdds) {
  Costs<Buffers>("Buffers", Operations<Buffers>().Op("Fill", &Buffers::Fill))
      .Threads({1, 2})
      .Locked()
      .PerCall()
      .Register();
  const std::map<std::string, Measured> runs = RunMatching("^Buffers/");
  for (const char* threads : {"1", "2"}) {
    const std::string suffix =
        std::string("/wait_us:0/manual_time/threads:") + threads;
    const Measured& locked = runs.at("Buffers/locked" + suffix);
    ASSERT_FALSE(locked.error) << locked.message;
    EXPECT_EQ(locked.counters.at("allocs_per_call"), 2.0) << threads;
    EXPECT_EQ(locked.counters.at("alloc_bytes_per_call"), 128.0) << threads;
    // Per call: the Buffers object (make_unique) and its vector, too.
    const Measured& per_call = runs.at("Buffers/per_call" + suffix);
    ASSERT_FALSE(per_call.error) << per_call.message;
    EXPECT_EQ(per_call.counters.at("allocs_per_call"), 4.0) << threads;
    EXPECT_EQ(per_call.counters.at("alloc_bytes_per_call"),
              128.0 + 40.0 + sizeof(Buffers))
        << threads;
  }
}

}  // namespace
}  // namespace racelab
