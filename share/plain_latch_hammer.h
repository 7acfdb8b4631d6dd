// share/plain_latch_hammer.h
//
// PlainLatchHammer(): the baseline scripts/share-rate compares MayShare's
// hammer against (RACELAB_SHARE_HAMMER=plain in the child): one instance,
// every thread released by a std::latch, then the operations in turn, as
// many calls as the real hammer makes. No fresh instances, no delays, no
// pinning, no history check. Thread-compatible: called once, from the
// child's main thread, and owns every thread it starts.

#ifndef RACELAB_SHARE_PLAIN_LATCH_HAMMER_H_
#define RACELAB_SHARE_PLAIN_LATCH_HAMMER_H_

#include "racelab/share.h"
#include "share/child_report.h"

namespace racelab::share_internal {

ShareChildReport PlainLatchHammer(const Subject& subject,
                                  const ShareOptions& options);

}  // namespace racelab::share_internal

#endif  // RACELAB_SHARE_PLAIN_LATCH_HAMMER_H_
