// bench/request_path_benchmark.cc
//
// The whole GoodsDetail request path of the buggy shared client (params,
// signing, query building, the router double), one thread. Built twice:
// bench_request_path (plain Params) and bench_request_path_guarded (Params
// on the Go-style map guard), so the benchmark names match and
//   /usr/share/benchmark/compare.py benchmarks plain.json guarded.json
// prices the guard on a real request.

#include <string>

#include "absl/strings/str_cat.h"
#include "benchmark/benchmark.h"
#include "load/outcome.h"
#include "variants/variants.h"
#include "world/pdd_router.h"

namespace racelab {
namespace {

void BM_SharedClientRequest(benchmark::State& state) {
  PddRouterDouble router(DemoCredentials());
  std::unique_ptr<ItemDetailService> service =
      MakeService(Variant::kSharedUnsafe, DemoCredentials(), &router);
  int64_t wrong = 0;
  int64_t i = 0;
  for (auto _ : state) {
    const std::string sign = absl::StrCat("goods-", i++);
    // Checked cheaply inside the loop: a benchmark of a broken request
    // would be worthless.
    wrong += ClassifyGoodsDetail(sign, service->GetUnionPddItemDetail(sign))
                 .outcome != Outcome::kOk;
  }
  if (wrong != 0) state.SkipWithError("a request came back wrong");
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_SharedClientRequest)->Threads(1)->UseRealTime();

}  // namespace
}  // namespace racelab
