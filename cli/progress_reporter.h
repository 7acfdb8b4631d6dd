// cli/progress_reporter.h
//
// ProgressReporter: while a long hammer run goes on, prints
// "  ... N requests after Ts" to stderr once a second, N read from the
// counter the hammer keeps (HammerOptions::progress). Its thread starts in
// the constructor and ends in Stop() or the destructor.
//
// It polls a mutex-guarded flag with plain sleeps: no timed condition
// variable wait (glibc's pthread_cond_clockwait, which Valgrind 3.19 does
// not follow) and no std::stop_token (atomics Valgrind cannot see), so
// Helgrind and DRD have nothing to misread in the harness.
//
// Thread-safe: Stop() may be called from any thread, more than once.

#ifndef RACELAB_CLI_PROGRESS_REPORTER_H_
#define RACELAB_CLI_PROGRESS_REPORTER_H_

#include <atomic>
#include <cstdint>
#include <thread>

#include "absl/base/thread_annotations.h"
#include "base/std_mutex.h"

namespace racelab {

class ProgressReporter {
 public:
  // REQUIRES: `requests` outlives this reporter.
  explicit ProgressReporter(const std::atomic<int64_t>* requests);
  ProgressReporter(const ProgressReporter&) = delete;
  ProgressReporter& operator=(const ProgressReporter&) = delete;
  ~ProgressReporter();

  // Ends the reporting thread (within 10 ms) and waits for it.
  void Stop();

 private:
  void Report();

  // Constant after construction.
  const std::atomic<int64_t>* const requests_;

  StdMutex mu_;
  bool done_ ABSL_GUARDED_BY(mu_) = false;
  bool joined_ ABSL_GUARDED_BY(mu_) = false;

  // Started last, in the constructor, once the members above exist.
  std::thread thread_;
};

}  // namespace racelab

#endif  // RACELAB_CLI_PROGRESS_REPORTER_H_
