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
// memory order, so the check is exact, not best effort. The operations are
// relaxed on purpose: they order no memory, so in a ThreadSanitizer build
// they hide none of the races TSan is there to see (unlike a lock).
//
// Thread safety: thread-safe; that is its point. It does not make the
// handle safe to share: it turns the misuse into a clear, immediate report.

#ifndef RACELAB_WIRE_HANDLE_GUARD_H_
#define RACELAB_WIRE_HANDLE_GUARD_H_

#include <sys/types.h>

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
  std::atomic<pid_t> user_{0};  // the thread inside, 0 if none
};

}  // namespace racelab::wire

#endif  // RACELAB_WIRE_HANDLE_GUARD_H_
