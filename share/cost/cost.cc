// share/cost/cost.cc
//
// The compiled part of racelab::Costs<T> (include/racelab/cost.h): the
// simulated wait, the default thread counts, the declaration's checks and
// the record one benchmark run's threads share.

#include <sys/prctl.h>
#include <time.h>

#include <algorithm>
#include <barrier>
#include <cerrno>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "base/std_mutex.h"
#include "racelab/cost_internal.h"

namespace racelab::share_internal {

namespace {

constexpr int kMaxThreads = 1024;
constexpr int kMaxPool = 1024;

// Constant-initialised: CountAllocationsWith may run in any static
// initializer.
constinit AllocationReader allocation_reader = nullptr;

}  // namespace

void CountAllocationsWith(AllocationReader reader) {
  allocation_reader = reader;
}

AllocationReader CountingAllocations() { return allocation_reader; }

void BlockFor(std::chrono::nanoseconds wait) {
  thread_local bool slack_set = false;
  if (!slack_set) {
    prctl(PR_SET_TIMERSLACK, 1UL, 0UL, 0UL, 0UL);
    slack_set = true;
  }
  timespec left{static_cast<time_t>(wait.count() / 1000000000),
                static_cast<long>(wait.count() % 1000000000)};
  while (nanosleep(&left, &left) != 0 && errno == EINTR) {
  }
}

void NoteBuildType(const char* build_type) {
  static std::once_flag noted;
  std::call_once(noted, [build_type] {
    benchmark::AddCustomContext("racelab_build_type", build_type);
  });
}

std::vector<int> DefaultThreadCounts() {
  const int cores =
      std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
  const int most = std::max(4, 2 * cores);
  std::vector<int> counts;
  for (int count = 1; count <= most; count *= 2) counts.push_back(count);
  if (counts.back() != most) counts.push_back(most);
  return counts;
}

std::string CheckDeclaration(
    const std::string& name, size_t operations, bool has_factory,
    const std::vector<int>& threads,
    const std::vector<std::chrono::microseconds>& waits, int pool_size) {
  const std::string who =
      absl::StrCat("racelab::Costs(\"", name, "\").Register(): ");
  if (name.empty() || name.find('/') != std::string::npos) {
    return absl::StrCat(who,
                        "give the class a name with no '/' (it starts every "
                        "benchmark's name)");
  }
  if (operations == 0) {
    return absl::StrCat(who,
                        "no operation to call: declare at least one with "
                        "Operations<T>::Op()");
  }
  if (!has_factory) {
    return absl::StrCat(who,
                        "no factory: the class is not default-constructible, "
                        "so give Operations<T>::Factory()");
  }
  if (threads.empty()) {
    return absl::StrCat(who, "Threads({}) names no thread count");
  }
  for (int count : threads) {
    if (count < 1 || count > kMaxThreads) {
      return absl::StrCat(who, "thread count ", count, " is out of 1..",
                          kMaxThreads, " (Threads({",
                          absl::StrJoin(threads, ", "), "}))");
    }
  }
  if (waits.empty()) return absl::StrCat(who, "Waits({}) names no wait");
  for (std::chrono::microseconds wait : waits) {
    if (wait.count() < 0) {
      return absl::StrCat(who, "a wait must not be negative, got ",
                          wait.count(), " us");
    }
  }
  if (pool_size < 1 || pool_size > kMaxPool) {
    return absl::StrCat(who, "Pool(", pool_size, "): a pool holds 1..",
                        kMaxPool, " instances");
  }
  return "";
}

struct RunRecord::Parts {
  explicit Parts(int threads) : all_added(threads) {}

  StdMutex mu;
  std::chrono::steady_clock::time_point first_start ABSL_GUARDED_BY(mu) =
      std::chrono::steady_clock::time_point::max();
  std::chrono::steady_clock::time_point last_end ABSL_GUARDED_BY(mu) =
      std::chrono::steady_clock::time_point::min();
  std::vector<std::chrono::nanoseconds> latencies ABSL_GUARDED_BY(mu);
  // Each thread's first call, also kept one by one: the p99's sample when
  // a run was too short to time any later call (one call per thread, as a
  // loaded machine's first Google Benchmark trial can be).
  std::vector<std::chrono::nanoseconds> first_call_list ABSL_GUARDED_BY(mu);
  std::chrono::nanoseconds first_calls ABSL_GUARDED_BY(mu){0};
  int threads_added ABSL_GUARDED_BY(mu) = 0;
  std::barrier<> all_added;
};

RunRecord::RunRecord(int threads) : parts_(std::make_unique<Parts>(threads)) {}

RunRecord::~RunRecord() = default;

void RunRecord::AddAndWait(std::chrono::steady_clock::time_point started,
                           std::chrono::steady_clock::time_point ended,
                           std::vector<std::chrono::nanoseconds> latencies,
                           std::chrono::nanoseconds first_call) {
  {
    StdMutexLock lock(&parts_->mu);
    parts_->first_start = std::min(parts_->first_start, started);
    parts_->last_end = std::max(parts_->last_end, ended);
    parts_->latencies.insert(parts_->latencies.end(), latencies.begin(),
                             latencies.end());
    parts_->first_calls += first_call;
    parts_->first_call_list.push_back(first_call);
    ++parts_->threads_added;
  }
  parts_->all_added.arrive_and_wait();
}

double RunRecord::SpanSeconds() const {
  StdMutexLock lock(&parts_->mu);
  return std::chrono::duration<double>(parts_->last_end - parts_->first_start)
      .count();
}

double RunRecord::P99Micros() const {
  StdMutexLock lock(&parts_->mu);
  // No call after a thread's first was timed: the first calls are the
  // only latencies measured, and a p99 of 0 would claim calls took none.
  std::vector<std::chrono::nanoseconds> sorted =
      parts_->latencies.empty() ? parts_->first_call_list : parts_->latencies;
  if (sorted.empty()) return 0;
  const size_t at = std::min(sorted.size() - 1, sorted.size() * 99 / 100);
  std::nth_element(sorted.begin(), sorted.begin() + at, sorted.end());
  return std::chrono::duration<double, std::micro>(sorted[at]).count();
}

double RunRecord::FirstCallMicros() const {
  StdMutexLock lock(&parts_->mu);
  if (parts_->threads_added == 0) return 0;
  return std::chrono::duration<double, std::micro>(parts_->first_calls)
             .count() /
         parts_->threads_added;
}

void Report(benchmark::State& state, const RunRecord& record) {
  // Every thread reports the run's wall-clock span: Google Benchmark's
  // time is the mean of the threads' times, and under a lock threads end
  // at different moments (that mean would understate the run).
  state.SetIterationTime(record.SpanSeconds());
  state.counters["p99_us"] =
      benchmark::Counter(record.P99Micros(), benchmark::Counter::kAvgThreads);
  state.counters["first_call_us"] = benchmark::Counter(
      record.FirstCallMicros(), benchmark::Counter::kAvgThreads);
}

void SetCallCounters(benchmark::State& state,
                     const AllocationReader& allocations,
                     const Allocations& allocated_before, int64_t threw) {
  if (allocations != nullptr) {
    const Allocations used = allocations() - allocated_before;
    state.counters["allocs_per_call"] = benchmark::Counter(
        static_cast<double>(used.count), benchmark::Counter::kAvgIterations);
    state.counters["alloc_bytes_per_call"] = benchmark::Counter(
        static_cast<double>(used.bytes), benchmark::Counter::kAvgIterations);
  }
  if (threw > 0) {
    state.counters["threw_per_call"] = benchmark::Counter(
        static_cast<double>(threw), benchmark::Counter::kAvgIterations);
  }
}

}  // namespace racelab::share_internal
