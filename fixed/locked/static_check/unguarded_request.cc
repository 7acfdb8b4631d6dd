// fixed/locked/static_check/unguarded_request.cc
//
// NEGATIVE COMPILE TEST: this file must NOT compile under clang with
// -Werror=thread-safety. It is fixed/locked's PddClient with the lock
// forgotten, i.e. the seed's bug in a client whose per-request state is
// annotated: the compiler rejects it before it can ever run.
// ctest target: static.locked_without_lock_is_rejected (fixed/CMakeLists.txt).

#include <string>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "repro/http_app.h"
#include "world/pdd_api.h"

namespace racelab::static_check {

class ForgetfulPddClient {
 public:
  absl::StatusOr<HttpResponse> Request(ParamMap params) {
    SignParams(config_, params);
    // No absl::MutexLock here: -Wthread-safety says
    // "reading variable 'request_client_' requires holding mutex 'mu_'"
    // (calling a method on a guarded member needs the lock too).
    request_client_.SetParams(params);
    return request_client_.Get();
  }

 private:
  const PddCredentials config_;
  absl::Mutex mu_;
  repro::HttpApp request_client_ ABSL_GUARDED_BY(mu_){nullptr};
};

}  // namespace racelab::static_check
