// wire/handle_guard.h
//
// HandleGuard: the Go runtime's concurrent-map check, for a libcurl easy
// handle. libcurl's rule is that "a handle must never be used by two
// threads at the same time" (libcurl-thread(3)); nothing enforces it, and a
// handle shared by several threads corrupts memory, double-frees or mixes
// two transfers' answers. In the guarded build (racelab_guard) every
// CurlEasy call enters the guard; a second thread entering while the first
// is inside gets, instead of corruption:
//
//   fatal error: concurrent CURL easy handle use
//
// with the stacks of BOTH threads (instrument/conflict_report.h), and the
// process aborts, as Go aborts on "concurrent map writes".
//
// How a conflict is noticed: the guard holds the id of the thread inside
// (0 when none); entering is a compare-and-swap 0 -> self, leaving swaps
// back. Two uses that overlap in time meet on that one atomic, whatever the
// memory order, so the check is exact, not best effort.
//
// Who was inside: each thread that enters records its stack in the guard
// (a stack walk, about a microsecond, on a call of tens of microseconds),
// and the thread that notices a conflict copies the holder's record before
// it reports. The report prints it after the holder's live stack, which is
// walked from wherever a signal stops it: inside libcurl (no frame
// pointers) that walk stops at once, and by then the holder may even have
// moved on. Like the map guard, the guard is compiled into racelab_guard
// only, never into a ThreadSanitizer build: the record orders memory.
//
// Thread safety: thread-safe; that is its point. It does not make the
// handle safe to share: it turns the misuse into a clear, immediate report.

#ifndef RACELAB_WIRE_HANDLE_GUARD_H_
#define RACELAB_WIRE_HANDLE_GUARD_H_

#include <sys/types.h>

#include <array>
#include <atomic>

namespace racelab::wire {

class HandleGuard {
 public:
  // Marks one thread's use of the handle for its scope. Aborts with the
  // report above if another thread is inside.
  class Use {
   public:
    explicit Use(HandleGuard& guard);
    ~Use();
    Use(const Use&) = delete;
    Use& operator=(const Use&) = delete;

   private:
    HandleGuard& guard_;
    const pid_t self_;
  };

  HandleGuard() = default;
  HandleGuard(const HandleGuard&) = delete;
  HandleGuard& operator=(const HandleGuard&) = delete;

 private:
  static constexpr int kEntryFrames = 32;

  // Copies the record of `holder`'s entry into `frames` (waiting up to
  // 100 ms for the holder to write it) and returns its depth, 0 if none.
  int CopyEntryOf(pid_t holder, void** frames) const;

  std::atomic<pid_t> user_{0};  // the thread inside, 0 if none
  // The inside thread's entry stack, written by that thread only, then
  // published by storing its id in recorded_ (release).
  std::atomic<pid_t> recorded_{0};
  std::atomic<int> depth_{0};
  std::array<std::atomic<void*>, kEntryFrames> frames_{};
};

}  // namespace racelab::wire

#endif  // RACELAB_WIRE_HANDLE_GUARD_H_
