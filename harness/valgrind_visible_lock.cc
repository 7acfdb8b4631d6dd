// harness/valgrind_visible_lock.cc
//
// Helgrind's client requests; DRD understands the same requests, so one set
// serves both tools.

#include "harness/valgrind_visible_lock.h"

#include <valgrind/helgrind.h>

#include <cstddef>

namespace racelab {
namespace {

// How much of the stack below the caller absl::Mutex's slow path may have
// used for its waiter record.
constexpr size_t kLockStackBytes = 16 * 1024;

}  // namespace

void ValgrindLockAcquired(const void* lock) {
  ANNOTATE_RWLOCK_ACQUIRED(lock, /*is_w=*/1);
  // A blocked absl::Mutex::Lock() keeps its waiter record on this thread's
  // stack, and the unlocking thread writes into it to wake us: an ordering
  // Valgrind cannot see. That record's frames are dead now (Lock() has
  // returned), so forget the history of the stack area they occupied, just
  // below this frame, before this thread reuses it.
  char here;
  VALGRIND_HG_CLEAN_MEMORY(&here - kLockStackBytes, kLockStackBytes);
}

void ValgrindLockReleased(const void* lock) {
  ANNOTATE_RWLOCK_RELEASED(lock, /*is_w=*/1);
}

}  // namespace racelab
