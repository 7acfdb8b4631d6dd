// share/history/scenario_runner.cc

#include "share/history/scenario_runner.h"

#include "absl/strings/str_cat.h"
#include "base/check.h"
#include "share/history/switch_points.h"

namespace racelab::share_internal {
namespace {

constexpr int64_t kStop = -1;
// A waiting thread spins this long (about 20-100 us), then sleeps.
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

}  // namespace

ScenarioRunner::ScenarioRunner(const Subject& subject, int threads,
                               uint64_t seed, PhaseActivity& activity)
    : subject_(subject), threads_(threads), seed_(seed), activity_(activity) {
  RACELAB_CHECK(threads >= 2, "a scenario runs on at least two threads");
  for (int t = 1; t < threads; ++t) {
    workers_.emplace_back([this, t] { Work(t); });
  }
}

ScenarioRunner::~ScenarioRunner() {
  generation_.store(kStop, std::memory_order_release);
  generation_.notify_all();
  for (std::thread& worker : workers_) worker.join();
}

void ScenarioRunner::Run(const Scenario& scenario, void* object,
                         std::vector<RecordedCall>& history,
                         const SchedulePolicy* policy) {
  const ScenarioLayout layout = LayoutOf(scenario);
  for (size_t i = 0; i < layout.prefix_end; ++i) {
    RunCall(object, history[i], -1);
  }
  object_ = object;
  history_ = &history;
  layout_ = &layout;
  controlled_ = policy != nullptr;
  if (controlled_) scheduler_.Begin(threads_, *policy);
  done_.store(0, std::memory_order_relaxed);
  generation_.store(++generation_number_, std::memory_order_release);
  generation_.notify_all();
  RunParallelCalls(0, generation_number_);
  const int others = threads_ - 1;
  for (int spins = 0;; ++spins) {
    const int done = done_.load(std::memory_order_acquire);
    if (done >= others) break;
    if (spins < kSpinsBeforeSleeping) {
      CpuRelax();
    } else {
      done_.wait(done, std::memory_order_acquire);
    }
  }
  for (size_t i = layout.suffix_begin; i < history.size(); ++i) {
    RunCall(object, history[i], -1);
  }
}

void ScenarioRunner::Work(int thread) {
  int64_t seen = 0;
  for (;;) {
    int64_t generation;
    for (int spins = 0;
         (generation = generation_.load(std::memory_order_acquire)) == seen;
         ++spins) {
      if (spins < kSpinsBeforeSleeping) {
        CpuRelax();
      } else {
        generation_.wait(seen, std::memory_order_acquire);
      }
    }
    if (generation == kStop) return;
    seen = generation;
    RunParallelCalls(thread, generation);
    done_.fetch_add(1, std::memory_order_acq_rel);
    done_.notify_one();
  }
}

// One thread's calls of the parallel part: under the controlled scheduler,
// or with forced switch points chosen anew per run from the seed. Either
// way a call may be interrupted between two of its locked sections.
void ScenarioRunner::RunParallelCalls(int thread, int64_t generation) {
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
