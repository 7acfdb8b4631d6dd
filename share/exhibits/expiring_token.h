// share/exhibits/expiring_token.h
//
// Refresh on expiry, decided outside the lock. A token is good for
// kTokenUses requests; then a new one is fetched (fetches_ counts what
// the auth server handed out). SplitExpiringToken decides "expired?" under
// its lock, lets it go, and refreshes under the lock again: two callers
// that both saw it expired both fetch, and the first token is never used
// up. ExpiringToken, its safe twin, decides and refreshes in one locked
// section.
//
// Threading: SplitExpiringToken is NOT safe to share (intentionally: a race
// condition with no data race); ExpiringToken is thread-safe.

#ifndef RACELAB_SHARE_EXHIBITS_EXPIRING_TOKEN_H_
#define RACELAB_SHARE_EXHIBITS_EXPIRING_TOKEN_H_

#include "absl/base/thread_annotations.h"
#include "base/std_mutex.h"

namespace racelab::exhibits {

inline constexpr int kTokenUses = 2;

class SplitExpiringToken {
 public:
  // The token to send with one request.
  int Token() {
    bool expired;
    {
      StdMutexLock lock(&mu_);
      expired = uses_left_ <= 0;
    }
    if (expired) {
      // INTENTIONAL RACE CONDITION: "expired" was decided in the locked
      // section above; another caller may have refreshed since.
      StdMutexLock lock(&mu_);
      token_ = ++fetches_;
      uses_left_ = kTokenUses;
    }
    StdMutexLock lock(&mu_);
    --uses_left_;
    return token_;
  }
  int Fetches() {
    StdMutexLock lock(&mu_);
    return fetches_;
  }

 private:
  StdMutex mu_;
  int token_ ABSL_GUARDED_BY(mu_) = 0;
  int uses_left_ ABSL_GUARDED_BY(mu_) = 0;
  int fetches_ ABSL_GUARDED_BY(mu_) = 0;
};

class ExpiringToken {
 public:
  int Token() {
    StdMutexLock lock(&mu_);
    if (uses_left_ <= 0) {
      token_ = ++fetches_;
      uses_left_ = kTokenUses;
    }
    --uses_left_;
    return token_;
  }
  int Fetches() {
    StdMutexLock lock(&mu_);
    return fetches_;
  }

 private:
  StdMutex mu_;
  int token_ ABSL_GUARDED_BY(mu_) = 0;
  int uses_left_ ABSL_GUARDED_BY(mu_) = 0;
  int fetches_ ABSL_GUARDED_BY(mu_) = 0;
};

}  // namespace racelab::exhibits

#endif  // RACELAB_SHARE_EXHIBITS_EXPIRING_TOKEN_H_
