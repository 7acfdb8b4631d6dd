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
//   BM_Schedule/os            the OS scheduler with forced switch points
//                             (ShareOptions::schedule = "os"), for scale
// The goal for pct: at most 0.5 ms a schedule (2,000 a second on one core).

#include <memory>
#include <optional>
#include <vector>

#include "benchmark/benchmark.h"
#include "racelab/operations.h"
#include "racelab/share.h"
#include "share/control/schedule_policy.h"
#include "share/exhibits/absl_ticket_dispenser.h"
#include "share/history/scenario.h"
#include "share/history/scenario_runner.h"

namespace racelab::share_internal {
namespace {

enum Mode { kPct, kRandom, kOs };

void BM_Schedule(benchmark::State& state) {
  const Mode mode = static_cast<Mode>(state.range(0));
  const Subject subject = Erase(Operations<exhibits::AbslTicketDispenser>().Op(
      "Next", &exhibits::AbslTicketDispenser::Next));
  const Scenario scenario =
      DrawScenario(subject.recorded, ScenarioShape(), /*seed=*/1, /*index=*/0);
  PhaseActivity activity;
  ScenarioRunner runner(subject, 2, /*seed=*/1, activity,
                        /*controlled=*/mode != kOs);
  int64_t schedules = 0;
  int64_t points = 0;
  int64_t switches = 0;
  int64_t real_waits = 0;
  int64_t expected_steps = 1;
  for (auto _ : state) {
    std::optional<SchedulePolicy> policy;
    if (mode != kOs) {
      policy.emplace(mode == kPct ? PolicyKind::kPct : PolicyKind::kRandomWalk,
                     2, static_cast<uint64_t>(schedules) + 1,
                     schedules == 0 ? 1 : 3, expected_steps);
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
  state.SetLabel(mode == kPct ? "pct" : mode == kRandom ? "random" : "os");
}
BENCHMARK(BM_Schedule)
    ->ArgName("mode")
    ->Arg(kPct)
    ->Arg(kRandom)
    ->Arg(kOs)
    ->UseRealTime()
    ->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace racelab::share_internal

BENCHMARK_MAIN();
