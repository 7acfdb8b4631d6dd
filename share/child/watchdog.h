// share/child/watchdog.h
//
// Watchdog: names what a MayShare child is stuck in. It watches a progress
// counter that the child's threads bump after every call; when the counter
// has not moved for `patience` (HangPatience below), it prints the
// child's report with hung_in = describe() (share/child/report.h) and ends the
// child with exit code 3, before the parent's last-resort kill, so the
// parent reads a name rather than a timeout.
//
// Thread-safe: the counter is read with relaxed loads (it orders nothing);
// describe() runs on the watchdog's own thread and must only read relaxed
// atomics of the watched threads. Construct and destroy on one thread.

#ifndef RACELAB_SHARE_CHILD_WATCHDOG_H_
#define RACELAB_SHARE_CHILD_WATCHDOG_H_

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <string>
#include <thread>

namespace racelab::share_internal {

// How long a MayShare child may make no progress before it is named hung:
// half of ShareOptions::deadline_ms, and under ThreadSanitizer at least
// kTsanReportPatience. TSan's first report stops every thread of the child
// (they wait for its report lock) while it starts its llvm-symbolizer and
// symbolizes the stacks: beside four busy processes that took more than a
// second, and a racy class was then reported as a hang instead of its race.
// The symbolizer is started by that first report, not before the hammer:
// a child that sees no race never pays for it (0.15 s of every TSan
// invocation, most of it llvm-symbolizer loading its libLLVM).
inline constexpr std::chrono::milliseconds kTsanReportPatience{10000};
std::chrono::milliseconds HangPatience(int deadline_ms);

class Watchdog {
 public:
  // Starts watching. REQUIRES: `progress` outlives the Watchdog.
  Watchdog(const std::atomic<int64_t>& progress,
           std::chrono::milliseconds patience,
           std::function<std::string()> describe);
  // Stops watching (joins its thread).
  ~Watchdog();
  Watchdog(const Watchdog&) = delete;
  Watchdog& operator=(const Watchdog&) = delete;

 private:
  void Watch();

  // Constant after construction.
  const std::atomic<int64_t>& progress_;
  const std::chrono::milliseconds patience_;
  const std::function<std::string()> describe_;

  std::atomic<bool> stop_{false};
  std::thread thread_;  // started last, joined by the destructor
};

}  // namespace racelab::share_internal

#endif  // RACELAB_SHARE_CHILD_WATCHDOG_H_
