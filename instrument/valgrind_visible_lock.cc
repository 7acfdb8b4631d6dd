// instrument/valgrind_visible_lock.cc
//
// Helgrind's client requests; DRD understands the same requests, so one set
// serves both tools.
//
// One more thing Valgrind cannot see: a blocked absl::Mutex::Lock() keeps
// its waiter record on the waiting thread's stack, and the unlocking thread
// writes into it to wake it. racelab therefore runs Helgrind with
// --check-stack-refs=no (DRD does not check stack variables by default):
// the race racelab demonstrates is on heap data, which both still check.

#include "instrument/valgrind_visible_lock.h"

#include <valgrind/helgrind.h>

namespace racelab {

void ValgrindLockAcquired(const void* lock) {
  ANNOTATE_RWLOCK_ACQUIRED(lock, /*is_w=*/1);
}

void ValgrindLockReleased(const void* lock) {
  ANNOTATE_RWLOCK_RELEASED(lock, /*is_w=*/1);
}

}  // namespace racelab
