// bench/cost_overhead_benchmark.cc
//
// What racelab::Costs (include/racelab/cost.h) itself adds to every call:
// an operation that does almost nothing (one increment), measured through
// the API (shared_safe, so no strategy work) and called directly in a
// plain Google Benchmark loop. The difference per call is the API's
// overhead (argument ring, the operation's type-erased call and its
// recorded result, the lender, every 8th call timed), to set against the
// exhibit's ~4 us request (docs/own-class.md, "Choosing a cure").

#include <chrono>
#include <memory>

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

const bool kRegistered =
    Costs<Tally>("Tally",
                 Operations<Tally>().Op("Add", &Tally::Add, Range(0, 63)))
        .Threads({1})
        .SharedSafe()
        .Register();

}  // namespace
}  // namespace racelab::bench

BENCHMARK_MAIN();
