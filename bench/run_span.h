// bench/run_span.h
//
// RunSpan: the wall-clock span of one multi-threaded benchmark run, from
// the first thread's first request to the last thread's last. Google
// Benchmark's real time is the mean of the threads' own times; under a
// lock threads finish at different moments and that mean understates the
// run, so racelab's benchmarks report this span as manual time.
//
// Thread safety: thread-safe; every member is guarded by mu_.

#ifndef RACELAB_BENCH_RUN_SPAN_H_
#define RACELAB_BENCH_RUN_SPAN_H_

#include <algorithm>
#include <chrono>

#include "absl/base/thread_annotations.h"
#include "base/std_mutex.h"

namespace racelab::bench {

using Clock = std::chrono::steady_clock;

class RunSpan {
 public:
  // One thread's part: it ran from `started` to `ended`.
  void Add(Clock::time_point started, Clock::time_point ended)
      ABSL_LOCKS_EXCLUDED(mu_) {
    StdMutexLock lock(&mu_);
    started_ = std::min(started_, started);
    ended_ = std::max(ended_, ended);
  }
  double Seconds() const ABSL_LOCKS_EXCLUDED(mu_) {
    StdMutexLock lock(&mu_);
    return std::chrono::duration<double>(ended_ - started_).count();
  }

 private:
  mutable StdMutex mu_;
  Clock::time_point started_ ABSL_GUARDED_BY(mu_) = Clock::time_point::max();
  Clock::time_point ended_ ABSL_GUARDED_BY(mu_) = Clock::time_point::min();
};

}  // namespace racelab::bench

#endif  // RACELAB_BENCH_RUN_SPAN_H_
