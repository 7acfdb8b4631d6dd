// share/exhibits/seat_booking.h
//
// Check-then-insert. SplitSeatBooking asks "is the seat free?" under its
// lock, lets the lock go, and then books under the lock again: two callers
// can both be told they have the seat (the second silently takes it
// over). SeatBooking, its safe twin, checks and books in one locked
// section.
//
// Threading: SplitSeatBooking is NOT safe to share (intentionally: a race
// condition with no data race); SeatBooking is thread-safe.

#ifndef RACELAB_SHARE_EXHIBITS_SEAT_BOOKING_H_
#define RACELAB_SHARE_EXHIBITS_SEAT_BOOKING_H_

#include <map>

#include "absl/base/thread_annotations.h"
#include "base/std_mutex.h"

namespace racelab::exhibits {

class SplitSeatBooking {
 public:
  // True if `who` now holds `seat`.
  bool Book(int seat, int who) {
    if (!IsFree(seat)) return false;
    // INTENTIONAL RACE CONDITION: checked under one locked section, booked
    // under another; someone else may book the seat in between.
    StdMutexLock lock(&mu_);
    holders_[seat] = who;
    return true;
  }
  // Who holds the seat, -1 if nobody.
  int Holder(int seat) {
    StdMutexLock lock(&mu_);
    auto it = holders_.find(seat);
    return it == holders_.end() ? -1 : it->second;
  }

 private:
  bool IsFree(int seat) {
    StdMutexLock lock(&mu_);
    return holders_.count(seat) == 0;
  }

  StdMutex mu_;
  std::map<int, int> holders_ ABSL_GUARDED_BY(mu_);
};

class SeatBooking {
 public:
  bool Book(int seat, int who) {
    StdMutexLock lock(&mu_);
    return holders_.emplace(seat, who).second;
  }
  int Holder(int seat) {
    StdMutexLock lock(&mu_);
    auto it = holders_.find(seat);
    return it == holders_.end() ? -1 : it->second;
  }

 private:
  StdMutex mu_;
  std::map<int, int> holders_ ABSL_GUARDED_BY(mu_);
};

}  // namespace racelab::exhibits

#endif  // RACELAB_SHARE_EXHIBITS_SEAT_BOOKING_H_
