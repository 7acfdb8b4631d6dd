// world/pdd_router.cc

#include "world/pdd_router.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "world/query.h"

namespace racelab {
namespace {

GoodsDetailResponse Error(int code, std::string message) {
  GoodsDetailResponse response;
  response.error_code = code;
  response.error_msg = std::move(message);
  return response;
}

HttpResponse Reply(int status_code, std::string body, std::string server_saw) {
  HttpResponse response;
  response.status_code = status_code;
  response.body = std::move(body);
  response.server_saw = std::move(server_saw);
  return response;
}

}  // namespace

PddRouterDouble::PddRouterDouble(PddCredentials credentials)
    : credentials_(std::move(credentials)) {}

absl::StatusOr<HttpResponse> PddRouterDouble::RoundTrip(
    const HttpRequest& request) {
  absl::string_view url = request.url;
  absl::string_view query;
  if (const size_t question = url.find('?');
      question != absl::string_view::npos) {
    query = url.substr(question + 1);
    url = url.substr(0, question);
  }
  if (url != kPddRouterUrl) {
    return Reply(404, absl::StrCat("no route for ", url), std::string(query));
  }
  if (request.method == "POST") {
    query = request.body;
  } else if (request.method != "GET") {
    return Reply(405, absl::StrCat("method ", request.method, " not allowed"),
                 std::string(query));
  }
  absl::StatusOr<ParamMap> params = ParseQuery(query);
  GoodsDetailResponse answer =
      params.ok() ? Answer(*params)
                  : Error(kErrorMalformedRequest,
                          std::string(params.status().message()));
  return Reply(200, FormatGoodsDetailBody(answer), std::string(query));
}

GoodsDetailResponse PddRouterDouble::Answer(const ParamMap& params) const {
  // Common parameters first, then the signature, then the method's own
  // parameters: the order in which the real router reports problems.
  for (const char* key : {"type", "client_id", "timestamp", "sign"}) {
    if (!params.contains(key)) {
      return Error(kErrorMissingParameter,
                   absl::StrCat("missing parameter: ", key));
    }
  }
  if (params.at("client_id") != credentials_.client_id) {
    return Error(kErrorUnknownClient,
                 absl::StrCat("unknown client_id: ", params.at("client_id")));
  }
  if (params.at("sign") != PddSign(params, credentials_.client_secret)) {
    return Error(kErrorSignInvalid, "sign invalid");
  }
  if (params.at("type") != kGoodsDetailType) {
    return Error(kErrorMalformedRequest,
                 absl::StrCat("unsupported type: ", params.at("type")));
  }
  for (const char* key : {"goods_sign", "pid"}) {
    if (!params.contains(key)) {
      return Error(kErrorMissingParameter,
                   absl::StrCat("missing parameter: ", key));
    }
  }
  GoodsDetailResponse item;
  item.goods_sign = params.at("goods_sign");
  item.goods_name = absl::StrCat("item ", item.goods_sign);
  return item;
}

}  // namespace racelab
