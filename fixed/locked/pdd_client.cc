// fixed/locked/pdd_client.cc

#include "fixed/locked/pdd_client.h"

#include <string>
#include <utility>

#include "instrument/valgrind_visible_lock.h"

namespace racelab::fixed::locked {

PddClient::PddClient(PddCredentials credentials, Transport* transport,
                     HostInfoMode host_info)
    : config_(std::move(credentials)), request_client_(transport, host_info) {
  ValgrindVisibleMutexLock lock(
      &mu_);  // not needed yet; keeps the analysis exact
  request_client_.SetUri(std::string(kPddRouterUrl));
}

absl::StatusOr<GoodsDetailResult> PddClient::GoodsDetail(
    absl::string_view goods_sign, const ParamMap& not_must_params) {
  ParamMap params = GoodsDetailParams(goods_sign, config_.pid, not_must_params);
  ValgrindVisibleMutexLock lock(&mu_);
  return ToGoodsDetailResult(Request(std::move(params)));
}

absl::StatusOr<HttpResponse> PddClient::Request(ParamMap params) {
  SignParams(config_, params);
  // Safe: mu_ is held from SetParams() until Get() has drained the params.
  request_client_.SetParams(params);
  return request_client_.Get();
}

}  // namespace racelab::fixed::locked
