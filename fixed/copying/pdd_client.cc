// fixed/copying/pdd_client.cc

#include "fixed/copying/pdd_client.h"

#include <string>
#include <utility>

namespace racelab::fixed::copying {

PddClient::PddClient(PddCredentials credentials, Transport* transport,
                     HostInfoMode host_info)
    : config_(std::move(credentials)),
      request_client_(transport, std::string(kPddRouterUrl), host_info) {}

absl::StatusOr<GoodsDetailResult> PddClient::GoodsDetail(
    absl::string_view goods_sign, const ParamMap& not_must_params) const {
  ParamMap params = GoodsDetailParams(goods_sign, config_.pid, not_must_params);
  return ToGoodsDetailResult(Request(std::move(params)));
}

absl::StatusOr<HttpResponse> PddClient::Request(ParamMap params) const {
  SignParams(config_, params);
  // Safe: the parameters go into a Request owned by this call alone.
  return request_client_.R().SetParams(params).Get();
}

}  // namespace racelab::fixed::copying
