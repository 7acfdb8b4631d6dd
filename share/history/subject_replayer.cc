// share/history/subject_replayer.cc

#include "share/history/subject_replayer.h"

#include <exception>

#include "absl/strings/str_cat.h"

namespace racelab::share_internal {

std::shared_ptr<void> SubjectReplayer::Fresh() {
  try {
    std::shared_ptr<void> object = subject_.make();
    if (object == nullptr) factory_failure_ = "the factory returned null";
    return object;
  } catch (const std::exception& e) {
    factory_failure_ = absl::StrCat("the factory threw: ", e.what());
  } catch (...) {
    factory_failure_ = "the factory threw a non-std exception";
  }
  return nullptr;
}

Result SubjectReplayer::Apply(void* object, const RecordedCall& call) {
  doing_.replaying.store(true, std::memory_order_relaxed);
  doing_.op.store(call.op, std::memory_order_relaxed);
  Result result = subject_.recorded[call.op].run(object, call.args, call.call);
  doing_.op.store(-1, std::memory_order_relaxed);
  doing_.replaying.store(false, std::memory_order_relaxed);
  doing_.progress.fetch_add(1, std::memory_order_relaxed);
  return result;
}

}  // namespace racelab::share_internal
