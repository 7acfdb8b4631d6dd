// share/exhibits/last_error_client.h
//
// LastErrorClient: each call stores its outcome in a member and then reads
// it back to return it: the per-request result lives on the shared object.
//
// Threading: NOT thread-safe (intentionally racy): callers race on
// last_error_.

#ifndef RACELAB_SHARE_EXHIBITS_LAST_ERROR_CLIENT_H_
#define RACELAB_SHARE_EXHIBITS_LAST_ERROR_CLIENT_H_

#include <string>

namespace racelab::exhibits {

class LastErrorClient {
 public:
  // Returns the error for `request` ("" if it succeeded).
  std::string Call(int request) {
    last_error_ = request % 2 == 0 ? ""
                                   : "odd request " +  // INTENTIONAL
                                         std::to_string(request);
    return last_error_;  // DATA RACE: another call may have replaced it
  }

 private:
  std::string last_error_;  // per call, but shared
};

}  // namespace racelab::exhibits

#endif  // RACELAB_SHARE_EXHIBITS_LAST_ERROR_CLIENT_H_
