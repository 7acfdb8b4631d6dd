// share/baseline/plain_latch_hammer.h
//
// PlainLatchHammer(): the baseline scripts/share-rate compares MayShare's
// hammer against (RACELAB_SHARE_HAMMER=plain in the child): one instance,
// every thread released by a std::latch, then the operations in turn, as
// many calls as the real hammer makes. No fresh instances, no delays, no
// pinning, no history check. Thread-compatible: called once, from the
// child's main thread, and owns every thread it starts.
//
// Not part of the library users link (racelab_share): the object library
// racelab_share_baseline, linked into racelab's own share tests only,
// installs it as the child's hammer (SetReplacementHammer) before main()
// when RACELAB_SHARE_HAMMER=plain.

#ifndef RACELAB_SHARE_BASELINE_PLAIN_LATCH_HAMMER_H_
#define RACELAB_SHARE_BASELINE_PLAIN_LATCH_HAMMER_H_

#include "racelab/share.h"
#include "share/child/report.h"

namespace racelab::share_internal {

ShareChildReport PlainLatchHammer(const Subject& subject,
                                  const ShareOptions& options);

}  // namespace racelab::share_internal

#endif  // RACELAB_SHARE_BASELINE_PLAIN_LATCH_HAMMER_H_
