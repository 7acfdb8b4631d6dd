// share/history/history_phase.cc

#include "share/history/history_phase.h"

#include <algorithm>
#include <chrono>
#include <exception>
#include <memory>
#include <optional>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "share/child/watchdog.h"
#include "share/control/schedule_policy.h"
#include "share/history/history_check.h"
#include "share/history/scenario.h"
#include "share/history/scenario_runner.h"
#include "share/history/scenario_steps.h"
#include "share/history/subject_replayer.h"
#include "share/history/throw_tally.h"

namespace racelab::share_internal {
namespace {

using SteadyClock = std::chrono::steady_clock;

// Runs of each candidate while a failing scenario is minimised.
constexpr int64_t kMinimiseRuns = 100;

class HistoryRunner {
 public:
  HistoryRunner(const Subject& subject, const ShareOptions& options,
                uint64_t seed)
      : subject_(subject),
        options_(options),
        seed_(seed),
        shape_{options.scenario_prefix, options.scenario_threads,
               options.scenario_calls, options.scenario_suffix},
        replayer_(subject, doing_),
        runner_(subject, options.scenario_threads, seed, doing_,
                /*controlled=*/options.schedule != "os") {
    if (options.schedule != "os") {
      // Validated by share.cc before the child started.
      const absl::StatusOr<PolicyKind> kind = ParsePolicy(options.schedule);
      if (kind.ok()) policy_kind_ = *kind;
    }
  }

  HistoryPhaseReport Run() {
    Watchdog watchdog(doing_.progress, HangPatience(options_.deadline_ms),
                      [this] { return StuckIn(doing_, subject_); });
    const SteadyClock::time_point end =
        SteadyClock::now() + std::chrono::milliseconds(options_.history_ms);
    if (options_.replay_scenario >= 0) {
      ++report_.outcome.scenarios;
      doing_.scenario.store(options_.replay_scenario,
                            std::memory_order_relaxed);
      RunScenario(options_.replay_scenario, end);
    }
    for (int s = 0; options_.replay_scenario < 0 && s < options_.scenarios &&
                    SteadyClock::now() < end;
         ++s) {
      ++report_.outcome.scenarios;
      doing_.scenario.store(s, std::memory_order_relaxed);
      if (!RunScenario(s, end)) break;
    }
    if (report_.outcome.failing_scenario < 0 &&
        report_.outcome.non_deterministic.empty()) {
      report_.outcome.always_throws = tally_.AlwaysThrowing();
    }
    return report_;
  }

 private:
  // How a batch of runs of one scenario ended.
  struct Runs {
    int64_t runs = 0;
    int64_t unexplained = 0;
    bool stop = false;  // the phase cannot go on (no instance, a replay
                        // that differs): report_ says why
    std::vector<RecordedCall> first_failed;  // the first unexplained history
    HistoryVerdict first_verdict;
    int64_t first_failed_schedule = -1;  // its schedule, if controlled
  };

  // False when the phase should stop (a failure, or no instance).
  bool RunScenario(int index, SteadyClock::time_point end) {
    Scenario scenario = DrawScenario(subject_.recorded, shape_, seed_, index);
    const bool replay = options_.replay_scenario >= 0;
    if (replay) {
      // ShareOptions::replay_*: the steps a failure's minimising took
      // (validated by share.cc before the child started).
      const absl::StatusOr<std::vector<ScenarioStep>> steps =
          ParseSteps(options_.replay_steps);
      for (const ScenarioStep& step :
           steps.ok() ? *steps : std::vector<ScenarioStep>()) {
        absl::StatusOr<Scenario> after =
            ApplyStep(subject_.recorded, scenario, step);
        if (!after.ok()) {
          report_.outcome.replay_error =
              absl::StrCat("replay_steps on scenario ", index, ": ",
                           after.status().message());
          return false;
        }
        scenario = *std::move(after);
      }
    }
    if (!Deterministic(scenario)) return false;
    const Runs runs = RunMany(scenario, options_.invocations, end,
                              end + (end - start_), index);
    if (runs.stop) return false;
    if (runs.unexplained == 0) return true;
    report_.outcome.failing_scenario = index;
    report_.outcome.failing_runs = runs.runs;
    report_.outcome.failing_unexplained = runs.unexplained;
    report_.outcome.failing_schedule = runs.first_failed_schedule;
    report_.outcome.explanation = ExplainUnexplained(
        subject_.recorded, shape_, runs.first_failed, runs.first_verdict);
    report_.outcome.replay_steps = options_.replay_steps;
    if (!replay) Minimise(scenario, runs, index);
    return false;
  }

  // Schedule `schedule` of scenario `index`: a function of the seed, the
  // scenario and the schedule number only. Schedule 0 has no forced
  // switch (PCT's depth 1): it counts the scenario's points, over which
  // the later schedules' change points are drawn.
  SchedulePolicy PolicyFor(int index, int64_t schedule,
                           int64_t expected_steps) const {
    return SchedulePolicy(*policy_kind_, options_.scenario_threads,
                          ScheduleSeed(seed_, index, schedule),
                          schedule == 0 ? 1 : options_.pct_depth,
                          expected_steps);
  }

  // Up to `count` runs of `scenario`, each checked, until `end`. Once a
  // run is unexplained the rest still run (how often it fails is part of
  // the answer), until `failing_end`.
  Runs RunMany(const Scenario& scenario, int64_t count,
               SteadyClock::time_point end, SteadyClock::time_point failing_end,
               int index) {
    Runs result;
    OrderCache cache;
    // Schedule 0 counts the scenario's points for the later schedules; when
    // one schedule is replayed, it runs first, unchecked.
    const bool replay_one =
        policy_kind_.has_value() && options_.replay_schedule >= 1;
    int64_t expected_steps = 1;
    if (replay_one) {
      std::vector<RecordedCall> history = scenario.calls;
      const SchedulePolicy policy = PolicyFor(index, 0, 1);
      if (!Invoke(scenario, history, &policy)) {
        result.stop = true;
        return result;
      }
      expected_steps = std::max<int64_t>(1, runner_.schedule_stats().steps);
      report_.outcome.replay_same_histories = 0;
    }
    std::vector<RecordedCall> first_history;
    for (int64_t run = 0; run < count; ++run) {
      if (SteadyClock::now() >= (result.unexplained > 0 ? failing_end : end)) {
        break;
      }
      std::vector<RecordedCall> history = scenario.calls;
      std::optional<SchedulePolicy> policy;
      const int64_t schedule = replay_one ? options_.replay_schedule : run;
      if (policy_kind_.has_value()) {
        policy.emplace(PolicyFor(index, schedule, expected_steps));
      }
      if (!Invoke(scenario, history, policy ? &*policy : nullptr)) {
        result.stop = true;
        return result;
      }
      if (policy_kind_.has_value()) {
        const ControlledScheduler::Stats stats = runner_.schedule_stats();
        if (run == 0 && !replay_one) {
          expected_steps = std::max<int64_t>(1, stats.steps);
        }
        report_.outcome.schedule_steps += stats.steps;
        report_.outcome.schedule_switches += stats.switches;
        report_.outcome.real_waits += stats.real_waits;
      }
      if (replay_one) {
        if (run == 0) first_history = history;
        if (SameHistory(first_history, history)) {
          ++report_.outcome.replay_same_histories;
        }
      }
      ++result.runs;
      ++report_.outcome.histories;
      if (!Judge(scenario, index, schedule, std::move(history), cache,
                 result)) {
        result.stop = true;
        return result;
      }
    }
    return result;
  }

  // Checks one run's history and counts its verdict into `result`; false
  // if the phase must stop (the factory failed, or a failure could not be
  // confirmed).
  bool Judge(const Scenario& scenario, int index, int64_t schedule,
             std::vector<RecordedCall> history, OrderCache& cache,
             Runs& result) {
    HistoryVerdict verdict =
        CheckHistory(history, replayer_, &cache, options_.search_budget);
    report_.replayed_calls += verdict.replayed_calls;
    report_.outcome.states_pruned += verdict.states_pruned;
    switch (verdict.kind) {
      case HistoryVerdict::Kind::kExplained:
        if (verdict.from_cache) ++report_.from_cache;
        return true;
      case HistoryVerdict::Kind::kUnknown:
        ++report_.outcome.unknown;
        if (report_.outcome.unknown_example.empty()) {
          report_.outcome.unknown_example =
              absl::StrCat("scenario ", index, " (",
                           FormatScenario(subject_.recorded, scenario),
                           "): no order found within ", options_.search_budget,
                           " replayed calls");
        }
        return true;
      case HistoryVerdict::Kind::kFactoryFailed:
        report_.factory_failure = replayer_.factory_failure();
        return false;
      case HistoryVerdict::Kind::kUnexplained:
        if (!Confirmed(history, verdict)) return false;
        if (result.unexplained++ == 0) {
          result.first_failed = std::move(history);
          result.first_verdict = std::move(verdict);
          if (policy_kind_.has_value()) result.first_failed_schedule = schedule;
        }
        return true;
    }
    return true;
  }

  // Makes a failing scenario smaller while it still fails (share/history/
  // scenario_steps.h: drop a call, move one to the prefix or the suffix,
  // simpler arguments), within the phase's budget again; each candidate
  // runs kMinimiseRuns times (the oracle is probabilistic: one clean run
  // proves nothing, and the count says how often the minimised scenario
  // failed).
  void Minimise(const Scenario& failing, const Runs& failing_runs, int index) {
    const SteadyClock::time_point end =
        SteadyClock::now() + std::chrono::milliseconds(options_.history_ms);
    Scenario best = failing;
    Runs best_runs = failing_runs;
    std::vector<ScenarioStep> taken;
    bool smaller = true;
    while (smaller && SteadyClock::now() < end) {
      smaller = false;
      for (const ScenarioStep& step : SmallerSteps(subject_.recorded, best)) {
        if (SteadyClock::now() >= end) break;
        absl::StatusOr<Scenario> candidate =
            ApplyStep(subject_.recorded, best, step);
        if (!candidate.ok()) continue;  // SmallerSteps offers only fitting
        // No overrun here: the minimisation's budget bounds every
        // candidate, so the whole phase stays within three budgets.
        // The scenario's own schedules: a replay with the steps taken
        // runs exactly these.
        Runs runs = RunMany(*candidate, kMinimiseRuns, end, end, index);
        if (runs.stop) return;
        if (runs.unexplained == 0) continue;
        best = *std::move(candidate);
        best_runs = std::move(runs);
        taken.push_back(step);
        smaller = true;
        break;  // the steps of the smaller scenario, from the most drastic
      }
    }
    if (taken.empty()) return;
    report_.outcome.replay_steps = FormatSteps(taken);
    report_.outcome.failing_schedule = best_runs.first_failed_schedule;
    report_.outcome.minimised =
        absl::StrCat(FormatScenario(subject_.recorded, best), " (failed in ",
                     best_runs.unexplained, " of ", best_runs.runs, " runs)");
  }

  // One run of a scenario on a fresh instance (scenario_runner.h).
  bool Invoke(const Scenario& scenario, std::vector<RecordedCall>& history,
              const SchedulePolicy* policy) {
    std::shared_ptr<void> object = replayer_.Fresh();
    if (object == nullptr) {
      report_.factory_failure = replayer_.factory_failure();
      return false;
    }
    runner_.Run(scenario, object.get(), history, policy);
    return true;
  }

  // The scenario's calls replayed twice in their one-at-a-time layout
  // order must give the same results; otherwise nothing can be judged.
  bool Deterministic(const Scenario& scenario) {
    std::vector<Result> first;
    for (int pass = 0; pass < 2; ++pass) {
      std::shared_ptr<void> object = replayer_.Fresh();
      if (object == nullptr) {
        report_.factory_failure = replayer_.factory_failure();
        return false;
      }
      for (size_t i = 0; i < scenario.calls.size(); ++i) {
        Result result = replayer_.Apply(object.get(), scenario.calls[i]);
        if (pass == 0) {
          tally_.Count(scenario.calls[i].op, result);
          first.push_back(std::move(result));
        } else if (!first[i]->Equals(*result)) {
          report_.outcome.non_deterministic = absl::StrCat(
              CallText(subject_.recorded, scenario.calls[i]), " returned ",
              first[i]->Print(), " and then ", result->Print(),
              " when the same calls were replayed twice, one at a time, in "
              "the same order on fresh instances");
          return false;
        }
      }
    }
    return true;
  }

  // A history no order explained, searched again from scratch and without
  // the state cache: if the second search finds an order, replays differ
  // (the operations are non-deterministic, not racy) or the class's ==
  // called two different states equal.
  bool Confirmed(const std::vector<RecordedCall>& history,
                 const HistoryVerdict& first) {
    const HistoryVerdict again =
        CheckHistory(history, replayer_, nullptr, options_.search_budget,
                     StateCache::kDoNotUse);
    report_.replayed_calls += again.replayed_calls;
    if (again.kind != HistoryVerdict::Kind::kExplained) return true;
    const RecordedCall& call = history[first.unexplained];
    report_.outcome.non_deterministic = absl::StrCat(
        "a history that no order explained was explained when searched "
        "again (the same calls replayed gave other results; ",
        CallText(subject_.recorded, call), " is one of them)",
        replayer_.ComparesStates()
            ? "; or the class's operator== calls two instances equal whose "
              "calls then return different results (the search skips a "
              "state equal to one it has searched: == must compare every "
              "field a result depends on)"
            : "");
    return false;
  }

  // Constant after construction.
  const Subject& subject_;
  const ShareOptions& options_;
  const uint64_t seed_;
  const ScenarioShape shape_;
  const SteadyClock::time_point start_ = SteadyClock::now();
  std::optional<PolicyKind> policy_kind_;  // unset: the OS schedules

  PhaseActivity doing_;
  SubjectReplayer replayer_;             // used by the main thread only
  HistoryPhaseReport report_;            // main thread only
  ThrowTally tally_{subject_.recorded};  // main thread only

  // Last: its workers start when it is built and stop before the rest
  // goes.
  ScenarioRunner runner_;
};

}  // namespace

HistoryPhaseReport RunHistoryPhase(const Subject& subject,
                                   const ShareOptions& options, uint64_t seed) {
  if (subject.recorded.empty() || options.scenarios == 0) return {};
  return HistoryRunner(subject, options, seed).Run();
}

}  // namespace racelab::share_internal
