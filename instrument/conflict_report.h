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

// EntryStack: for its scope, records where the calling thread entered a
// guarded operation. If the thread is the other party of a report, its
// stack is walked from where the signal stopped it, and a thread stopped
// inside a library built without frame pointers (libcurl) may not unwind
// past it: the report then also prints this entry stack. Costs one stack
// walk (about a microsecond); for the guarded build only.
class EntryStack {
 public:
  EntryStack();
  ~EntryStack();
  EntryStack(const EntryStack&) = delete;
  EntryStack& operator=(const EntryStack&) = delete;
};

// ReportConflictAndAbort()
// Prints `message` (one line ending in a newline, e.g. "fatal error:
// concurrent map writes\n"), this thread's stack, then `other_thread`'s
// stack (0 if unknown), and aborts. `subject` names what the other party
// was in ("map operation"). All three must be string literals or
// otherwise outlive the process.
[[noreturn]] void ReportConflictAndAbort(const char* message,
                                         pid_t other_thread,
                                         const char* subject);

}  // namespace racelab

#endif  // RACELAB_INSTRUMENT_CONFLICT_REPORT_H_
