// share/control/controlling.h
//
// Controlling(): the scheduler of the calling thread when a call of the
// code under test may be a scheduling point, for the interposers
// (interposers.cc, wait_interposers.cc): the thread is controlled, and not
// inside racelab's own code. Null otherwise, after one thread-local test.
//
// Thread-safe: reads the calling thread's own state only.

#ifndef RACELAB_SHARE_CONTROL_CONTROLLING_H_
#define RACELAB_SHARE_CONTROL_CONTROLLING_H_

#include "share/control/controlled_scheduler.h"

namespace racelab::share_internal {

inline ControlledScheduler* Controlling() {
  ControlledThread& self = this_controlled_thread;
  if (__builtin_expect(self.scheduler == nullptr, 1) || self.inside) {
    return nullptr;
  }
  return self.scheduler;
}

}  // namespace racelab::share_internal

#endif  // RACELAB_SHARE_CONTROL_CONTROLLING_H_
