// share/child_main.cc
//
// How the hammer lets races show and keeps TSan honest:
//   - instances of two ages: half the rounds (chosen by the seed) share a
//     fresh instance (lazy initialisation races need one), the other half
//     one long-lived instance that keeps serving calls for the whole run,
//     its call numbers counting on (a race on the N-th call, or on a
//     buffer that fills, needs an instance that has served many calls);
//   - per round and thread, from the seed: a start delay for some threads
//     (a caller that arrives after another has finished a step), yields
//     between calls, and one of three operation mixes (all threads the same
//     operation, each thread its own, or random per call);
//   - a watchdog thread names the operation a hung run is stuck in.

#include "share/child_main.h"

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <utility>

#include "absl/strings/str_cat.h"
#include "base/build_info.h"
#include "base/cpu_affinity.h"
#include "base/split_mix64.h"
#include "share/child/watchdog.h"
#include "share/history/history_phase.h"

namespace racelab::share_internal {
namespace {

constexpr int kSingleThreadRounds = 3;

// Set before main() by a baseline's static initializer, read by the child's
// main thread: no lock needed.
constinit ReplacementHammer replacement_hammer = nullptr;
constexpr int kMaxExamples = 5;

using SteadyClock = std::chrono::steady_clock;

void SpinFor(std::chrono::nanoseconds duration) {
  const SteadyClock::time_point until = SteadyClock::now() + duration;
  while (SteadyClock::now() < until) {
  }
}

// What one worker is doing, for the watchdog (relaxed: no ordering needed).
struct Slot {
  std::atomic<int> op{-1};  // -1: between calls
  std::atomic<int64_t> call{0};
};

class Hammer {
 public:
  // `one_cpu`: every thread of the hammer runs on the same CPU.
  Hammer(const Subject& subject, const ShareOptions& options, uint64_t seed,
         const std::function<bool()>& expectations_failed, bool one_cpu)
      : subject_(subject),
        options_(options),
        seed_(seed),
        expectations_failed_(expectations_failed),
        one_cpu_(one_cpu),
        slots_(options.threads),
        calls_(options.threads, 0),
        long_lived_calls_(options.threads, 0) {}

  ShareChildReport Run() {
    // HangPatience without progress (half the deadline; more under TSan);
    // the parent kills the child only after the hammer's budget, that
    // patience and a margin (share.cc), so the watchdog's report is what it
    // reads.
    Watchdog watchdog(progress_, HangPatience(options_.deadline_ms),
                      [this] { return StuckIn(); });
    if (!SingleThread()) return report_;
    alone_.store(false, std::memory_order_relaxed);
    std::vector<std::thread> workers;
    for (int t = 0; t < options_.threads; ++t) {
      workers.emplace_back([this, t] { Work(t); });
    }
    Coordinate();
    for (std::thread& worker : workers) worker.join();
    for (int64_t calls : calls_) report_.calls += calls;
    return report_;
  }

 private:
  // Phase 1: the class alone on one thread. A failure here is not a race.
  bool SingleThread() {
    for (int round = 0; round < kSingleThreadRounds; ++round) {
      std::shared_ptr<void> object = Make();
      if (object == nullptr) return false;
      const int64_t calls =
          int64_t{options_.calls_per_thread} * subject_.operations.size();
      for (int64_t call = 0; call < calls; ++call) {
        const auto& [name, run] =
            subject_.operations[call % subject_.operations.size()];
        slots_[0].call.store(call, std::memory_order_relaxed);
        slots_[0].op.store(static_cast<int>(call % subject_.operations.size()),
                           std::memory_order_relaxed);
        std::string message = run(object.get(), Call{0, call});
        slots_[0].op.store(-1, std::memory_order_relaxed);
        progress_.fetch_add(1, std::memory_order_relaxed);
        if (message.empty() && expectations_failed_ && expectations_failed_()) {
          message = "an EXPECT/ASSERT failed (its message is above)";
        }
        if (!message.empty()) {
          report_.single_thread_failure =
              absl::StrCat(name, " (call ", call, "): ", message);
          return false;
        }
      }
    }
    return true;
  }

  std::shared_ptr<void> Make() {
    try {
      std::shared_ptr<void> object = subject_.make();
      if (object == nullptr) report_.factory_failure = "it returned null";
      return object;
    } catch (const std::exception& e) {
      report_.factory_failure = absl::StrCat("it threw: ", e.what());
    } catch (...) {
      report_.factory_failure = "it threw a non-std exception";
    }
    return nullptr;
  }

  void Coordinate() {
    const SteadyClock::time_point budget_end =
        SteadyClock::now() +
        std::chrono::milliseconds(options_.deadline_ms) / 2;
    SplitMix64 schedule(seed_ ^ 0x5851F42D4C957F2DULL);
    std::shared_ptr<void> long_lived;
    std::shared_ptr<void> fresh;
    int64_t round = 0;
    for (; round < options_.rounds && SteadyClock::now() < budget_end;
         ++round) {
      const bool use_long_lived = schedule() % 2 == 0;
      fresh.reset();  // the last fresh one dies before the next is made
      std::shared_ptr<void>& object = use_long_lived ? long_lived : fresh;
      if (object == nullptr) {
        object = Make();
        if (object == nullptr) break;
        ++report_.instances;
      }
      current_ = object.get();
      current_is_long_lived_ = use_long_lived;
      ready_.store(0, std::memory_order_relaxed);
      round_.store(round, std::memory_order_release);  // publishes current_
      while (ready_.load(std::memory_order_relaxed) < options_.threads) {
        std::this_thread::yield();
      }
      go_.store(round, std::memory_order_relaxed);  // no happens-before
      const int64_t all_done = (round + 1) * options_.threads;
      while (done_.load(std::memory_order_acquire) < all_done) {
        std::this_thread::yield();
      }
      // Every worker's calls happen before the instance is destroyed (at
      // the next Make() or here at the end).
    }
    report_.rounds = round;
    round_.store(kStop, std::memory_order_release);
  }

  void Work(int thread) {
    for (int64_t round = 0;; ++round) {
      int64_t published;
      while ((published = round_.load(std::memory_order_acquire)) < round &&
             published != kStop) {
        std::this_thread::yield();
      }
      if (published == kStop) return;
      void* const object = current_;
      // Call numbers count on over the long-lived instance's rounds.
      int64_t first_call = 0;
      if (current_is_long_lived_) {
        first_call = long_lived_calls_[thread];
        long_lived_calls_[thread] += options_.calls_per_thread;
      }
      ready_.fetch_add(1, std::memory_order_relaxed);
      while (go_.load(std::memory_order_relaxed) < round) {
        std::this_thread::yield();  // no happens-before: sched_yield
      }
      Round(thread, round, object, first_call);
      done_.fetch_add(1, std::memory_order_release);
    }
  }

  void Round(int thread, int64_t round, void* object, int64_t first_call) {
    SplitMix64 rng(seed_ ^ (uint64_t(round) * 0x9E3779B97F4A7C15ULL) ^
                   (uint64_t(thread) << 48));
    SplitMix64 round_rng(seed_ ^ (uint64_t(round) * 0xC2B2AE3D27D4EB4FULL));
    const size_t ops = subject_.operations.size();
    const int mix = static_cast<int>(round_rng() % 3);  // same for all threads
    const size_t shared_op = round_rng() % ops;
    // A late starter arrives after others have run some calls. On one CPU
    // a spin would only hold the CPU the others need: it gives way instead.
    if (rng() % 3 == 0) {
      // Drawn on one CPU too: the round's later draws stay the same.
      const std::chrono::microseconds late(rng() % 100);
      if (one_cpu_) {
        std::this_thread::yield();
      } else {
        SpinFor(late);
      }
    }
    Slot& slot = slots_[thread];
    for (int64_t call = 0; call < options_.calls_per_thread; ++call) {
      const size_t op = mix == 0   ? shared_op
                        : mix == 1 ? (thread + call) % ops
                                   : rng() % ops;
      if (rng() % 4 == 0) std::this_thread::yield();
      slot.call.store(first_call + call, std::memory_order_relaxed);
      slot.op.store(static_cast<int>(op), std::memory_order_relaxed);
      const auto& [name, run] = subject_.operations[op];
      const std::string message = run(object, Call{thread, first_call + call});
      slot.op.store(-1, std::memory_order_relaxed);
      progress_.fetch_add(1, std::memory_order_relaxed);
      ++calls_[thread];
      if (!message.empty()) {
        RecordWrong(name, thread, first_call + call, message);
      }
    }
  }

  void RecordWrong(const std::string& name, int thread, int64_t call,
                   const std::string& message) {
    std::lock_guard<std::mutex> lock(mu_);
    ++report_.wrong;
    if (report_.examples.size() < kMaxExamples) {
      report_.examples.push_back(absl::StrCat(name, " (thread ", thread,
                                              ", call ", call, "): ", message));
    }
  }

  // What a stuck run is in, for the watchdog.
  std::string StuckIn() const {
    const bool alone = alone_.load(std::memory_order_relaxed);
    for (size_t t = 0; t < slots_.size(); ++t) {
      const int op = slots_[t].op.load(std::memory_order_relaxed);
      if (op < 0) continue;
      const int64_t call = slots_[t].call.load(std::memory_order_relaxed);
      return alone ? absl::StrCat(subject_.operations[op].first,
                                  ", called alone on one thread (call ", call,
                                  "): it blocks when no other thread runs")
                   : absl::StrCat(subject_.operations[op].first, " (thread ", t,
                                  ", call ", call, ")");
    }
    return "the factory or between calls";
  }

  static constexpr int64_t kStop = INT64_MAX;

  // Constant after construction.
  const Subject& subject_;
  const ShareOptions& options_;
  const uint64_t seed_;
  const std::function<bool()>& expectations_failed_;
  const bool one_cpu_;

  // Published by the coordinator with round_ (release/acquire).
  void* current_ = nullptr;
  bool current_is_long_lived_ = false;
  std::atomic<int64_t> round_{-1};
  std::atomic<int> ready_{0};
  std::atomic<int64_t> go_{-1};
  std::atomic<int64_t> done_{0};
  std::atomic<int64_t> progress_{0};
  std::atomic<bool> alone_{true};  // the single-thread phase is running
  std::vector<Slot> slots_;
  // Written by one worker each; read after join.
  std::vector<int64_t> calls_;
  std::vector<int64_t> long_lived_calls_;

  std::mutex mu_;
  ShareChildReport report_;  // examples and wrong guarded by mu_ while running
};

}  // namespace

void SetReplacementHammer(ReplacementHammer hammer) {
  replacement_hammer = hammer;
}

ChildExit RunShareChild(const Subject& subject, const ShareOptions& options,
                        uint64_t seed,
                        const std::function<bool()>& expectations_failed) {
  ShareChildReport report;
  if (replacement_hammer != nullptr) {
    report = replacement_hammer(subject, options);
  } else {
    {
      // Under TSan the hammer runs on ONE CPU. TSan needs no simultaneity:
      // two accesses without a happens-before edge are a race whenever they
      // happen. Simultaneity only lets a race corrupt the object mid-call
      // and kill the process before TSan's report is out (docs/detection.md,
      // section 7: the seed's client at 8 and 16 threads, 37/50 and 36/50
      // reported on two cores, 50/50 and 50/50 on one). On one CPU the
      // threads still interleave, at the yields and late starts the seed
      // chooses and at the OS's preemptions. The CPU set comes back before
      // the history phase, whose free-running schedule ("os") needs real
      // parallelism (an operation interrupted between two locked sections;
      // on one CPU that takes a timer preemption) and whose controlled one
      // picks a CPU of its own (scenario_runner.h). The CPU is the one the
      // thread runs on now (base/cpu_affinity.h), so that two tests side by
      // side (ctest -j2) land on different CPUs.
      std::optional<OneCpu> one_cpu;
      if (IsTsanBuild()) one_cpu.emplace();
      Hammer hammer(subject, options, seed, expectations_failed,
                    one_cpu.has_value() && one_cpu->pinned());
      report = hammer.Run();
    }
    if (report.factory_failure.empty() &&
        report.single_thread_failure.empty() && report.wrong == 0) {
      HistoryPhaseReport history = RunHistoryPhase(subject, options, seed);
      report.history = std::move(history.outcome);
      if (!history.factory_failure.empty()) {
        report.factory_failure = history.factory_failure;
      }
    }
  }
  // An operation may check its result with gtest's EXPECT macros instead
  // of returning a message: a failed one counts as a wrong result.
  if (report.single_thread_failure.empty() && expectations_failed &&
      expectations_failed()) {
    ++report.wrong;
    report.examples.push_back(
        "an EXPECT/ASSERT in an operation failed (its message is above)");
  }
  std::fputs(FormatShareChildReport(report).c_str(), stdout);
  std::fflush(stdout);
  return ChildExitFor(report);
}

}  // namespace racelab::share_internal
