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

#include <valgrind/drd.h>
#include <valgrind/helgrind.h>

namespace racelab {

void ValgrindLockAcquired(const void* lock) {
  ANNOTATE_RWLOCK_ACQUIRED(lock, /*is_w=*/1);
}

void ValgrindLockReleased(const void* lock) {
  ANNOTATE_RWLOCK_RELEASED(lock, /*is_w=*/1);
}

void ValgrindRaceChecks(const void* start, size_t size, bool checked) {
  // DRD's own requests too, raw: drd.h's DRD_IGNORE_VAR goes through an
  // ANNOTATE_ macro that is Helgrind's if helgrind.h is included last.
  if (checked) {
    VALGRIND_HG_ENABLE_CHECKING(start, size);
    VALGRIND_DO_CLIENT_REQUEST_STMT(VG_USERREQ__DRD_FINISH_SUPPRESSION, start,
                                    size, 0, 0, 0);
  } else {
    VALGRIND_HG_DISABLE_CHECKING(start, size);
    VALGRIND_DO_CLIENT_REQUEST_STMT(VG_USERREQ__DRD_START_SUPPRESSION, start,
                                    size, 0, 0, 0);
  }
}

}  // namespace racelab
