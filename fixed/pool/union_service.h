// fixed/pool/union_service.h
//
// UnionService with a small pool of clients: each call borrows an idle
// repro::PddClient, makes its request, and gives the client back. The
// library's client is unchanged; the pool makes sure no two calls hold the
// same one at once.
//
// Thread safety: thread-safe (ClientPool is). Costs: `pool_size` clients
// built up front, a mutex round per call, and a wait when more calls than
// clients are in flight: with a slow round trip the pool caps throughput at
// pool_size / round trip. Diff against fixed/locked/union_service.h (a pool
// of one is the lock).

#ifndef RACELAB_FIXED_POOL_UNION_SERVICE_H_
#define RACELAB_FIXED_POOL_UNION_SERVICE_H_

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "fixed/pool/client_pool.h"
#include "world/host_info.h"
#include "world/item_detail_service.h"
#include "world/pdd_api.h"
#include "world/transport.h"

namespace racelab::fixed::pool {

// The pool size racelab's `pool` variant uses.
inline constexpr int kDefaultPoolSize = 4;

class UnionService final : public ItemDetailService {
 public:
  // REQUIRES: pool_size >= 1; `transport` outlives this service.
  UnionService(PddCredentials credentials, Transport* transport,
               HostInfoMode host_info = HostInfoMode::kGather,
               int pool_size = kDefaultPoolSize);

  using ItemDetailService::GetUnionPddItemDetail;
  absl::StatusOr<GoodsDetailResult> GetUnionPddItemDetail(
      absl::string_view goods_sign, const ParamMap& not_must_params) override;

  const ClientPool& pool() const { return pool_; }

 private:
  ClientPool pool_;  // thread-safe; owns the clients
};

}  // namespace racelab::fixed::pool

#endif  // RACELAB_FIXED_POOL_UNION_SERVICE_H_
