// repro/pdd_client.cc

#include "repro/pdd_client.h"

#include <string>
#include <utility>

namespace racelab::repro {

PddClient::PddClient(PddCredentials credentials, Transport* transport,
                     HostInfoMode host_info)
    : config_(std::move(credentials)), request_client_(transport, host_info) {
  request_client_.SetUri(std::string(kPddRouterUrl));
}

absl::StatusOr<GoodsDetailResult> PddClient::GoodsDetail(
    absl::string_view goods_sign, const ParamMap& not_must_params) {
  ParamMap params = GoodsDetailParams(goods_sign, config_.pid, not_must_params);
  return ToGoodsDetailResult(Request(std::move(params)));
}

absl::StatusOr<HttpResponse> PddClient::Request(ParamMap params) {
  SignParams(config_, params);
  // INTENTIONAL DATA RACE: both calls mutate the one HttpApp shared by
  // every thread that uses this client (Go: c.requestClient).
  request_client_.SetParams(params);
  return request_client_.Get();
}

}  // namespace racelab::repro
