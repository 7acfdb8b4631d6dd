// world/pdd_api.h
//
// The parts of the Pinduoduo (PDD) open API that both sides of a request
// share: the router address, the application credentials, the request
// signature, and the pdd.ddk.goods.detail response model with its wire
// format. The clients in repro/ and fixed/ build requests with these; the
// router double (pdd_router.h) checks them.
//
// Wire format of the double's response body: form-encoded (query syntax),
// not the real router's JSON, so no JSON library is needed. The fields are
// the real ones: goods_sign and goods_name on success, error_code and
// error_msg on failure.

#ifndef RACELAB_WORLD_PDD_API_H_
#define RACELAB_WORLD_PDD_API_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "world/query.h"
#include "world/transport.h"

namespace racelab {

inline constexpr absl::string_view kPddRouterUrl =
    "https://gw-api.pinduoduo.com/api/router";
inline constexpr absl::string_view kGoodsDetailType = "pdd.ddk.goods.detail";

// Error codes of racelab's router double. (The real router uses its own
// numbering; only the distinction matters here.)
inline constexpr int kErrorMissingParameter = 10000;
inline constexpr int kErrorSignInvalid = 10001;
inline constexpr int kErrorUnknownClient = 10002;
inline constexpr int kErrorMalformedRequest = 10003;

// An application's credentials, as pinduoduo.NewClient takes them.
struct PddCredentials {
  std::string client_id;
  std::string client_secret;
  std::string media_id;
  std::string pid;
};

// PddSign() returns the request signature: all keys except "sign" sorted,
// MD5 of secret + k1 + v1 + k2 + v2 + ... + secret, as upper-case hex.
// Thread-safe.
std::string PddSign(const ParamMap& params, absl::string_view client_secret);

// NewParamsWithType() returns the common parameters of one API call:
// type and timestamp (Unix seconds, as a string), as pinduoduo's
// NewParamsWithType() did. Thread-safe.
ParamMap NewParamsWithType(absl::string_view type);

// GoodsDetailParams() returns the parameters of one pdd.ddk.goods.detail
// call, unsigned: NewParamsWithType(), then the caller's optional
// parameters (Go: notMustParams), then goods_sign and pid, as pinduoduo's
// GoodsDetail() built them. Thread-safe.
ParamMap GoodsDetailParams(absl::string_view goods_sign, absl::string_view pid,
                           const ParamMap& not_must_params = {});

// SignParams() adds client_id, then sign = PddSign(...), as pinduoduo's
// Client.Sign() did. Thread-safe (touches only `params`).
void SignParams(const PddCredentials& credentials, ParamMap& params);

// The body of a pdd.ddk.goods.detail response. error_code == 0 means success.
struct GoodsDetailResponse {
  std::string goods_sign;
  std::string goods_name;
  int error_code = 0;
  std::string error_msg;

  bool operator==(const GoodsDetailResponse&) const = default;
};

// FormatGoodsDetailBody() / ParseGoodsDetailBody() convert the response to
// and from the wire format described at the top of this file. Parse returns
// InvalidArgument for a body that is not in that format.
// What a client returns for one goods detail request: the parsed body and
// the HTTP response it came from (which records what the server saw).
struct GoodsDetailResult {
  GoodsDetailResponse response;
  HttpResponse http;
};

std::string FormatGoodsDetailBody(const GoodsDetailResponse& response);
absl::StatusOr<GoodsDetailResponse> ParseGoodsDetailBody(
    absl::string_view body);

// ToGoodsDetailResult() parses a goods detail HTTP response, passing a
// transport error through unchanged.
absl::StatusOr<GoodsDetailResult> ToGoodsDetailResult(
    absl::StatusOr<HttpResponse> http);

}  // namespace racelab

#endif  // RACELAB_WORLD_PDD_API_H_
