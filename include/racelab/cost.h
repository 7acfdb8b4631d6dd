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
//   // In a Google Benchmark binary (linked with racelab::cost and
//   // benchmark::benchmark_main):
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
// simulated wait as this machine's sleeps deliver it). Each run's time is its wall-clock
// span; counters: items_per_second (calls per second, all threads),
// p99_us (per-call latency, every 8th call timed), first_call_us (a
// thread's first call, its construction included for per_thread).
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

#include <barrier>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <random>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "benchmark/benchmark.h"
#include "racelab/operations.h"

namespace racelab {

namespace cost_internal {

// Compiled in share/cost/ (racelab::cost).

// Blocks the calling thread for `wait` (never spins; the thread's timer
// slack set to 1 ns on its first wait, as a reply from the network is not
// rounded up).
void BlockFor(std::chrono::nanoseconds wait);

// Adds the build type of the code being measured to Google Benchmark's
// context (key racelab_build_type), once per process.
void NoteBuildType(const char* build_type);

// 1, 2, 4, ... up to twice the machine's cores (at least 1, 2, 4).
std::vector<int> DefaultThreadCounts();

// "" if the declaration can be registered, else what is wrong with it.
std::string CheckDeclaration(
    const std::string& name, size_t operations, bool has_factory,
    const std::vector<int>& threads,
    const std::vector<std::chrono::microseconds>& waits, int pool_size);

// What the threads of one benchmark run share: the run's wall-clock span,
// the sampled latencies and first calls, and a barrier that makes every
// thread's part visible before any reports. Thread-safe.
class RunRecord {
 public:
  explicit RunRecord(int threads);
  RunRecord(const RunRecord&) = delete;
  RunRecord& operator=(const RunRecord&) = delete;
  ~RunRecord();

  // Adds one thread's part, then waits for every thread's.
  void AddAndWait(std::chrono::steady_clock::time_point started,
                  std::chrono::steady_clock::time_point ended,
                  std::vector<std::chrono::nanoseconds> latencies,
                  std::chrono::nanoseconds first_call);

  // After AddAndWait(): the run's span, the p99 of the sampled latencies
  // and the mean first call, in seconds and microseconds.
  double SpanSeconds() const;
  double P99Micros() const;
  double FirstCallMicros() const;

 private:
  struct Parts;
  std::unique_ptr<Parts> parts_;
};

// Reports one thread's results on `state` (time, items, counters).
void Report(benchmark::State& state, const RunRecord& record);

// The arguments drawn for each thread's calls, in turn: kRing sets per
// operation, drawn before the timed loop from a generator seeded by the
// thread's index.
inline constexpr int kRing = 64;
// Every kLatencySample-th call is timed for p99_us.
inline constexpr int64_t kLatencySample = 8;

// How a strategy lends instances during one run. Each has
// `template <F> void Lend(int thread, F&& call)`, calling call(T&) on the
// instance it lends to that call; Make() may throw (the factory's error).
template <typename T>
using Factory = std::function<std::unique_ptr<T>()>;

template <typename T>
class SharedLender {  // one instance, no lock (shared_unlocked, shared_safe)
 public:
  explicit SharedLender(const Factory<T>& factory, int) : one_(factory()) {}
  template <typename F>
  void Lend(int, F&& call) {
    call(*one_);
  }

 private:
  const std::unique_ptr<T> one_;
};

template <typename T>
class LockedLender {
 public:
  explicit LockedLender(const Factory<T>& factory, int) : one_(factory()) {}
  template <typename F>
  void Lend(int, F&& call) {
    std::lock_guard<std::mutex> lock(mu_);
    call(*one_);
  }

 private:
  std::mutex mu_;
  const std::unique_ptr<T> one_;  // used only with mu_ held
};

template <typename T>
class PerCallLender {
 public:
  explicit PerCallLender(const Factory<T>& factory, int) : factory_(factory) {}
  template <typename F>
  void Lend(int, F&& call) {
    const std::unique_ptr<T> fresh = factory_();
    call(*fresh);
  }

 private:
  const Factory<T> factory_;
};

template <typename T>
class CopyPerCallLender {
 public:
  explicit CopyPerCallLender(const Factory<T>& factory, int)
      : prototype_(factory()) {}
  template <typename F>
  void Lend(int, F&& call) {
    T copy(*prototype_);  // copies of one prototype, made concurrently
    call(copy);
  }

 private:
  const std::unique_ptr<const T> prototype_;
};

template <typename T>
class PerThreadLender {
 public:
  PerThreadLender(const Factory<T>& factory, int threads)
      : factory_(factory), mine_(threads) {}
  template <typename F>
  void Lend(int thread, F&& call) {
    std::unique_ptr<T>& mine = mine_[thread];  // only `thread` touches it
    if (mine == nullptr) mine = factory_();
    call(*mine);
  }

 private:
  const Factory<T> factory_;
  std::vector<std::unique_ptr<T>> mine_;
};

template <typename T>
class PoolLender {
 public:
  PoolLender(const Factory<T>& factory, int size) {
    for (int i = 0; i < size; ++i) idle_.push_back(factory());
  }
  template <typename F>
  void Lend(int, F&& call) {
    std::unique_ptr<T> lent;
    {
      std::unique_lock<std::mutex> lock(mu_);
      returned_.wait(lock, [this] { return !idle_.empty(); });
      lent = std::move(idle_.back());
      idle_.pop_back();
    }
    call(*lent);
    {
      std::lock_guard<std::mutex> lock(mu_);
      idle_.push_back(std::move(lent));
    }
    returned_.notify_one();
  }

 private:
  std::mutex mu_;
  std::condition_variable returned_;
  std::vector<std::unique_ptr<T>> idle_;  // guarded by mu_
};

// What one benchmark family needs; shared by its runs. Constant.
template <typename T>
struct Declared {
  Factory<T> factory;
  std::vector<share_internal::RecordedOperation> operations;
  int pool_size = 4;
};

// The lender and record of the run in progress (threads of one run share
// them; the next run makes its own).
template <typename L>
struct RunSlot {
  std::mutex mu;
  std::shared_ptr<L> lender;          // guarded by mu
  std::shared_ptr<RunRecord> record;  // guarded by mu
  std::string error;                  // guarded by mu
  int users = 0;                      // guarded by mu
};

template <typename T, typename L>
void MeasureCalls(benchmark::State& state, const Declared<T>& declared,
                  RunSlot<L>& slot, int lender_size) {
  std::shared_ptr<L> lender;
  std::shared_ptr<RunRecord> record;
  {
    std::lock_guard<std::mutex> lock(slot.mu);
    if (slot.users++ == 0) {
      slot.error.clear();
      slot.record = std::make_shared<RunRecord>(state.threads());
      try {
        slot.lender = std::make_shared<L>(declared.factory, lender_size);
      } catch (const std::exception& e) {
        slot.error = std::string("racelab: the factory threw: ") + e.what();
      } catch (...) {
        slot.error = "racelab: the factory threw a non-std::exception";
      }
    }
    lender = slot.lender;
    record = slot.record;
    if (!slot.error.empty()) state.SkipWithError(slot.error.c_str());
  }
  // Every thread of a run goes through the loop, even with no iteration to
  // do: Google Benchmark's start and stop barriers count them all. So no
  // thread leaves (and no slot is reset) before every thread has arrived.
  if (lender == nullptr) {
    for (auto _ : state) {
    }
    std::lock_guard<std::mutex> lock(slot.mu);
    if (--slot.users == 0) slot.record.reset();
    return;
  }
  const int thread = state.thread_index();
  const std::chrono::microseconds wait(state.range(0));
  std::mt19937_64 random(0x9e3779b97f4a7c15ULL + thread);
  std::vector<std::vector<share_internal::Arguments>> ring(
      declared.operations.size());
  for (size_t op = 0; op < ring.size(); ++op) {
    for (int i = 0; i < kRing; ++i) {
      ring[op].push_back(declared.operations[op].draw(random));
    }
  }
  std::vector<std::chrono::nanoseconds> latencies;
  std::chrono::nanoseconds first_call{0};
  std::chrono::steady_clock::time_point started =
      std::chrono::steady_clock::now();
  int64_t number = 0;
  size_t op = 0;
  int slot_in_ring = 0;
  // A factory that throws inside the loop (per_call, per_thread) ends the
  // measuring: the rest of the iterations do nothing, and the benchmark is
  // marked as errored after the loop, every thread having left it.
  std::string failure;
  for (auto _ : state) {
    if (!failure.empty()) continue;
    const bool timed = number == 0 || number % kLatencySample == 0;
    const auto before = std::chrono::steady_clock::now();
    if (number == 0) started = before;
    const Call call{thread, number};
    try {
      lender->Lend(thread, [&](T& object) {
        benchmark::DoNotOptimize(
            declared.operations[op].run(&object, ring[op][slot_in_ring], call));
        if (wait.count() > 0) BlockFor(wait);
      });
    } catch (const std::exception& e) {  // only the factory throws here
      failure = std::string("racelab: the factory threw: ") + e.what();
      continue;
    } catch (...) {
      failure = "racelab: the factory threw a non-std::exception";
      continue;
    }
    if (timed) {
      const auto took = std::chrono::steady_clock::now() - before;
      if (number == 0) {
        first_call = took;
      } else {
        latencies.push_back(took);
      }
    }
    ++number;
    if (++op == ring.size()) {
      op = 0;
      if (++slot_in_ring == kRing) slot_in_ring = 0;
    }
  }
  record->AddAndWait(started, std::chrono::steady_clock::now(),
                     std::move(latencies), first_call);
  state.SetItemsProcessed(number);
  if (!failure.empty()) {
    state.SkipWithError(failure.c_str());
  } else {
    Report(state, *record);
  }
  std::lock_guard<std::mutex> lock(slot.mu);
  if (--slot.users == 0) {
    slot.lender.reset();
    slot.record.reset();
  }
}

}  // namespace cost_internal

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
        threads_.empty() ? cost_internal::DefaultThreadCounts() : threads_;
    const std::string problem = cost_internal::CheckDeclaration(
        name_, operations_.recorded().size(), operations_.factory() != nullptr,
        threads, waits_, pool_size_);
    if (!problem.empty()) throw std::invalid_argument(problem);
      // What bench-report states about the measured code's build.
#ifdef NDEBUG
    cost_internal::NoteBuildType("NDEBUG");
#else
    cost_internal::NoteBuildType("no NDEBUG (assertions on)");
#endif
    auto declared = std::make_shared<cost_internal::Declared<T>>();
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
          Family<cost_internal::SharedLender<T>>(declared, "shared_unlocked",
                                                 {1}, 1);
          break;
        case kSharedSafe:
          Family<cost_internal::SharedLender<T>>(declared, "shared_safe",
                                                 threads, 1);
          break;
        case kLocked:
          Family<cost_internal::LockedLender<T>>(declared, "locked", threads,
                                                 1);
          break;
        case kPerCall:
          Family<cost_internal::PerCallLender<T>>(declared, "per_call", threads,
                                                  1);
          break;
        case kCopy:
          if constexpr (std::is_copy_constructible_v<T>) {
            Family<cost_internal::CopyPerCallLender<T>>(
                declared, "copy_per_call", threads, 1);
          }
          break;
        case kPerThread:
          Family<cost_internal::PerThreadLender<T>>(declared, "per_thread",
                                                    threads, 0);
          break;
        case kPool:
          Family<cost_internal::PoolLender<T>>(declared, "pool", threads,
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
  void Family(const std::shared_ptr<const cost_internal::Declared<T>>& declared,
              const std::string& strategy, const std::vector<int>& threads,
              int size) {
    auto slot = std::make_shared<cost_internal::RunSlot<L>>();
    benchmark::internal::Benchmark* family = benchmark::RegisterBenchmark(
        (name_ + "/" + strategy).c_str(),
        [declared, slot, size](benchmark::State& state) {
          cost_internal::MeasureCalls<T, L>(state, *declared, *slot,
                                            size == 0 ? state.threads() : size);
        });
    family->ArgName("wait_us")->UseManualTime();
    for (std::chrono::microseconds wait : waits_) family->Arg(wait.count());
    for (int count : threads) family->Threads(count);
  }

  void RegisterCalibrations(
      const std::shared_ptr<const cost_internal::Declared<T>>& declared) {
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
              for (auto _ : state) cost_internal::BlockFor(wait);
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
