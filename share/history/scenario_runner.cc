// share/history/scenario_runner.cc

#include "share/history/scenario_runner.h"

#include <climits>

#include "absl/strings/str_cat.h"
#include "base/check.h"
#include "share/control/real_functions.h"
#include "share/control/switch_points.h"

namespace racelab::share_internal {
namespace {

constexpr uint32_t kStop = 0xFFFFFFFF;
// A free-running waiting thread spins this long (about 20-100 us), then
// sleeps.
constexpr int kSpinsBeforeSleeping = 2000;
// A worker steps aside after one unlock in kSwitchOneIn, for at most
// kSwitchMaxPauseUs (measured: docs/own-class.md).
constexpr int kSwitchOneIn = 3;
constexpr int kSwitchMaxPauseUs = 100;

inline void CpuRelax() {
#if defined(__x86_64__) || defined(__i386__)
  __builtin_ia32_pause();
#endif
}

// Waits while `word` holds `value`: spins `spins` times, then sleeps on the
// futex word. Returns the value it then holds. (Not std::atomic::wait:
// libstdc++ spins with sched_yield before it sleeps, and a yield beside a
// busy process gives that process the CPU for its whole time slice,
// milliseconds.)
uint32_t WaitWhile(std::atomic<uint32_t>& word, uint32_t value, int spins) {
  for (int i = 0;; ++i) {
    const uint32_t now = word.load(std::memory_order_acquire);
    if (now != value) return now;
    if (i < spins) {
      CpuRelax();
    } else {
      real::FutexWait(word, value, nullptr);
    }
  }
}

}  // namespace

ScenarioRunner::ScenarioRunner(const Subject& subject, int threads,
                               uint64_t seed, PhaseActivity& activity,
                               bool controlled)
    : subject_(subject),
      threads_(threads),
      seed_(seed),
      activity_(activity),
      one_cpu_(controlled ? std::make_optional<OneCpu>() : std::nullopt),
      spins_(one_cpu_.has_value() && one_cpu_->pinned()
                 ? 0
                 : kSpinsBeforeSleeping) {
  RACELAB_CHECK(threads >= 2, "a scenario runs on at least two threads");
  const int cpu = one_cpu_.has_value() ? one_cpu_->cpu() : -1;
  for (int t = 1; t < threads; ++t) {
    workers_.emplace_back([this, t, cpu] {
      if (cpu >= 0) RunOnCpu(cpu);
      Work(t);
    });
  }
}

ScenarioRunner::~ScenarioRunner() {
  generation_.store(kStop, std::memory_order_release);
  real::FutexWake(generation_, INT_MAX);
  for (std::thread& worker : workers_) worker.join();
}

void ScenarioRunner::Run(const Scenario& scenario, void* object,
                         std::vector<RecordedCall>& history,
                         const SchedulePolicy* policy, PointKinds kinds) {
  const ScenarioLayout layout = LayoutOf(scenario);
  for (size_t i = 0; i < layout.prefix_end; ++i) {
    RunCall(object, history[i], -1);
  }
  object_ = object;
  history_ = &history;
  layout_ = &layout;
  controlled_ = policy != nullptr;
  if (controlled_) scheduler_.Begin(threads_, *policy, kinds);
  done_.store(0, std::memory_order_relaxed);
  if (++generation_number_ == kStop) generation_number_ = 1;
  generation_.store(generation_number_, std::memory_order_release);
  real::FutexWake(generation_, INT_MAX);
  RunParallelCalls(0, generation_number_);
  const uint32_t others = static_cast<uint32_t>(threads_ - 1);
  for (uint32_t done = done_.load(std::memory_order_acquire); done < others;) {
    done = WaitWhile(done_, done, spins_);
  }
  for (size_t i = layout.suffix_begin; i < history.size(); ++i) {
    RunCall(object, history[i], -1);
  }
}

void ScenarioRunner::Work(int thread) {
  uint32_t seen = 0;
  for (;;) {
    const uint32_t generation = WaitWhile(generation_, seen, spins_);
    if (generation == kStop) return;
    seen = generation;
    RunParallelCalls(thread, generation);
    done_.fetch_add(1, std::memory_order_acq_rel);
    real::FutexWake(done_, 1);
  }
}

// One thread's calls of the parallel part: under the controlled scheduler,
// or with forced switch points chosen anew per run from the seed. Either
// way a call may be interrupted between two of its locked sections.
void ScenarioRunner::RunParallelCalls(int thread, uint32_t generation) {
  const auto [begin, end] = layout_->threads[thread];
  if (controlled_) {
    scheduler_.Attach(thread);
    for (size_t i = begin; i < end; ++i) {
      RunCall(object_, (*history_)[i], thread);
    }
    scheduler_.Detach();
    return;
  }
  EnableSwitchPoints(seed_ ^ (uint64_t(generation) * 0x9E3779B97F4A7C15ULL) ^
                         (uint64_t(thread + 1) << 56),
                     kSwitchOneIn, kSwitchMaxPauseUs);
  for (size_t i = begin; i < end; ++i) {
    RunCall(object_, (*history_)[i], thread);
  }
  DisableSwitchPoints();
}

void ScenarioRunner::RunCall(void* object, RecordedCall& call, int thread) {
  activity_.thread.store(thread, std::memory_order_relaxed);
  activity_.op.store(call.op, std::memory_order_relaxed);
  call.start = ticket_.fetch_add(1, std::memory_order_seq_cst);
  call.observed = subject_.recorded[call.op].run(object, call.args, call.call);
  call.end = ticket_.fetch_add(1, std::memory_order_seq_cst);
  activity_.op.store(-1, std::memory_order_relaxed);
  activity_.progress.fetch_add(1, std::memory_order_relaxed);
}

std::string StuckIn(const PhaseActivity& doing, const Subject& subject) {
  const int op = doing.op.load(std::memory_order_relaxed);
  const int thread = doing.thread.load(std::memory_order_relaxed);
  const int64_t scenario = doing.scenario.load(std::memory_order_relaxed);
  if (op < 0) {
    return absl::StrCat(
        "the factory or between calls (history check, scenario ", scenario,
        ")");
  }
  if (doing.replaying.load(std::memory_order_relaxed)) {
    return absl::StrCat(
        subject.recorded[op].name,
        ", replayed alone on one thread (history check, scenario ", scenario,
        "): it blocks when no other thread runs, so its histories cannot "
        "be checked by one-at-a-time replays");
  }
  return absl::StrCat(
      subject.recorded[op].name, " (history check, scenario ", scenario,
      thread < 0 ? ", alone" : absl::StrCat(", thread ", thread), ")");
}

}  // namespace racelab::share_internal
