// share/exhibits/lazy_config.h
//
// LazyConfig: a member built on first use, checked with a plain flag.
//
// Threading: NOT thread-safe (intentionally racy): two first callers race
// on loaded_ and endpoint_.

#ifndef RACELAB_SHARE_EXHIBITS_LAZY_CONFIG_H_
#define RACELAB_SHARE_EXHIBITS_LAZY_CONFIG_H_

#include <string>

namespace racelab::exhibits {

class LazyConfig {
 public:
  const std::string& Endpoint() {
    if (!loaded_) {  // INTENTIONAL DATA RACE: check-then-act, no lock
      endpoint_ = "https://gw-api.pinduoduo.com/api/router";
      loaded_ = true;
    }
    return endpoint_;
  }

 private:
  bool loaded_ = false;
  std::string endpoint_;
};

}  // namespace racelab::exhibits

#endif  // RACELAB_SHARE_EXHIBITS_LAZY_CONFIG_H_
