// share/exhibits/buffered_signer.h
//
// BufferedSigner: builds each request's signature in a scratch buffer the
// signer keeps to save allocations.
//
// Threading: NOT thread-safe (intentionally racy): callers race on
// scratch_.

#ifndef RACELAB_SHARE_EXHIBITS_BUFFERED_SIGNER_H_
#define RACELAB_SHARE_EXHIBITS_BUFFERED_SIGNER_H_

#include <functional>
#include <string>

namespace racelab::exhibits {

class BufferedSigner {
 public:
  std::string Sign(const std::string& goods_sign) {
    scratch_.clear();  // INTENTIONAL DATA RACE: a buffer shared by callers
    scratch_ += "secret";
    scratch_ += goods_sign;
    scratch_ += "secret";
    return std::to_string(std::hash<std::string>()(scratch_));
  }

 private:
  std::string scratch_;  // per call, but shared
};

}  // namespace racelab::exhibits

#endif  // RACELAB_SHARE_EXHIBITS_BUFFERED_SIGNER_H_
