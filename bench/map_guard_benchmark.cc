// bench/map_guard_benchmark.cc
//
// The Go-style map guard (instrument/go_map.h) against the plain map, on the
// operations repro's Params performs per request: six parameter writes,
// one copying iteration, one reset. Same workload, two map types, one
// binary; compare the two families with compare.py's `filters` mode:
//   compare.py filters bench/map_guard_benchmark
//       BM_ParamsCycle<ParamMap> BM_ParamsCycle<GoMap<ParamMap>>

#include <string>
#include <utility>
#include <vector>

#include "benchmark/benchmark.h"
#include "instrument/go_map.h"
#include "world/query.h"

namespace racelab {
namespace {

const std::vector<std::pair<std::string, std::string>>& PddParams() {
  static const auto* params =
      new std::vector<std::pair<std::string, std::string>>{
          {"type", "pdd.ddk.goods.detail"},
          {"timestamp", "1795712691"},
          {"goods_sign", "goods-3-1234-567890"},
          {"pid", "racelab-pid"},
          {"client_id", "racelab-client-id"},
          {"sign", "6E8E494016C7A0F9666DA0A9E63C2AE3"}};
  return *params;
}

// One request's worth of map work: Params::Set x6, then DeepCopy (iterate
// into a copy, reset).
template <typename Map>
void BM_ParamsCycle(benchmark::State& state) {
  Map map;
  size_t copied = 0;
  for (auto _ : state) {
    for (const auto& [key, value] : PddParams())
      map.insert_or_assign(key, value);
    ParamMap target;
    for (const auto& [key, value] : map) target[key] = value;
    map = ParamMap();
    copied += target.size();
    benchmark::DoNotOptimize(target);
  }
  if (copied != state.iterations() * PddParams().size()) {
    state.SkipWithError("the cycle did not copy every parameter");
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK_TEMPLATE(BM_ParamsCycle, ParamMap);
BENCHMARK_TEMPLATE(BM_ParamsCycle, GoMap<ParamMap>);

// The iteration alone, the part Go checks at every step.
template <typename Map>
void BM_Iterate(benchmark::State& state) {
  Map map;
  for (const auto& [key, value] : PddParams()) map.insert_or_assign(key, value);
  for (auto _ : state) {
    size_t bytes = 0;
    for (const auto& [key, value] : map) bytes += key.size() + value.size();
    benchmark::DoNotOptimize(bytes);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK_TEMPLATE(BM_Iterate, ParamMap);
BENCHMARK_TEMPLATE(BM_Iterate, GoMap<ParamMap>);

}  // namespace
}  // namespace racelab
