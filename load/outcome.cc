// load/outcome.cc

#include "load/outcome.h"

#include "absl/strings/str_cat.h"

namespace racelab {

RequestOutcome ClassifyGoodsDetail(
    absl::string_view requested_sign,
    const absl::StatusOr<GoodsDetailResult>& result) {
  if (!result.ok()) {
    return {Outcome::kOtherError, result.status().ToString()};
  }
  const GoodsDetailResponse& response = result->response;
  const std::string saw =
      absl::StrCat("server saw \"", result->http.server_saw, "\"");
  switch (response.error_code) {
    case 0:
      break;
    case kErrorSignInvalid:
      return {Outcome::kSignRejected,
              absl::StrCat("asked for ", requested_sign, ": ",
                           response.error_msg, "; ", saw)};
    case kErrorMissingParameter:
      return {Outcome::kMissingParams,
              absl::StrCat("asked for ", requested_sign, ": ",
                           response.error_msg, "; ", saw)};
    default:
      return {Outcome::kOtherError,
              absl::StrCat("asked for ", requested_sign, ": error ",
                           response.error_code, " ", response.error_msg)};
  }
  if (response.goods_sign != requested_sign) {
    return {Outcome::kWrongItem,
            absl::StrCat("asked for ", requested_sign, ", got ",
                         response.goods_sign, "; ", saw)};
  }
  return {Outcome::kOk, ""};
}

}  // namespace racelab
