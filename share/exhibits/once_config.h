// share/exhibits/once_config.h
//
// OnceConfig: LazyConfig's safe twin: the member built under std::call_once.
//
// Threading: thread-safe; one instance may be shared.

#ifndef RACELAB_SHARE_EXHIBITS_ONCE_CONFIG_H_
#define RACELAB_SHARE_EXHIBITS_ONCE_CONFIG_H_

#include <mutex>
#include <string>

namespace racelab::exhibits {

class OnceConfig {
 public:
  const std::string& Endpoint() {
    std::call_once(once_, [this] {
      endpoint_ = "https://gw-api.pinduoduo.com/api/router";
    });
    return endpoint_;
  }

 private:
  std::once_flag once_;
  std::string endpoint_;  // written once, under once_
};

}  // namespace racelab::exhibits

#endif  // RACELAB_SHARE_EXHIBITS_ONCE_CONFIG_H_
