// share/history/subject_replayer.h
//
// SubjectReplayer: the history check's Replayer (history_check.h) for a
// user's class: fresh instances from the Subject's factory (a factory that
// throws or returns null is remembered, not thrown), calls replayed one at
// a time through the recorded operations, states copied and compared when
// the class is copyable with ==. Each replayed call is reported to the
// phase's watchdog (PhaseActivity).
//
// Thread-compatible: used by the history phase's main thread only.

#ifndef RACELAB_SHARE_HISTORY_SUBJECT_REPLAYER_H_
#define RACELAB_SHARE_HISTORY_SUBJECT_REPLAYER_H_

#include <memory>
#include <string>

#include "racelab/share.h"
#include "share/history/history_check.h"
#include "share/history/scenario_runner.h"

namespace racelab::share_internal {

class SubjectReplayer : public Replayer {
 public:
  SubjectReplayer(const Subject& subject, PhaseActivity& doing)
      : subject_(subject), doing_(doing) {}

  std::shared_ptr<void> Fresh() override;

  Result Apply(void* object, const RecordedCall& call) override;

  bool ComparesStates() const override {
    return subject_.copy_state != nullptr && subject_.same_state != nullptr;
  }
  std::shared_ptr<void> CopyState(const void* object) override {
    return subject_.copy_state(object);
  }
  bool SameState(const void* a, const void* b) override {
    return subject_.same_state(a, b);
  }

  const std::string& factory_failure() const { return factory_failure_; }

 private:
  const Subject& subject_;
  PhaseActivity& doing_;
  std::string factory_failure_;
};

}  // namespace racelab::share_internal

#endif  // RACELAB_SHARE_HISTORY_SUBJECT_REPLAYER_H_
