// share/exhibits/absl_ticket_dispenser.h
//
// The split ticket dispenser again, on absl::Mutex: its Lock and Unlock
// are abseil's own (an atomic word, and a futex only when a thread must
// sleep), never a pthread call, so no pthread unlock marks the gap between
// the read and the write. AbslTicketDispenser is its safe twin.
//
// Threading: SplitAbslTicketDispenser is NOT safe to share (intentionally:
// a race condition with no data race); AbslTicketDispenser is thread-safe.

#ifndef RACELAB_SHARE_EXHIBITS_ABSL_TICKET_DISPENSER_H_
#define RACELAB_SHARE_EXHIBITS_ABSL_TICKET_DISPENSER_H_

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"

namespace racelab::exhibits {

class SplitAbslTicketDispenser {
 public:
  int Next() {
    int ticket;
    {
      absl::MutexLock lock(&mu_);
      ticket = next_;
    }
    // INTENTIONAL RACE CONDITION: the lock is let go between the read and
    // the write; another caller may read the same ticket here.
    absl::MutexLock lock(&mu_);
    next_ = ticket + 1;
    return ticket;
  }

 private:
  absl::Mutex mu_;
  int next_ ABSL_GUARDED_BY(mu_) = 0;
};

class AbslTicketDispenser {
 public:
  int Next() {
    absl::MutexLock lock(&mu_);
    return next_++;
  }

 private:
  absl::Mutex mu_;
  int next_ ABSL_GUARDED_BY(mu_) = 0;
};

}  // namespace racelab::exhibits

#endif  // RACELAB_SHARE_EXHIBITS_ABSL_TICKET_DISPENSER_H_
