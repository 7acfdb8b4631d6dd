// fixed/pool/client_pool.cc

#include "fixed/pool/client_pool.h"

#include <algorithm>
#include <utility>

#include "base/check.h"

namespace racelab::fixed::pool {
namespace {

std::vector<std::unique_ptr<repro::PddClient>> BuildClients(
    int size, const PddCredentials& credentials, Transport* transport,
    HostInfoMode host_info) {
  RACELAB_CHECK(size >= 1, "a pool needs at least one client");
  std::vector<std::unique_ptr<repro::PddClient>> clients;
  for (int i = 0; i < size; ++i) {
    clients.push_back(
        std::make_unique<repro::PddClient>(credentials, transport, host_info));
  }
  return clients;
}

}  // namespace

ClientPool::Lease::~Lease() {
  if (client_ != nullptr) pool_->GiveBack(client_);
}

ClientPool::ClientPool(int size, const PddCredentials& credentials,
                       Transport* transport, HostInfoMode host_info)
    : clients_(BuildClients(size, credentials, transport, host_info)) {
  StdMutexLock lock(&mu_);
  for (const auto& client : clients_) idle_.push_back(client.get());
}

ClientPool::Lease ClientPool::Borrow() {
  StdMutexLock lock(&mu_);
  while (idle_.empty()) given_back_.Wait();
  repro::PddClient* client = idle_.back();
  idle_.pop_back();
  max_lent_ = std::max(max_lent_, size() - static_cast<int>(idle_.size()));
  return Lease(this, client);
}

int ClientPool::max_lent() const {
  StdMutexLock lock(&mu_);
  return max_lent_;
}

int ClientPool::idle() const {
  StdMutexLock lock(&mu_);
  return static_cast<int>(idle_.size());
}

void ClientPool::GiveBack(repro::PddClient* client) {
  {
    StdMutexLock lock(&mu_);
    idle_.push_back(client);
  }
  given_back_.Signal();
}

}  // namespace racelab::fixed::pool
