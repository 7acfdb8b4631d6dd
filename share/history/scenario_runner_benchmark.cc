// share/history/scenario_runner_benchmark.cc: what one schedule of
// the history check costs. Each iteration runs the default scenario shape
// (1 call alone, 2 threads x 3 calls, 1 call alone) of a ticket dispenser
// on a fresh instance, as the history phase runs it (ScenarioRunner), the
// dispenser compiled with the controlled scheduler's points:
//   BM_Schedule/pct, /random  under the controlled scheduler; counters:
//                             points, switches (turns handed from one
//                             thread to another) and real_waits (waits
//                             done for real because every thread waited:
//                             the only place where the machine may change
//                             a schedule) per schedule
//   BM_Schedule/pct_each      pct with every point decided by the
//                             scheduler, none skipped as quiet
//                             (controlled_scheduler.h): what skipping saves
//   BM_Schedule/os            the OS scheduler with forced switch points
//                             (ShareOptions::schedule = "os"), for scale
// and the same for a class with many points a call (exhibit:1, the
// per-request params client: a map of strings built and encoded).
// The goal for pct: at most 0.5 ms a schedule (2,000 a second on one core).

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "benchmark/benchmark.h"
#include "racelab/operations.h"
#include "racelab/share.h"
#include "share/control/schedule_policy.h"
#include "share/exhibits/absl_ticket_dispenser.h"
#include "share/exhibits/locked_params_client.h"
#include "share/history/scenario.h"
#include "share/history/scenario_runner.h"

namespace racelab::share_internal {
namespace {

enum Mode { kPct, kRandom, kOs, kPctEach };

Subject Exhibit(int64_t exhibit) {
  if (exhibit == 0) {
    return Erase(Operations<exhibits::AbslTicketDispenser>().Op(
        "Next", &exhibits::AbslTicketDispenser::Next));
  }
  return Erase(Operations<exhibits::PerRequestParamsClient>().Op(
      "GoodsDetail", &exhibits::PerRequestParamsClient::GoodsDetail,
      Range(1, 3)));
}

void BM_Schedule(benchmark::State& state) {
  const Mode mode = static_cast<Mode>(state.range(0));
  const Subject subject = Exhibit(state.range(1));
  const Scenario scenario =
      DrawScenario(subject.recorded, ScenarioShape(), /*seed=*/1, /*index=*/0);
  PhaseActivity activity;
  ScenarioRunner runner(subject, 2, /*seed=*/1, activity,
                        /*controlled=*/mode != kOs);
  runner.set_skip_quiet_points(mode != kPctEach);
  int64_t schedules = 0;
  int64_t points = 0;
  int64_t switches = 0;
  int64_t real_waits = 0;
  int64_t expected_steps = 1;
  for (auto _ : state) {
    std::optional<SchedulePolicy> policy;
    if (mode != kOs) {
      policy.emplace(
          mode == kRandom ? PolicyKind::kRandomWalk : PolicyKind::kPct, 2,
          static_cast<uint64_t>(schedules) + 1, schedules == 0 ? 1 : 3,
          expected_steps);
    }
    std::shared_ptr<void> object = subject.make();
    std::vector<RecordedCall> history = scenario.calls;
    runner.Run(scenario, object.get(), history, policy ? &*policy : nullptr);
    if (mode != kOs) {
      const ControlledScheduler::Stats stats = runner.schedule_stats();
      if (schedules == 0) expected_steps = std::max<int64_t>(1, stats.steps);
      points += stats.steps;
      switches += stats.switches;
      real_waits += stats.real_waits;
    }
    ++schedules;
  }
  state.counters["points"] = benchmark::Counter(
      static_cast<double>(points), benchmark::Counter::kAvgIterations);
  state.counters["switches"] = benchmark::Counter(
      static_cast<double>(switches), benchmark::Counter::kAvgIterations);
  state.counters["real_waits"] = benchmark::Counter(
      static_cast<double>(real_waits), benchmark::Counter::kAvgIterations);
  static constexpr const char* kModeNames[] = {"pct", "random", "os",
                                               "pct_each"};
  state.SetLabel(std::string(kModeNames[mode]) + (state.range(1) == 0
                                                      ? "/ticket_dispenser"
                                                      : "/params_client"));
}
BENCHMARK(BM_Schedule)
    ->ArgNames({"mode", "exhibit"})
    ->ArgsProduct({{kPct, kPctEach, kRandom, kOs}, {0, 1}})
    ->UseRealTime()
    ->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace racelab::share_internal

BENCHMARK_MAIN();
