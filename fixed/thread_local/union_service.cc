// fixed/thread_local/union_service.cc

#include "fixed/thread_local/union_service.h"

#include <atomic>
#include <unordered_map>
#include <utility>

namespace racelab::fixed::thread_local_client {
namespace {

std::atomic<uint64_t> next_service_id{1};

// The calling thread's clients, by service id. Entries of destroyed
// services stay behind (a few bytes each) and are never looked up again.
thread_local std::unordered_map<uint64_t, repro::PddClient*>
    clients_of_this_thread;

}  // namespace

UnionService::UnionService(PddCredentials credentials, Transport* transport,
                           HostInfoMode host_info)
    : credentials_(std::move(credentials)),
      transport_(transport),
      host_info_(host_info),
      id_(next_service_id.fetch_add(1, std::memory_order_relaxed)) {}

absl::StatusOr<GoodsDetailResult> UnionService::GetUnionPddItemDetail(
    absl::string_view goods_sign, const ParamMap& not_must_params) {
  return ClientForThisThread().GoodsDetail(goods_sign, not_must_params);
}

int UnionService::clients_built() const {
  StdMutexLock lock(&mu_);
  return static_cast<int>(clients_.size());
}

repro::PddClient& UnionService::ClientForThisThread() {
  repro::PddClient*& client = clients_of_this_thread[id_];
  if (client == nullptr) {
    // Built outside the lock: construction (host information) is the slow
    // part, and only this thread can see the new client until it is
    // registered.
    auto built = std::make_unique<repro::PddClient>(credentials_, transport_,
                                                    host_info_);
    client = built.get();
    StdMutexLock lock(&mu_);
    clients_.push_back(std::move(built));
  }
  return *client;
}

}  // namespace racelab::fixed::thread_local_client
