// share/exhibits/shared_mutex_token_refresher.h
//
// SharedMutexTokenRefresher: TokenRefresher's safe twin: readers share a
// std::shared_mutex, the renewal takes it exclusively; the call count is
// atomic.
//
// Threading: thread-safe; one instance may be shared.

#ifndef RACELAB_SHARE_EXHIBITS_SHARED_MUTEX_TOKEN_REFRESHER_H_
#define RACELAB_SHARE_EXHIBITS_SHARED_MUTEX_TOKEN_REFRESHER_H_

#include <atomic>
#include <cstdint>
#include <mutex>
#include <shared_mutex>
#include <string>

namespace racelab::exhibits {

class SharedMutexTokenRefresher {
 public:
  std::string Token() {
    const int64_t call = calls_.fetch_add(1) + 1;
    if (call % 16 == 0) {
      std::unique_lock<std::shared_mutex> lock(mu_);
      token_ = "token-" + std::to_string(call);
    }
    std::shared_lock<std::shared_mutex> lock(mu_);
    return token_;
  }

 private:
  std::atomic<int64_t> calls_{0};
  std::shared_mutex mu_;
  std::string token_ = "token-0";  // guarded by mu_
};

}  // namespace racelab::exhibits

#endif  // RACELAB_SHARE_EXHIBITS_SHARED_MUTEX_TOKEN_REFRESHER_H_
