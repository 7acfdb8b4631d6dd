// include/racelab/cost_internal.h
//
// The machinery behind racelab::Costs<T> (racelab/cost.h): how each
// strategy lends instances during one benchmark run, and the per-thread
// measuring loop. Not for users to call; the compiled part is in
// share/cost/cost.cc. Thread-safety: each lender is shared by the threads
// of one run and lends an instance to one call at a time (except the
// unlocked shared one, which the caller runs on one thread or only for a
// class MayShare passes).

#ifndef RACELAB_INCLUDE_RACELAB_COST_INTERNAL_H_
#define RACELAB_INCLUDE_RACELAB_COST_INTERNAL_H_

#include <barrier>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "benchmark/benchmark.h"
#include "racelab/operations.h"

namespace racelab {

namespace share_internal {

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
  // (of the first calls, if no later call was sampled) and the mean first
  // call, in seconds and microseconds.
  double SpanSeconds() const;
  double P99Micros() const;
  double FirstCallMicros() const;

 private:
  struct Parts;
  std::unique_ptr<Parts> parts_;
};

// Operator new calls and the bytes they asked for.
struct Allocations {
  int64_t count = 0;
  int64_t bytes = 0;

  Allocations operator-(const Allocations& other) const {
    return {count - other.count, bytes - other.bytes};
  }
};

// Reads the calling thread's totals so far.
using AllocationReader = Allocations (*)();

// Installed by racelab::cost_allocations (share/cost/allocation_counter.cc)
// before main(), if it is linked; null otherwise. Thread-compatible: set
// once before any benchmark thread starts.
void CountAllocationsWith(AllocationReader reader);
AllocationReader CountingAllocations();

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

// The run's lender and record, made by the first thread of a run to
// arrive (the lender is null, and the benchmark marked as errored, if the
// factory threw).
template <typename T, typename L>
std::pair<std::shared_ptr<L>, std::shared_ptr<RunRecord>> LeaseSlot(
    benchmark::State& state, const Declared<T>& declared, RunSlot<L>& slot,
    int lender_size) {
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
  if (!slot.error.empty()) state.SkipWithError(slot.error.c_str());
  return {slot.lender, slot.record};
}

// The last thread of a run to leave lets the run's lender and record go.
template <typename L>
void ReleaseSlot(RunSlot<L>& slot) {
  std::lock_guard<std::mutex> lock(slot.mu);
  if (--slot.users == 0) {
    slot.lender.reset();
    slot.record.reset();
  }
}

// kRing arguments per operation, drawn before the loop from this thread's
// own seed: the loop only picks them.
template <typename T>
std::vector<std::vector<Arguments>> ArgumentRing(const Declared<T>& declared,
                                                 int thread) {
  std::mt19937_64 random(0x9e3779b97f4a7c15ULL + thread);
  std::vector<std::vector<Arguments>> ring(declared.operations.size());
  for (size_t op = 0; op < ring.size(); ++op) {
    for (int i = 0; i < kRing; ++i) {
      ring[op].push_back(declared.operations[op].draw(random));
    }
  }
  return ring;
}

// Per-call counters beside the time: allocations (when counted) and calls
// that threw (share/cost/cost.cc).
void SetCallCounters(benchmark::State& state,
                     const AllocationReader& allocations,
                     const Allocations& allocated_before, int64_t threw);

// One call of `operation` on an instance the lender lends, then `wait`;
// a call that throws counts in `threw`. Returns "" or, if the lender's
// factory threw (only it can: the call's own exceptions are caught), the
// message to end the measuring with.
template <typename T, typename L>
std::string LendOneCall(L& lender, const RecordedOperation& operation,
                        const Arguments& arguments, const Call& call,
                        std::chrono::microseconds wait, int64_t& threw) {
  try {
    lender.Lend(call.thread, [&](T& object) {
      if (!operation.call_unrecorded(&object, arguments, call)) ++threw;
      if (wait.count() > 0) BlockFor(wait);
    });
  } catch (const std::exception& e) {
    return std::string("racelab: the factory threw: ") + e.what();
  } catch (...) {
    return "racelab: the factory threw a non-std::exception";
  }
  return std::string();
}

template <typename T, typename L>
void MeasureCalls(benchmark::State& state, const Declared<T>& declared,
                  RunSlot<L>& slot, int lender_size) {
  const auto [lender, record] = LeaseSlot(state, declared, slot, lender_size);
  // Every thread of a run goes through the loop, even with no iteration to
  // do: Google Benchmark's start and stop barriers count them all. So no
  // thread leaves (and no slot is reset) before every thread has arrived.
  if (lender == nullptr) {
    for (auto _ : state) {
    }
    ReleaseSlot(slot);
    return;
  }
  const int thread = state.thread_index();
  const std::chrono::microseconds wait(state.range(0));
  const std::vector<std::vector<Arguments>> ring =
      ArgumentRing(declared, thread);
  std::vector<std::chrono::nanoseconds> latencies;
  // Google Benchmark fixes the iterations before the loop: reserving here
  // keeps the loop's own allocations out of the count.
  latencies.reserve(static_cast<size_t>(state.max_iterations / kLatencySample) +
                    2);
  std::chrono::nanoseconds first_call{0};
  int64_t threw = 0;
  const AllocationReader allocations = CountingAllocations();
  const Allocations allocated_before =
      allocations != nullptr ? allocations() : Allocations{};
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
    failure =
        LendOneCall<T>(*lender, declared.operations[op], ring[op][slot_in_ring],
                       Call{thread, number}, wait, threw);
    if (!failure.empty()) continue;
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
  const auto ended = std::chrono::steady_clock::now();
  SetCallCounters(state, allocations, allocated_before, threw);
  record->AddAndWait(started, ended, std::move(latencies), first_call);
  state.SetItemsProcessed(number);
  if (!failure.empty()) {
    state.SkipWithError(failure.c_str());
  } else {
    Report(state, *record);
  }
  ReleaseSlot(slot);
}

}  // namespace share_internal

}  // namespace racelab

#endif  // RACELAB_INCLUDE_RACELAB_COST_INTERNAL_H_
