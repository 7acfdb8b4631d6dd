// world/safe_go.h
//
// SafeGo: a fixed pool of worker threads that runs closures, in the role of
// the service's fsdktype.SafeGo (a helper that started a goroutine per item
// and recovered its panics). An exception escaping a closure is caught,
// counted and reported on stderr; it never takes the process down.

#ifndef RACELAB_WORLD_SAFE_GO_H_
#define RACELAB_WORLD_SAFE_GO_H_

#include <atomic>
#include <cstdint>
#include <deque>
#include <thread>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/functional/any_invocable.h"
#include "base/std_mutex.h"

namespace racelab {

// Thread safety: Go() and RecoveredPanics() may be called from any thread,
// including from inside a running closure. The destructor must not race
// with Go().
class SafeGo {
 public:
  // REQUIRES: workers >= 1 (checked).
  explicit SafeGo(int workers);
  // Runs every closure already queued, then joins the workers.
  ~SafeGo();

  SafeGo(const SafeGo&) = delete;
  SafeGo& operator=(const SafeGo&) = delete;

  // SafeGo::Go()
  // Queues `task` to run on some worker thread. Returns at once.
  void Go(absl::AnyInvocable<void()> task) ABSL_LOCKS_EXCLUDED(mu_);

  // Number of exceptions caught so far.
  int64_t RecoveredPanics() const { return recovered_panics_.load(); }

  int workers() const { return static_cast<int>(workers_.size()); }

 private:
  void WorkerLoop() ABSL_LOCKS_EXCLUDED(mu_);

  std::atomic<int64_t> recovered_panics_{0};

  StdMutex mu_;
  StdCondVar work_available_{&mu_};
  // State below is protected by mu_.
  std::deque<absl::AnyInvocable<void()>> queue_ ABSL_GUARDED_BY(mu_);
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;

  // Constant after construction (joined by the destructor).
  std::vector<std::thread> workers_;
};

}  // namespace racelab

#endif  // RACELAB_WORLD_SAFE_GO_H_
