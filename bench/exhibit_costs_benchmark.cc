// bench/exhibit_costs_benchmark.cc
//
// The exhibit's benchmark through racelab::Costs (include/racelab/cost.h):
// the path a user's class takes, taken by racelab's own client.
//
//   UnionService         the buggy client (repro/), one instance per
//                        strategy as racelab::Costs lends it:
//                        shared_unlocked (one thread: the bug's cost
//                        floor), locked (fixed/locked's cure, built around
//                        the class), per_call (the seed's fix, a client
//                        per request), per_thread (fixed/thread_local's)
//                        and pool (fixed/pool's, 4 clients)
//   CopyingUnionService  fixed/copying's client, request-scoped state,
//                        which MayShare passes: shared_safe, one instance
//                        shared by every thread
//
// Every call is one GoodsDetail request (parameters, MD5 signing, the
// router double re-verifying the signature), its result checked; with no
// wait and behind a simulated 1 ms round trip (spent blocked, as
// LatencyTransport spends it: the wait is part of the call). scripts/bench
// runs it as its "api" part; bench-report states the copying goals from
// this run (docs/benchmarks.md).

#include <chrono>
#include <vector>

#include "bench/exhibit_operations.h"
#include "benchmark/benchmark.h"
#include "racelab/cost.h"

namespace racelab::bench {
namespace {

const std::vector<std::chrono::microseconds> kWaits = {
    std::chrono::microseconds(0), std::chrono::microseconds(1000)};
const std::vector<int> kThreads = {1, 2, 4, 8, 16};

const bool kRegistered =
    Costs<ItemDetailService>("UnionService",
                             ExhibitOperations(Variant::kSharedUnsafe))
        .Waits(kWaits)
        .Threads(kThreads)
        .SharedUnlocked()
        .Locked()
        .PerCall()
        .PerThread()
        .Pool(4)
        .Register() &&
    Costs<ItemDetailService>("CopyingUnionService",
                             ExhibitOperations(Variant::kCopying))
        .Waits(kWaits)
        .Threads(kThreads)
        .SharedSafe()
        .Register();

}  // namespace
}  // namespace racelab::bench

BENCHMARK_MAIN();
