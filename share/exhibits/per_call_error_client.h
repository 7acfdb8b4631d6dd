// share/exhibits/per_call_error_client.h
//
// PerCallErrorClient: LastErrorClient's safe twin: the outcome is returned,
// never stored (state per call).
//
// Threading: thread-safe; one instance may be shared (it has no state).

#ifndef RACELAB_SHARE_EXHIBITS_PER_CALL_ERROR_CLIENT_H_
#define RACELAB_SHARE_EXHIBITS_PER_CALL_ERROR_CLIENT_H_

#include <string>

namespace racelab::exhibits {

class PerCallErrorClient {
 public:
  std::string Call(int request) const {
    return request % 2 == 0 ? "" : "odd request " + std::to_string(request);
  }
};

}  // namespace racelab::exhibits

#endif  // RACELAB_SHARE_EXHIBITS_PER_CALL_ERROR_CLIENT_H_
