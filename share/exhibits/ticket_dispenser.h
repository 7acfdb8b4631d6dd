// share/exhibits/ticket_dispenser.h
//
// A ticket dispenser, twice. SplitTicketDispenser reads the next number
// under its lock and writes it back under the lock again: every access is
// locked (no data race: ThreadSanitizer and -Wthread-safety are both
// satisfied), and still two callers can be handed the same ticket.
// TicketDispenser is its safe twin: one locked section per ticket.
//
// Threading: SplitTicketDispenser is NOT safe to share (intentionally: a
// race condition with no data race); TicketDispenser is thread-safe.

#ifndef RACELAB_SHARE_EXHIBITS_TICKET_DISPENSER_H_
#define RACELAB_SHARE_EXHIBITS_TICKET_DISPENSER_H_

#include "absl/base/thread_annotations.h"
#include "base/std_mutex.h"

namespace racelab::exhibits {

class SplitTicketDispenser {
 public:
  int Next() {
    int ticket;
    {
      StdMutexLock lock(&mu_);
      ticket = next_;
    }
    // INTENTIONAL RACE CONDITION: the lock is let go between the read and
    // the write; another caller may read the same ticket here.
    StdMutexLock lock(&mu_);
    next_ = ticket + 1;
    return ticket;
  }
  // The ticket Next() would hand out now, not taken.
  int Peek() const {
    StdMutexLock lock(&mu_);
    return next_;
  }

 private:
  mutable StdMutex mu_;
  int next_ ABSL_GUARDED_BY(mu_) = 0;
};

class TicketDispenser {
 public:
  int Next() {
    StdMutexLock lock(&mu_);
    return next_++;
  }
  // The ticket Next() would hand out now, not taken.
  int Peek() const {
    StdMutexLock lock(&mu_);
    return next_;
  }

 private:
  mutable StdMutex mu_;
  int next_ ABSL_GUARDED_BY(mu_) = 0;
};

}  // namespace racelab::exhibits

#endif  // RACELAB_SHARE_EXHIBITS_TICKET_DISPENSER_H_
