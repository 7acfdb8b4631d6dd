// share/child/watchdog.cc

#include "share/child/watchdog.h"

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <utility>

#include "base/build_info.h"
#include "share/child/exit.h"
#include "share/child/report.h"

namespace racelab::share_internal {

std::chrono::milliseconds HangPatience(int deadline_ms) {
  const std::chrono::milliseconds half(deadline_ms / 2);
  return IsTsanBuild() ? std::max(half, kTsanReportPatience) : half;
}

Watchdog::Watchdog(const std::atomic<int64_t>& progress,
                   std::chrono::milliseconds patience,
                   std::function<std::string()> describe)
    : progress_(progress),
      patience_(patience),
      describe_(std::move(describe)),
      thread_([this] { Watch(); }) {}

Watchdog::~Watchdog() {
  stop_.store(true, std::memory_order_relaxed);
  thread_.join();
}

void Watchdog::Watch() {
  using Clock = std::chrono::steady_clock;
  int64_t last = -1;
  Clock::time_point since = Clock::now();
  while (!stop_.load(std::memory_order_relaxed)) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    const int64_t now = progress_.load(std::memory_order_relaxed);
    if (now != last) {
      last = now;
      since = Clock::now();
      continue;
    }
    if (Clock::now() - since < patience_) continue;
    ShareChildReport hung;
    hung.hung_in = describe_();
    std::fputs(FormatShareChildReport(hung).c_str(), stdout);
    EndChild(ChildExit::kHung);
  }
}

}  // namespace racelab::share_internal
