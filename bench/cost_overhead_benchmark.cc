// bench/cost_overhead_benchmark.cc
//
// What racelab::Costs (include/racelab/cost.h) itself adds to every call,
// two ways, each through the API and in a hand-written Google Benchmark
// loop of the same strategy, in one process (run it with
// --benchmark_enable_random_interleaving so the pairs share the machine's
// moods; docs/own-class.md, "Choosing a cure", has the measured numbers):
//
//   Tally                 an operation that does almost nothing (one
//                         increment), shared_safe at 1 thread: the
//                         difference per call is the API's own cost
//                         (argument ring, the type-erased call and its
//                         recorded result, the lender, every 8th call
//                         timed)
//   CopyingUnionService   the exhibit's ~4 us request on fixed/copying's
//                         client, one instance shared by 1 and 2 threads:
//                         that cost set against a real call. The hand
//                         loop is named hand/<the API's name>, so
//                         `scripts/bench-compare --strategies` style
//                         pairing (compare.py filters) lines them up.

#include <barrier>
#include <chrono>
#include <memory>
#include <string>

#include "absl/strings/str_cat.h"
#include "bench/exhibit_operations.h"
#include "bench/run_span.h"
#include "benchmark/benchmark.h"
#include "racelab/cost.h"

namespace racelab::bench {
namespace {

class Tally {
 public:
  int Add(int n) { return total_ += n; }

 private:
  int total_ = 0;
};

void BM_DirectCall(benchmark::State& state) {
  Tally tally;
  int n = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(tally.Add(n));
    n = (n + 1) & 63;
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_DirectCall)->Name("direct/Tally");

// The hand-written loop of shared_safe on the copying client: what
// bench/strategies_benchmark.cc does, with the API's operation. Built
// before the run's threads start, destroyed after they end.
struct HandRun {
  explicit HandRun(int threads)
      : service(ExhibitOperations(Variant::kCopying).factory()()),
        all_done(threads) {}

  const std::unique_ptr<ItemDetailService> service;
  RunSpan span;
  std::barrier<> all_done;  // every thread has added its part to `span`
};

HandRun* hand_run = nullptr;  // see HandRun

void BM_HandSharedSafe(benchmark::State& state) {
  int n = 7 * state.thread_index();
  int64_t calls = 0;
  int64_t wrong = 0;
  Clock::time_point started = Clock::now();
  for (auto _ : state) {
    if (calls == 0) started = Clock::now();
    if (!GoodsDetail(*hand_run->service, n)) ++wrong;
    n = n == 999 ? 0 : n + 1;
    ++calls;
  }
  hand_run->span.Add(started, Clock::now());
  hand_run->all_done.arrive_and_wait();
  state.SetIterationTime(hand_run->span.Seconds());
  state.SetItemsProcessed(calls);
  if (wrong != 0) {
    state.SkipWithError(
        absl::StrCat(wrong, " requests came back wrong").c_str());
  }
}

const bool kRegistered = [] {
  benchmark::RegisterBenchmark("hand/CopyingUnionService/shared_safe",
                               &BM_HandSharedSafe)
      ->ArgName("wait_us")
      ->Arg(0)
      ->Setup([](const benchmark::State& state) {
        hand_run = new HandRun(state.threads());
      })
      ->Teardown([](const benchmark::State&) {
        delete hand_run;
        hand_run = nullptr;
      })
      ->UseManualTime()
      ->Threads(1)
      ->Threads(2);
  return Costs<Tally>("Tally",
                      Operations<Tally>().Op("Add", &Tally::Add, Range(0, 63)))
             .Threads({1})
             .SharedSafe()
             .Register() &&
         Costs<ItemDetailService>("CopyingUnionService",
                                  ExhibitOperations(Variant::kCopying))
             .Threads({1, 2})
             .SharedSafe()
             .Register();
}();

}  // namespace
}  // namespace racelab::bench

BENCHMARK_MAIN();
