// harness/outcome.h
//
// Outcome: how one goods detail request ended, judged from the caller's side
// against what the router double says it saw. This is the vocabulary of
// every racelab verdict: a correct client gives only kOk.

#ifndef RACELAB_HARNESS_OUTCOME_H_
#define RACELAB_HARNESS_OUTCOME_H_

#include <array>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "harness/pdd_api.h"

namespace racelab {

enum class Outcome {
  kOk = 0,         // the router answered with the item the caller asked for
  kWrongItem,      // valid answer, but another caller's goods_sign
  kSignRejected,   // the router found the signature invalid
  kMissingParams,  // the router found parameters missing (drained map)
  kOtherError,     // any other error: transport, unknown client, bad body
  kException,      // the request threw
};
inline constexpr int kOutcomeCount = 6;
inline constexpr std::array<Outcome, kOutcomeCount> kAllOutcomes = {
    Outcome::kOk,           Outcome::kWrongItem,
    Outcome::kSignRejected, Outcome::kMissingParams,
    Outcome::kOtherError,   Outcome::kException};

// "ok", "wrong_item", "sign_rejected", "missing_params", "other_error",
// "exception": stable names used in reports and machine-readable output.
absl::string_view OutcomeName(Outcome outcome);

// One classified request. `detail` explains a non-ok outcome.
struct RequestOutcome {
  Outcome outcome = Outcome::kOk;
  std::string detail;
};

// ClassifyGoodsDetail() judges the result of asking for `requested_sign`.
RequestOutcome ClassifyGoodsDetail(
    absl::string_view requested_sign,
    const absl::StatusOr<GoodsDetailResult>& result);

}  // namespace racelab

#endif  // RACELAB_HARNESS_OUTCOME_H_
