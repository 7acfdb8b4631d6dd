// wire/handle_guard.cc

#include "wire/handle_guard.h"

#include "instrument/conflict_report.h"

namespace racelab::wire {
namespace {

constexpr char kMessage[] = "fatal error: concurrent CURL easy handle use\n";
constexpr char kSubject[] = "CURL handle call";

}  // namespace

HandleGuard::Use::Use(HandleGuard& guard)
    : guard_(guard), self_(ConflictThreadId()) {
  pid_t inside = 0;
  if (!guard_.user_.compare_exchange_strong(inside, self_,
                                            std::memory_order_relaxed)) {
    // A re-entry by the same thread (a libcurl callback calling back into
    // the handle) is a bug of its own, but not a race: report it as well.
    ReportConflictAndAbort(kMessage, inside, kSubject);
  }
}

HandleGuard::Use::~Use() {
  const pid_t inside = guard_.user_.exchange(0, std::memory_order_relaxed);
  if (inside != self_) ReportConflictAndAbort(kMessage, inside, kSubject);
}

}  // namespace racelab::wire
