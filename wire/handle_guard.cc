// wire/handle_guard.cc

#include "wire/handle_guard.h"

#include <chrono>
#include <thread>

#include "absl/debugging/stacktrace.h"
#include "instrument/conflict_report.h"

namespace racelab::wire {
namespace {

constexpr char kMessage[] = "fatal error: concurrent CURL easy handle use\n";
constexpr char kSubject[] = "CURL handle call";

}  // namespace

HandleGuard::Use::Use(HandleGuard& guard)
    : guard_(guard), self_(ConflictThreadId()) {
  void* frames[kEntryFrames];
  const int depth = absl::GetStackTrace(frames, kEntryFrames, 1);
  pid_t inside = 0;
  if (!guard_.user_.compare_exchange_strong(inside, self_,
                                            std::memory_order_relaxed)) {
    // A re-entry by the same thread (a libcurl callback calling back into
    // the handle) is a bug of its own, but not a race: report it as well.
    void* holder[kEntryFrames];
    const int holder_depth = guard_.CopyEntryOf(inside, holder);
    ReportConflictAndAbort(kMessage, inside, kSubject, holder, holder_depth);
  }
  guard_.recorded_.store(0, std::memory_order_relaxed);
  for (int i = 0; i < depth; ++i) {
    guard_.frames_[i].store(frames[i], std::memory_order_relaxed);
  }
  guard_.depth_.store(depth, std::memory_order_relaxed);
  guard_.recorded_.store(self_, std::memory_order_release);
}

HandleGuard::Use::~Use() {
  const pid_t inside = guard_.user_.exchange(0, std::memory_order_relaxed);
  if (inside != self_) ReportConflictAndAbort(kMessage, inside, kSubject);
}

int HandleGuard::CopyEntryOf(pid_t holder, void** frames) const {
  const auto deadline =
      std::chrono::steady_clock::now() + std::chrono::milliseconds(100);
  while (std::chrono::steady_clock::now() < deadline) {
    if (recorded_.load(std::memory_order_acquire) == holder) {
      const int depth = depth_.load(std::memory_order_relaxed);
      for (int i = 0; i < depth; ++i) {
        frames[i] = frames_[i].load(std::memory_order_relaxed);
      }
      // Still the holder's record (it did not leave and enter again while
      // this copied it): a seqlock's second look.
      std::atomic_thread_fence(std::memory_order_acquire);
      if (recorded_.load(std::memory_order_relaxed) == holder) return depth;
    }
    std::this_thread::yield();
  }
  return 0;
}

}  // namespace racelab::wire
