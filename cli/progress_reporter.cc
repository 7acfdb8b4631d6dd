// cli/progress_reporter.cc

#include "cli/progress_reporter.h"

#include <chrono>
#include <cstdio>

#include "base/check.h"

namespace racelab {

ProgressReporter::ProgressReporter(const std::atomic<int64_t>* requests)
    : requests_(requests), thread_([this] { Report(); }) {
  RACELAB_CHECK(requests != nullptr,
                "a ProgressReporter needs the hammer's request counter");
}

ProgressReporter::~ProgressReporter() { Stop(); }

void ProgressReporter::Stop() {
  {
    StdMutexLock lock(&mu_);
    done_ = true;
    if (joined_) return;
    joined_ = true;
  }
  thread_.join();
}

void ProgressReporter::Report() {
  for (int tick = 1;; ++tick) {
    // 10 ms: the reporter must not delay the end of a short run.
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
    {
      StdMutexLock lock(&mu_);
      if (done_) return;
    }
    if (tick % 100 == 0) {
      std::fprintf(stderr, "  ... %lld requests after %ds\n",
                   static_cast<long long>(requests_->load()), tick / 100);
    }
  }
}

}  // namespace racelab
