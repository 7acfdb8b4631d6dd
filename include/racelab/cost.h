// include/racelab/cost.h
//
// "Which cure is cheapest for MY class?" MayShare() (share.h) says whether
// one instance may be shared; when it may not, racelab::Costs<T> prices
// the ways around it for the same class, with the same declaration:
//
//   const racelab::Operations<TokenClient> kOperations =
//       racelab::Operations<TokenClient>()
//           .Factory([] { return std::make_unique<TokenClient>("svc"); })
//           .Op("Token", &TokenClient::Token, racelab::Range(0, 3));
//
//   TEST(TokenClientTest, OneInstanceMayBeShared) {    // the safety test
//     EXPECT_TRUE(racelab::MayShare(kOperations));
//   }
//
//   // In a Google Benchmark binary (linked with racelab::cost,
//   // benchmark::benchmark_main and, to count allocations,
//   // racelab::cost_allocations):
//   const bool kRegistered = racelab::Costs<TokenClient>("TokenClient",
//                                                        kOperations)
//                                .Wait(std::chrono::microseconds(100))
//                                .Register();
//
// One Google Benchmark family per sharing strategy, over thread counts
// (default 1, 2, 4, ... up to twice the machine's cores), each call one of
// the declared operations in turn, with arguments drawn from their
// generators, followed by the optional simulated wait (spent blocked, as
// a thread waiting for a reply is: the wait is part of the call, so a lock
// held across the call is held across the wait):
//
//   shared_unlocked  one instance, no lock, ONE thread: the reference
//                    (threads x its rate is the ideal); never a cure
//   locked           one instance behind a mutex held across the call
//   per_call         a new instance from the factory for every call
//   copy_per_call    a copy of one prototype for every call (T copyable;
//                    assumes copying is safe while others copy too)
//   per_thread       one instance per thread, made on its first call
//                    (assumes instances share no static state)
//   pool             k instances, each lent to one call at a time
//                    (same assumption)
//   shared_safe      one instance shared by every thread, no lock: only
//                    when asked (SharedSafe()), for a class whose MayShare
//                    test passes; the cheapest way when it is safe
//
// Names: <name>/<strategy>/wait_us:<W>/manual_time/threads:<T>, and the
// calibrations <name>/construction (one factory call), <name>/copy (one
// copy of the prototype, T copyable) and <name>/wait/wait_us:<W> (the
// simulated wait as this machine's sleeps deliver it). Each run's time is
// its wall-clock span; counters: items_per_second (calls per second, all
// threads), p99_us (per-call latency, every 8th call timed; a run too
// short to time a later call: over the threads' first calls),
// first_call_us (a thread's first call, its construction included for
// per_thread), threw_per_call (only if some call threw: results are not
// recorded, so an exception is counted and the call goes on).
// Allocations, opt-in (normal build only): link racelab::cost_allocations
// too, and every family also reports allocs_per_call and
// alloc_bytes_per_call, the operator new calls of one call with what its
// strategy adds (a construction per call, a copy), none of the API's own.
// It replaces the program's global operator new; malloc called directly
// is not counted.
// scripts/bench-report reads the JSON (docs/own-class.md, "Choosing a cure
// for your class"); scripts/bench-compare compares two runs.
//
// Bad input (an empty name, no operation, no factory, a pool of 0, a
// thread count out of 1..1024, a negative wait) throws
// std::invalid_argument from Register() with a message saying which; a
// factory that throws marks that benchmark as errored. CopyPerCall() on a
// class that cannot be copied does not compile.
//
// Thread-safety: build and Register() on one thread (a static initializer
// or main()); the benchmarks call the operations from many threads, each
// call on an instance the strategy lends to that call alone, except
// shared_unlocked, which runs on one thread.

#ifndef RACELAB_INCLUDE_RACELAB_COST_H_
#define RACELAB_INCLUDE_RACELAB_COST_H_

#include <chrono>
#include <exception>
#include <memory>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "benchmark/benchmark.h"
#include "racelab/cost_internal.h"
#include "racelab/operations.h"

namespace racelab {

template <typename T>
class Costs {
 public:
  // REQUIRES (checked by Register()): a name, at least one Op() in
  // `operations`, and a factory (Factory(), or T default-constructible).
  Costs(std::string name, Operations<T> operations)
      : name_(std::move(name)), operations_(std::move(operations)) {}

  // The simulated wait at the end of every call (default none), in whole
  // microseconds; Waits() prices several, each a benchmark of its own.
  Costs& Wait(std::chrono::microseconds wait) { return Waits({wait}); }
  Costs& Waits(std::vector<std::chrono::microseconds> waits) {
    waits_ = std::move(waits);
    return *this;
  }
  // Also price one instance shared by every thread with no lock: ONLY for
  // a class whose MayShare test passes (an immutable class, a fix). It is
  // the cheapest way when it is safe, and a race when it is not.
  Costs& SharedSafe() { return Choose(kSharedSafe); }
  // Thread counts, each 1..1024 (default DefaultThreadCounts()).
  Costs& Threads(std::vector<int> threads) {
    threads_ = std::move(threads);
    return *this;
  }

  // The strategies to price; none chosen: every one the class allows
  // (copy_per_call only if T is copyable, pool of 4).
  Costs& SharedUnlocked() { return Choose(kShared); }
  Costs& Locked() { return Choose(kLocked); }
  Costs& PerCall() { return Choose(kPerCall); }
  Costs& CopyPerCall() {
    static_assert(std::is_copy_constructible_v<T>,
                  "racelab::Costs::CopyPerCall: this class cannot be copied, "
                  "so there is no prototype to copy per call; price "
                  "PerCall() (a new instance from the factory) instead");
    return Choose(kCopy);
  }
  Costs& PerThread() { return Choose(kPerThread); }
  Costs& Pool(int size) {
    pool_size_ = size;
    return Choose(kPool);
  }

  // Registers the families with Google Benchmark. Returns true, so that a
  // static initializer can call it. Throws std::invalid_argument naming
  // what is wrong with the declaration.
  bool Register() {
    const std::vector<int> threads =
        threads_.empty() ? share_internal::DefaultThreadCounts() : threads_;
    const std::string problem = share_internal::CheckDeclaration(
        name_, operations_.recorded().size(), operations_.factory() != nullptr,
        threads, waits_, pool_size_);
    if (!problem.empty()) throw std::invalid_argument(problem);
      // What bench-report states about the measured code's build: the
      // project's own name for it if the benchmark defines
      // RACELAB_BUILD_TYPE (CMake's build type), else whether NDEBUG is.
#if defined(RACELAB_BUILD_TYPE)
    share_internal::NoteBuildType(RACELAB_BUILD_TYPE);
#elif defined(NDEBUG)
    share_internal::NoteBuildType("NDEBUG");
#else
    share_internal::NoteBuildType("no NDEBUG (assertions on)");
#endif
    auto declared = std::make_shared<share_internal::Declared<T>>();
    declared->factory = operations_.factory();
    declared->operations = operations_.recorded();
    declared->pool_size = pool_size_;
    std::vector<int> chosen = chosen_;
    if (chosen.empty()) {
      chosen = {kShared, kLocked, kPerCall, kPerThread, kPool};
      if constexpr (std::is_copy_constructible_v<T>) chosen.push_back(kCopy);
    }
    RegisterCalibrations(declared);
    for (int strategy : chosen) {
      switch (strategy) {
        case kShared:
          Family<share_internal::SharedLender<T>>(declared, "shared_unlocked",
                                                  {1}, 1);
          break;
        case kSharedSafe:
          Family<share_internal::SharedLender<T>>(declared, "shared_safe",
                                                  threads, 1);
          break;
        case kLocked:
          Family<share_internal::LockedLender<T>>(declared, "locked", threads,
                                                  1);
          break;
        case kPerCall:
          Family<share_internal::PerCallLender<T>>(declared, "per_call",
                                                   threads, 1);
          break;
        case kCopy:
          if constexpr (std::is_copy_constructible_v<T>) {
            Family<share_internal::CopyPerCallLender<T>>(
                declared, "copy_per_call", threads, 1);
          }
          break;
        case kPerThread:
          Family<share_internal::PerThreadLender<T>>(declared, "per_thread",
                                                     threads, 0);
          break;
        case kPool:
          Family<share_internal::PoolLender<T>>(declared, "pool", threads,
                                                pool_size_);
          break;
      }
    }
    return true;
  }

 private:
  enum { kShared, kLocked, kPerCall, kCopy, kPerThread, kPool, kSharedSafe };

  Costs& Choose(int strategy) {
    for (int chosen : chosen_) {
      if (chosen == strategy) return *this;
    }
    chosen_.push_back(strategy);
    return *this;
  }

  // `size`: the pool's size; 0 for per_thread (the thread count).
  template <typename L>
  void Family(
      const std::shared_ptr<const share_internal::Declared<T>>& declared,
      const std::string& strategy, const std::vector<int>& threads, int size) {
    auto slot = std::make_shared<share_internal::RunSlot<L>>();
    benchmark::internal::Benchmark* family = benchmark::RegisterBenchmark(
        (name_ + "/" + strategy).c_str(),
        [declared, slot, size](benchmark::State& state) {
          share_internal::MeasureCalls<T, L>(
              state, *declared, *slot, size == 0 ? state.threads() : size);
        });
    family->ArgName("wait_us")->UseManualTime();
    for (std::chrono::microseconds wait : waits_) family->Arg(wait.count());
    for (int count : threads) family->Threads(count);
  }

  void RegisterCalibrations(
      const std::shared_ptr<const share_internal::Declared<T>>& declared) {
    benchmark::RegisterBenchmark(
        (name_ + "/construction").c_str(), [declared](benchmark::State& state) {
          for (auto _ : state) {
            try {
              benchmark::DoNotOptimize(declared->factory());
            } catch (const std::exception& e) {
              state.SkipWithError(
                  (std::string("racelab: the factory threw: ") + e.what())
                      .c_str());
              break;
            }
          }
          state.SetItemsProcessed(state.iterations());
        });
    benchmark::internal::Benchmark* waits = nullptr;
    for (std::chrono::microseconds wait : waits_) {
      if (wait.count() <= 0) continue;
      if (waits == nullptr) {
        waits = benchmark::RegisterBenchmark(
            (name_ + "/wait").c_str(), [](benchmark::State& state) {
              const std::chrono::microseconds wait(state.range(0));
              for (auto _ : state) share_internal::BlockFor(wait);
              state.SetItemsProcessed(state.iterations());
            });
        waits->ArgName("wait_us");
      }
      waits->Arg(wait.count());
    }
    if constexpr (std::is_copy_constructible_v<T>) {
      benchmark::RegisterBenchmark(
          (name_ + "/copy").c_str(), [declared](benchmark::State& state) {
            std::unique_ptr<T> prototype;
            try {
              prototype = declared->factory();
            } catch (const std::exception& e) {
              state.SkipWithError(
                  (std::string("racelab: the factory threw: ") + e.what())
                      .c_str());
              return;
            }
            for (auto _ : state) {
              T copy(*prototype);
              benchmark::DoNotOptimize(copy);
            }
            state.SetItemsProcessed(state.iterations());
          });
    }
  }

  // Constant after construction, set by the builder calls.
  std::string name_;
  Operations<T> operations_;
  std::vector<std::chrono::microseconds> waits_{std::chrono::microseconds(0)};
  std::vector<int> threads_;
  std::vector<int> chosen_;
  int pool_size_ = 4;
};

}  // namespace racelab

#endif  // RACELAB_INCLUDE_RACELAB_COST_H_
