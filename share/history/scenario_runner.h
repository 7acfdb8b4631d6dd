// share/history/scenario_runner.h
//
// ScenarioRunner: runs one scenario (scenario.h) on an instance, as the
// history phase records it: the prefix on the calling thread, the parallel
// part on all threads released together (the calling thread is thread 0,
// the others persistent workers), the suffix on the calling thread. Each
// call's result and its start and end tickets, from one sequentially
// consistent counter, go into the history. The parallel part runs either
// under racelab's controlled scheduler, its threads one at a time, or
// free, each thread with forced switch points (switch_points.h) drawn from
// the seed and the run.
//
// Free-running, waiting threads spin briefly, then sleep on the atomic (a
// futex): spinning and yielding alone, on a loaded machine, burnt the time
// slices the other party needed (about 190 histories a second in the TSan
// build instead of 2,000 and more). Controlled, the runner's threads share
// ONE CPU (base/cpu_affinity.h) and sleep at once: they run one at a time
// anyway, a handoff on one CPU is a direct switch, and beside busy
// processes a wake-up on the other CPU waited for that CPU's time slice to
// end (milliseconds: docs/own-class.md).
//
// Thread-compatible: construct, Run() and destroy on one thread; the
// workers it owns touch only their own calls of the history.

#ifndef RACELAB_SHARE_HISTORY_SCENARIO_RUNNER_H_
#define RACELAB_SHARE_HISTORY_SCENARIO_RUNNER_H_

#include <atomic>
#include <cstdint>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "base/cpu_affinity.h"
#include "racelab/share.h"
#include "share/control/controlled_scheduler.h"
#include "share/control/schedule_policy.h"
#include "share/history/history_check.h"
#include "share/history/scenario.h"

namespace racelab::share_internal {

// What the history phase is doing, for its watchdog: which operation, and
// whether alone (a replay, the prefix or the suffix) or in a thread of the
// parallel part. Relaxed: the watchdog only reads it after no progress.
struct PhaseActivity {
  std::atomic<int> op{-1};
  std::atomic<int> thread{-1};  // -1: alone, on the phase's own thread
  std::atomic<bool> replaying{false};
  std::atomic<int64_t> scenario{0};
  std::atomic<int64_t> progress{0};
};

// What a stuck phase is in, for its watchdog: the operation, and whether
// alone, on a thread of the parallel part, or replayed.
std::string StuckIn(const PhaseActivity& doing, const Subject& subject);

class ScenarioRunner {
 public:
  // Starts `threads` - 1 workers. `controlled`: the runs will be given a
  // policy; the calling thread (until destruction) and the workers then
  // share one CPU. REQUIRES: threads >= 2.
  ScenarioRunner(const Subject& subject, int threads, uint64_t seed,
                 PhaseActivity& activity, bool controlled);
  // Stops and joins the workers.
  ~ScenarioRunner();
  ScenarioRunner(const ScenarioRunner&) = delete;
  ScenarioRunner& operator=(const ScenarioRunner&) = delete;

  // One run of `scenario` on `object`: fills `history` (a copy of
  // scenario.calls) with each call's result and tickets. With a `policy`
  // the parallel part runs under the controlled scheduler, one thread at a
  // time (share/control/controlled_scheduler.h), and schedule_stats() says
  // what it did; without, the OS schedules it, with forced switch points.
  // `kinds`: the points it switches at (all, for the history check).
  void Run(const Scenario& scenario, void* object,
           std::vector<RecordedCall>& history,
           const SchedulePolicy* policy = nullptr,
           PointKinds kinds = kEveryPoint);
  // The last controlled run's scheduler counts.
  ControlledScheduler::Stats schedule_stats() const {
    return scheduler_.stats();
  }
  // ControlledScheduler::set_skip_quiet_points, for the benchmark that
  // compares it. REQUIRES: no run is under way.
  void set_skip_quiet_points(bool skip) {
    scheduler_.set_skip_quiet_points(skip);
  }

 private:
  void Work(int thread);
  void RunParallelCalls(int thread, uint32_t generation);
  void RunCall(void* object, RecordedCall& call, int thread);

  // Constant after construction.
  const Subject& subject_;
  const int threads_;
  const uint64_t seed_;
  PhaseActivity& activity_;        // synchronises itself
  std::optional<OneCpu> one_cpu_;  // controlled: the CPU the threads share
  const int spins_;                // before a wait sleeps

  // The run the workers are released into: object_, history_, layout_
  // and controlled_ are published by generation_ (release/acquire); each worker writes
  // only its own calls of *history_, read by Run() after done_.
  void* object_ = nullptr;
  std::vector<RecordedCall>* history_ = nullptr;
  const ScenarioLayout* layout_ = nullptr;
  bool controlled_ = false;
  ControlledScheduler scheduler_;
  uint32_t generation_number_ = 0;       // Run()'s thread only
  std::atomic<uint32_t> generation_{0};  // futex words (real::FutexWait)
  std::atomic<uint32_t> done_{0};
  std::atomic<int64_t> ticket_{0};
  std::vector<std::thread> workers_;  // started last
};

}  // namespace racelab::share_internal

#endif  // RACELAB_SHARE_HISTORY_SCENARIO_RUNNER_H_
