// repro/locked_fields/pdd_client.cc

#include "repro/locked_fields/pdd_client.h"

#include <string>
#include <utility>

namespace racelab::repro::locked_fields {

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
  request_client_.SetParams(params);
  // INTENTIONAL RACE CONDITION: the parameters were written in SetParams'
  // locked sections; Get() copies the shared map in another. Another
  // caller's SetParams() or Get() may run in between: this request then
  // sends that caller's parameters, or none.
  return request_client_.Get();
}

}  // namespace racelab::repro::locked_fields
