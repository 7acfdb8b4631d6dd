// share/exhibits/immutable_endpoint.h
//
// ImmutableEndpoint: everything is set in the constructor and only read
// afterwards (immutable after construction).
//
// Threading: thread-safe; one instance may be shared.

#ifndef RACELAB_SHARE_EXHIBITS_IMMUTABLE_ENDPOINT_H_
#define RACELAB_SHARE_EXHIBITS_IMMUTABLE_ENDPOINT_H_

#include <string>

namespace racelab::exhibits {

class ImmutableEndpoint {
 public:
  ImmutableEndpoint() : url_("https://gw-api.pinduoduo.com/api/router") {}
  std::string Url(const std::string& goods_sign) const {
    return url_ + "?goods_sign=" + goods_sign;
  }

 private:
  const std::string url_;  // constant after construction
};

}  // namespace racelab::exhibits

#endif  // RACELAB_SHARE_EXHIBITS_IMMUTABLE_ENDPOINT_H_
