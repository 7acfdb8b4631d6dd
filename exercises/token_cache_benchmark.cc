// exercises/token_cache_benchmark.cc
//
// Exercise 3: price the two fixes of TokenCache. Mostly hits (8 shops, each
// signed once per cache), 1 to 4 threads sharing one cache:
//
//   build/default/exercises/token_cache_benchmark --benchmark_min_time=0.2
//
// The unsafe TokenCache is measured on one thread only (sharing it is the
// bug). Compare the locked and the shared-lock cache as threads grow.

#include <memory>
#include <string>

#include "benchmark/benchmark.h"
#include "exercises/token_cache.h"
#include "exercises/token_cache_solutions.h"

namespace racelab::exercises {
namespace {

std::string Shop(int64_t i) { return "shop-" + std::to_string(i % 8); }

template <typename Cache>
void BM_Token(benchmark::State& state) {
  static Cache* cache = nullptr;
  if (state.thread_index() == 0) cache = new Cache();
  int64_t i = state.thread_index();
  for (auto _ : state) {
    benchmark::DoNotOptimize(cache->Token(Shop(i++)));
  }
  state.SetItemsProcessed(state.iterations());
  if (state.thread_index() == 0) {
    delete cache;
    cache = nullptr;
  }
}

BENCHMARK(BM_Token<TokenCache>)->Threads(1);
BENCHMARK(BM_Token<LockedTokenCache>)->ThreadRange(1, 4)->UseRealTime();
BENCHMARK(BM_Token<SharedLockTokenCache>)->ThreadRange(1, 4)->UseRealTime();

}  // namespace
}  // namespace racelab::exercises

BENCHMARK_MAIN();
