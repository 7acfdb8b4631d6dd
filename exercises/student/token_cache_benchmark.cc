// exercises/student/token_cache_benchmark.cc
//
// Exercise 3: prices your two answers (exercises/student/token_cache.h)
// against each other. Mostly hits (8 shops, each signed once per cache),
// 1 to 4 threads sharing one cache:
//
//   build/default/exercises/token_cache_benchmark --benchmark_min_time=0.2
//
// The starting point, TokenCache, runs on one thread only (sharing it is
// the bug); an answer whose kSolved is false is not priced. Every row is
// timed in wall-clock (real) time, so items_per_second compares across
// rows: CPU time would hide the time a thread waits for a lock.
//
// Google Benchmark may print "***WARNING*** Library was built as DEBUG":
// that is Debian's build of the benchmark library (its own bookkeeping),
// not this code, which your build compiles optimised; the line printed
// before the table says so.

#include <cstdio>
#include <memory>
#include <string>

#include "benchmark/benchmark.h"
#include "exercises/student/token_cache.h"
#include "exercises/token_cache.h"

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

template <typename Answer>
void RegisterAnswer(const char* name) {
  if (!Answer::kSolved) {
    std::printf(
        "%s: not solved yet (kSolved is false in "
        "exercises/student/token_cache.h), not priced\n",
        name);
    return;
  }
  benchmark::RegisterBenchmark((std::string("BM_Token<") + name + ">").c_str(),
                               BM_Token<Answer>)
      ->ThreadRange(1, 4)
      ->UseRealTime();
}

}  // namespace
}  // namespace racelab::exercises

int main(int argc, char** argv) {
  using namespace racelab::exercises;  // NOLINT: the exercise's classes
  benchmark::RegisterBenchmark("BM_Token<TokenCache>", BM_Token<TokenCache>)
      ->Threads(1)
      ->UseRealTime();
  RegisterAnswer<student::TokenCache1>("TokenCache1");
  RegisterAnswer<student::TokenCache2>("TokenCache2");
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 2;
  std::printf(
      "Every row in wall-clock time (real_time), so the rows compare. A "
      "\"Library was built as DEBUG\" warning below is about Debian's "
      "Google Benchmark library, not the code measured here.\n");
  std::fflush(stdout);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
