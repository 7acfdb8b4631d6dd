// share/exhibits/token_refresher.h
//
// TokenRefresher: every 16th call renews the access token; the other calls
// only read it. The race lives on a rare path.
//
// Threading: NOT thread-safe (intentionally racy): a renewal races with
// readers of token_ (and calls_ is a plain counter).

#ifndef RACELAB_SHARE_EXHIBITS_TOKEN_REFRESHER_H_
#define RACELAB_SHARE_EXHIBITS_TOKEN_REFRESHER_H_

#include <cstdint>
#include <string>

namespace racelab::exhibits {

class TokenRefresher {
 public:
  std::string Token() {
    if (++calls_ % 16 == 0) {  // INTENTIONAL DATA RACE: rare renewal
      token_ = "token-" + std::to_string(calls_);
    }
    return token_;
  }

 private:
  int64_t calls_ = 0;
  std::string token_ = "token-0";
};

}  // namespace racelab::exhibits

#endif  // RACELAB_SHARE_EXHIBITS_TOKEN_REFRESHER_H_
