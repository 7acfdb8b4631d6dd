// share/history/history_check_benchmark.cc: the history checker alone
// (history_check.h), on histories of the default scenario's size and the
// largest allowed, replayed on a small class:
//   BM_Explained/fresh     histories checked per second with no cache
//   BM_Explained/memoised  the same history again, the order cache warm
//   BM_Unexplained         the worst case: every interleaving of the
//                          parallel part replays fine and the suffix's one
//                          result contradicts all of them, so the search
//                          visits every order (or stops at its budget);
//                          states=1: with the state cache (std::set is
//                          copyable and has ==), each set of placed calls
//                          is searched once

#include <memory>
#include <set>
#include <vector>

#include "benchmark/benchmark.h"
#include "share/history/history_check.h"

namespace racelab::share_internal {
namespace {

// op 0: Add(k) -> void; op 1: Size() -> int.
class SetReplayer : public Replayer {
 public:
  std::shared_ptr<void> Fresh() override {
    return std::make_shared<std::set<int>>();
  }
  Result Apply(void* object, const RecordedCall& call) override {
    auto& set = *static_cast<std::set<int>*>(object);
    if (call.op == 0) {
      set.insert(static_cast<int>(call.call.thread * 100 + call.call.number));
      return void_;
    }
    return std::make_shared<ValueResult<int>>(static_cast<int>(set.size()));
  }
  bool ComparesStates() const override { return compares_states; }
  std::shared_ptr<void> CopyState(const void* object) override {
    return std::make_shared<std::set<int>>(
        *static_cast<const std::set<int>*>(object));
  }
  bool SameState(const void* a, const void* b) override {
    return *static_cast<const std::set<int>*>(a) ==
           *static_cast<const std::set<int>*>(b);
  }

  bool compares_states = false;

 private:
  const Result void_ = std::make_shared<VoidResult>();
};

// `threads` x `calls` overlapping Add()s, then one Size() that returned
// `size` (the right size: explained; one less: no order explains it).
std::vector<RecordedCall> History(int threads, int calls, int size) {
  std::vector<RecordedCall> history;
  for (int t = 0; t < threads; ++t) {
    for (int k = 0; k < calls; ++k) {
      RecordedCall call;
      call.op = 0;
      call.part = Part::kParallel;
      call.call = Call{t, k};
      call.observed = std::make_shared<VoidResult>();
      // Every call overlaps every other (even its own thread's): the
      // loosest history, which every order respects.
      call.start = k * 2;
      call.end = k * 2 + 1 + 1000 * (t + 1);
      history.push_back(std::move(call));
    }
  }
  RecordedCall size_call;
  size_call.op = 1;
  size_call.part = Part::kSuffix;
  size_call.observed = std::make_shared<ValueResult<int>>(size);
  size_call.start = 1000000;
  size_call.end = 1000001;
  history.push_back(std::move(size_call));
  return history;
}

void BM_Explained(benchmark::State& state) {
  const int threads = static_cast<int>(state.range(0));
  const int calls = static_cast<int>(state.range(1));
  const bool memoised = state.range(2) != 0;
  const std::vector<RecordedCall> history =
      History(threads, calls, threads * calls);
  SetReplayer replayer;
  OrderCache cache;
  int64_t replayed = 0;
  for (auto _ : state) {
    const HistoryVerdict verdict =
        CheckHistory(history, replayer, memoised ? &cache : nullptr, 1 << 30);
    if (verdict.kind != HistoryVerdict::Kind::kExplained) {
      state.SkipWithError("not explained");
      break;
    }
    replayed += verdict.replayed_calls;
  }
  state.counters["histories_per_s"] =
      benchmark::Counter(state.iterations(), benchmark::Counter::kIsRate);
  state.counters["replayed_calls"] = benchmark::Counter(
      static_cast<double>(replayed), benchmark::Counter::kAvgIterations);
}
BENCHMARK(BM_Explained)
    ->ArgNames({"threads", "calls", "memoised"})
    ->Args({2, 3, 0})
    ->Args({2, 3, 1})
    ->Args({3, 5, 0})
    ->Args({3, 5, 1})
    ->UseRealTime();

void BM_Unexplained(benchmark::State& state) {
  const int threads = static_cast<int>(state.range(0));
  const int calls = static_cast<int>(state.range(1));
  const int64_t budget = state.range(2);
  const std::vector<RecordedCall> history =
      History(threads, calls, threads * calls - 1);
  SetReplayer replayer;
  replayer.compares_states = state.range(3) != 0;
  int64_t replayed = 0;
  int64_t pruned = 0;
  for (auto _ : state) {
    const HistoryVerdict verdict =
        CheckHistory(history, replayer, nullptr, budget);
    if (verdict.kind == HistoryVerdict::Kind::kExplained) {
      state.SkipWithError("explained");
      break;
    }
    replayed += verdict.replayed_calls;
    pruned += verdict.states_pruned;
  }
  state.counters["replayed_calls"] = benchmark::Counter(
      static_cast<double>(replayed), benchmark::Counter::kAvgIterations);
  state.counters["states_pruned"] = benchmark::Counter(
      static_cast<double>(pruned), benchmark::Counter::kAvgIterations);
}
// The default scenario's parallel part (2 x 3) searched in full, and the
// largest (3 x 5) stopped by the default budget; each without and with the
// state cache; and the largest with the state cache and a budget it needs
// (2^15 sets of placed calls: answered, where the plain search, 15! orders,
// never is).
BENCHMARK(BM_Unexplained)
    ->ArgNames({"threads", "calls", "budget", "states"})
    ->Args({2, 3, 200000, 0})
    ->Args({2, 3, 200000, 1})
    ->Args({3, 5, 200000, 0})
    ->Args({3, 5, 200000, 1})
    ->Args({3, 5, 1000000, 1})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

}  // namespace
}  // namespace racelab::share_internal

BENCHMARK_MAIN();
