// world/safe_go.cc

#include "world/safe_go.h"

#include <cstdio>
#include <exception>
#include <utility>

#include "base/check.h"

namespace racelab {

SafeGo::SafeGo(int workers) {
  RACELAB_CHECK(workers >= 1, "SafeGo needs at least one worker");
  workers_.reserve(workers);
  for (int i = 0; i < workers; ++i) {
    workers_.emplace_back([this] { WorkerLoop(); });
  }
}

SafeGo::~SafeGo() {
  {
    // Signalled under the lock: Helgrind calls the other way dubious.
    StdMutexLock lock(&mu_);
    stopping_ = true;
    work_available_.SignalAll();
  }
  for (std::thread& worker : workers_) worker.join();
}

void SafeGo::Go(absl::AnyInvocable<void()> task) {
  StdMutexLock lock(&mu_);
  queue_.push_back(std::move(task));
  work_available_.Signal();
}

void SafeGo::WorkerLoop() {
  while (true) {
    absl::AnyInvocable<void()> task;
    {
      StdMutexLock lock(&mu_);
      while (queue_.empty() && !stopping_) work_available_.Wait();
      if (queue_.empty()) return;  // stopping, and nothing left to run
      task = std::move(queue_.front());
      queue_.pop_front();
    }
    try {
      task();
    } catch (const std::exception& e) {
      recovered_panics_.fetch_add(1);
      std::fprintf(stderr, "SafeGo: recovered: %s\n", e.what());
    } catch (...) {
      recovered_panics_.fetch_add(1);
      std::fprintf(stderr, "SafeGo: recovered a non-std exception\n");
    }
  }
}

}  // namespace racelab
