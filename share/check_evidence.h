// share/check_evidence.h
//
// CheckWithEvidence(): racelab/share.h's check, also handing back the
// evidence it judged the child by (detectors/evidence.h), for racelab's own
// tools that need the kind and not only the message (racelab_history, the
// matrix's history column). Thread-compatible, as Check() is.

#ifndef RACELAB_SHARE_CHECK_EVIDENCE_H_
#define RACELAB_SHARE_CHECK_EVIDENCE_H_

#include "detectors/evidence.h"
#include "racelab/share.h"

namespace racelab::share_internal {

// As Check(); `*evidence` (not null) is the child's evidence, or
// kFailedExit with the reason when no child ran (bad options, no process).
::testing::AssertionResult CheckWithEvidence(const Subject& subject,
                                             const ShareOptions& options,
                                             Expectation expectation,
                                             Evidence* evidence);

}  // namespace racelab::share_internal

#endif  // RACELAB_SHARE_CHECK_EVIDENCE_H_
