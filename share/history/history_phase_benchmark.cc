// share/history/history_phase_benchmark.cc: which policy and which
// scheduling points find which race condition. For each racy exhibit
// split at no pthread unlock (share/exhibits/lock_types_operations.h), and
// one split at a std::mutex unlock for comparison, the history check's
// default budget (30 scenarios x 100 schedules, 1 + 2x3 + 1 calls) runs
// once per seed, under
//   policy  pct (depth 3, as the history check) or random (a random walk),
//   points  all (loads, stores, function boundaries, pthread/futex calls),
//           memory (loads and stores + pthread/futex calls),
//           functions (function boundaries + pthread/futex calls),
//           sync (pthread/futex calls only: what a class compiled outside
//           racelab_add_share_test gets),
// and counts, per configuration:
//   caught    the share of seeds whose budget found a history no
//             one-at-a-time order explains (what one MayShare invocation
//             would report)
//   failing   the share of all schedules run that failed
//   to_first  schedules run before the first failure, mean over the
//             seeds that caught it
//   points    scheduling points per schedule
// A detection measurement, not a timing one: read the counters.

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "benchmark/benchmark.h"
#include "racelab/operations.h"
#include "racelab/share.h"
#include "share/control/controlled_scheduler.h"
#include "share/control/schedule_policy.h"
#include "share/exhibits/absl_ticket_dispenser.h"
#include "share/exhibits/atomic_quota.h"
#include "share/exhibits/high_water_mark.h"
#include "share/exhibits/lock_types_operations.h"
#include "share/exhibits/reader_locked_cache.h"
#include "share/exhibits/spin_locked_stock.h"
#include "share/exhibits/stale_cas_balance.h"
#include "share/exhibits/ticket_dispenser.h"
#include "share/history/history_check.h"
#include "share/history/scenario.h"
#include "share/history/scenario_runner.h"
#include "share/history/subject_replayer.h"

namespace racelab::share_internal {
namespace {

using namespace racelab::exhibits;  // NOLINT: the exhibits are the subject

constexpr int kScenarios = 30;
constexpr int64_t kSchedules = 100;
constexpr int kDepth = 3;
constexpr int64_t kSearchBudget = 200000;

struct Exhibit {
  const char* name;
  Subject (*subject)();
};

const Exhibit kExhibits[] = {
    {"absl_mutex", [] { return Erase(TicketOps<SplitAbslTicketDispenser>()); }},
    {"reader_lock", [] { return Erase(CacheOps<SplitReaderCache>()); }},
    {"spin_lock", [] { return Erase(StockOps<SplitSpinStock>()); }},
    {"atomic_check_then_act",
     [] { return Erase(QuotaOps<SplitAtomicQuota>()); }},
    {"stale_cas", [] { return Erase(BalanceOps<StaleCasBalance>()); }},
    {"atomic_load_store", [] { return Erase(MarkOps<SplitHighWaterMark>()); }},
    {"std_mutex",
     [] {
       return Erase(Operations<SplitTicketDispenser>().Op(
           "Next", &SplitTicketDispenser::Next));
     }},
};

struct PointSet {
  const char* name;
  PointKinds kinds;
};

const PointSet kPointSets[] = {
    {"all", kEveryPoint},
    {"memory", PointKindBit(PointKind::kLoad) |
                   PointKindBit(PointKind::kStore) |
                   PointKindBit(PointKind::kSync)},
    {"functions",
     PointKindBit(PointKind::kFunction) | PointKindBit(PointKind::kSync)},
    {"sync", PointKindBit(PointKind::kSync)},
};

// A schedule's policy as the history check makes it (history_phase.cc).
SchedulePolicy PolicyFor(PolicyKind kind, uint64_t seed, int index,
                         int64_t schedule, int64_t expected_steps) {
  return SchedulePolicy(kind, 2, ScheduleSeed(seed, index, schedule),
                        schedule == 0 ? 1 : kDepth, expected_steps);
}

struct Budget {
  bool caught = false;
  int64_t schedules = 0;
  int64_t failing = 0;
  int64_t to_first = 0;
  int64_t points = 0;
};

// One invocation's budget under `seed`: every scenario, every schedule.
Budget RunBudget(const Subject& subject, PolicyKind kind, PointKinds kinds,
                 uint64_t seed) {
  PhaseActivity activity;
  SubjectReplayer replayer(subject, activity);
  ScenarioRunner runner(subject, 2, seed, activity, /*controlled=*/true);
  Budget budget;
  for (int index = 0; index < kScenarios; ++index) {
    const Scenario scenario =
        DrawScenario(subject.recorded, ScenarioShape(), seed, index);
    OrderCache cache;
    int64_t expected_steps = 1;
    for (int64_t schedule = 0; schedule < kSchedules; ++schedule) {
      const SchedulePolicy policy =
          PolicyFor(kind, seed, index, schedule, expected_steps);
      std::shared_ptr<void> object = subject.make();
      std::vector<RecordedCall> history = scenario.calls;
      runner.Run(scenario, object.get(), history, &policy, kinds);
      const int64_t steps = runner.schedule_stats().steps;
      if (schedule == 0) expected_steps = std::max<int64_t>(1, steps);
      budget.points += steps;
      ++budget.schedules;
      const HistoryVerdict verdict =
          CheckHistory(history, replayer, &cache, kSearchBudget);
      if (verdict.kind == HistoryVerdict::Kind::kUnexplained) {
        if (!budget.caught) budget.to_first = budget.schedules;
        budget.caught = true;
        ++budget.failing;
      }
    }
  }
  return budget;
}

void BM_Detection(benchmark::State& state) {
  const Exhibit& exhibit = kExhibits[state.range(0)];
  const PolicyKind kind =
      state.range(1) == 0 ? PolicyKind::kPct : PolicyKind::kRandomWalk;
  const PointSet& points = kPointSets[state.range(2)];
  const Subject subject = exhibit.subject();
  int64_t seeds = 0, caught = 0, schedules = 0, failing = 0, to_first = 0,
          total_points = 0;
  for (auto _ : state) {
    const Budget budget = RunBudget(subject, kind, points.kinds,
                                    static_cast<uint64_t>(seeds) + 1);
    ++seeds;
    caught += budget.caught;
    schedules += budget.schedules;
    failing += budget.failing;
    if (budget.caught) to_first += budget.to_first;
    total_points += budget.points;
  }
  state.counters["caught"] =
      static_cast<double>(caught) / static_cast<double>(seeds);
  state.counters["failing"] =
      static_cast<double>(failing) / static_cast<double>(schedules);
  state.counters["to_first"] =
      caught == 0 ? 0.0
                  : static_cast<double>(to_first) / static_cast<double>(caught);
  state.counters["points"] =
      static_cast<double>(total_points) / static_cast<double>(schedules);
  state.SetLabel(std::string(exhibit.name) + "/" + PolicyName(kind).data() +
                 "/" + points.name);
}

void Configurations(benchmark::internal::Benchmark* b) {
  const int exhibits = static_cast<int>(std::size(kExhibits));
  const int point_sets = static_cast<int>(std::size(kPointSets));
  for (int e = 0; e < exhibits; ++e) {
    for (int policy = 0; policy < 2; ++policy) {
      for (int p = 0; p < point_sets; ++p) b->Args({e, policy, p});
    }
  }
}
// 20 seeds per configuration: each iteration is one invocation's budget.
BENCHMARK(BM_Detection)
    ->ArgNames({"exhibit", "policy", "points"})
    ->Apply(Configurations)
    ->Iterations(20)
    ->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace racelab::share_internal

BENCHMARK_MAIN();
