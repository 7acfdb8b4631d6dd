// share/exhibits/thread_local_signer.h
//
// ThreadLocalSigner: BufferedSigner's safe twin: the scratch buffer is
// thread_local, one per calling thread.
//
// Threading: thread-safe; one instance may be shared.

#ifndef RACELAB_SHARE_EXHIBITS_THREAD_LOCAL_SIGNER_H_
#define RACELAB_SHARE_EXHIBITS_THREAD_LOCAL_SIGNER_H_

#include <functional>
#include <string>

namespace racelab::exhibits {

class ThreadLocalSigner {
 public:
  std::string Sign(const std::string& goods_sign) const {
    thread_local std::string scratch;
    scratch.clear();
    scratch += "secret";
    scratch += goods_sign;
    scratch += "secret";
    return std::to_string(std::hash<std::string>()(scratch));
  }
};

}  // namespace racelab::exhibits

#endif  // RACELAB_SHARE_EXHIBITS_THREAD_LOCAL_SIGNER_H_
