// fixed/pool/client_pool.h
//
// ClientPool: a fixed number of repro::PddClient objects, lent to one caller
// at a time. The clients are the library's unchanged, non-thread-safe ones;
// the pool guarantees that no two callers hold the same client.
//
// Thread safety: thread-safe. Borrow() blocks while every client is lent
// out; a lent client is used only by the holder of its Lease, without any
// lock. The pool must outlive every Lease it hands out.

#ifndef RACELAB_FIXED_POOL_CLIENT_POOL_H_
#define RACELAB_FIXED_POOL_CLIENT_POOL_H_

#include <memory>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "base/std_mutex.h"
#include "repro/pdd_client.h"
#include "world/host_info.h"
#include "world/pdd_api.h"
#include "world/transport.h"

namespace racelab::fixed::pool {

class ClientPool {
 public:
  // One borrowed client; gives it back when destroyed. Move-only. Thread
  // safety: belongs to the caller that borrowed it.
  class Lease {
   public:
    Lease(Lease&& other) noexcept : pool_(other.pool_), client_(other.client_) {
      other.client_ = nullptr;
    }
    Lease& operator=(Lease&&) = delete;
    Lease(const Lease&) = delete;
    ~Lease();

    repro::PddClient& client() const { return *client_; }

   private:
    friend class ClientPool;
    Lease(ClientPool* pool, repro::PddClient* client)
        : pool_(pool), client_(client) {}

    ClientPool* const pool_;
    repro::PddClient* client_;  // null once moved from
  };

  // Builds `size` clients up front (host information included).
  // REQUIRES: size >= 1; `transport` outlives the pool.
  ClientPool(int size, const PddCredentials& credentials, Transport* transport,
             HostInfoMode host_info);

  ClientPool(const ClientPool&) = delete;
  ClientPool& operator=(const ClientPool&) = delete;

  // ClientPool::Borrow()
  // Returns an idle client, waiting for one to be given back if none is.
  Lease Borrow() ABSL_LOCKS_EXCLUDED(mu_);

  int size() const { return static_cast<int>(clients_.size()); }
  // The most clients ever lent out at once, and how many are idle now (for
  // tests and reports).
  int max_lent() const ABSL_LOCKS_EXCLUDED(mu_);
  int idle() const ABSL_LOCKS_EXCLUDED(mu_);

 private:
  void GiveBack(repro::PddClient* client) ABSL_LOCKS_EXCLUDED(mu_);

  // Constant after construction (the vector; its clients are lent out).
  const std::vector<std::unique_ptr<repro::PddClient>> clients_;

  mutable StdMutex mu_;
  StdCondVar given_back_{&mu_};
  // State below is protected by mu_.
  std::vector<repro::PddClient*> idle_ ABSL_GUARDED_BY(mu_);
  int max_lent_ ABSL_GUARDED_BY(mu_) = 0;
};

}  // namespace racelab::fixed::pool

#endif  // RACELAB_FIXED_POOL_CLIENT_POOL_H_
