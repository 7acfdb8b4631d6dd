// instrument/conflict_report.h
//
// The fatal report of racelab's Go-style guards (the map guard, go_map.h;
// the CURL handle guard, wire/handle_guard.h): like the Go runtime's
// "fatal error: concurrent map writes", but naming BOTH parties: the thread
// that noticed, with its stack, and the other thread, which is signalled
// (SIGUSR2) to print its own stack before the abort.
//
// Thread safety: callable from any thread; the first caller reports, any
// later one waits for the abort.

#ifndef RACELAB_INSTRUMENT_CONFLICT_REPORT_H_
#define RACELAB_INSTRUMENT_CONFLICT_REPORT_H_

#include <sys/types.h>

namespace racelab {

// The calling thread's kernel id (gettid), cached per thread: what the
// guards record as an owner and the report prints.
pid_t ConflictThreadId();

// ReportConflictAndAbort()
// Prints `message` (one line ending in a newline, e.g. "fatal error:
// concurrent map writes\n"), this thread's stack, then `other_thread`'s
// stack (0 if unknown), and aborts. `subject` names what the other party
// was in ("map operation"). All three must be string literals or
// otherwise outlive the process. `entry_frames` (`entry_depth` of them), if
// any, are where the other party entered the guarded operation, as it
// recorded them itself: printed after its live stack, which a walk from
// inside a library without frame pointers may cut short.
[[noreturn]] void ReportConflictAndAbort(const char* message,
                                         pid_t other_thread,
                                         const char* subject,
                                         void* const* entry_frames = nullptr,
                                         int entry_depth = 0);

}  // namespace racelab

#endif  // RACELAB_INSTRUMENT_CONFLICT_REPORT_H_
