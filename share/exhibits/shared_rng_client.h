// share/exhibits/shared_rng_client.h
//
// SharedRngClient: one random generator on the client draws every
// request's nonce.
//
// Threading: NOT thread-safe (intentionally racy): callers race on the
// generator's state.

#ifndef RACELAB_SHARE_EXHIBITS_SHARED_RNG_CLIENT_H_
#define RACELAB_SHARE_EXHIBITS_SHARED_RNG_CLIENT_H_

#include <cstdint>
#include <random>

namespace racelab::exhibits {

class SharedRngClient {
 public:
  uint64_t Nonce() { return rng_(); }  // INTENTIONAL DATA RACE: shared state

 private:
  std::mt19937_64 rng_{42};
};

}  // namespace racelab::exhibits

#endif  // RACELAB_SHARE_EXHIBITS_SHARED_RNG_CLIENT_H_
