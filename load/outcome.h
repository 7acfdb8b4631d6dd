// load/outcome.h
//
// Outcome: how one goods detail request ended, judged from the caller's side
// against what the router double says it saw. This is the vocabulary of
// every racelab verdict: a correct client gives only kOk.

#ifndef RACELAB_LOAD_OUTCOME_H_
#define RACELAB_LOAD_OUTCOME_H_

#include <array>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "base/enum_table.h"
#include "world/pdd_api.h"

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
inline constexpr EnumTable<Outcome, kOutcomeCount> kOutcomeTable(
    "outcome",
    {{{Outcome::kOk, "ok", "the router answered with the item asked for"},
      {Outcome::kWrongItem, "wrong_item", "another caller's goods_sign"},
      {Outcome::kSignRejected, "sign_rejected",
       "the router found the signature invalid"},
      {Outcome::kMissingParams, "missing_params",
       "the router found parameters missing (a drained map)"},
      {Outcome::kOtherError, "other_error",
       "transport error, unknown client, bad body"},
      {Outcome::kException, "exception", "the request threw"}}});
inline constexpr std::array<Outcome, kOutcomeCount> kAllOutcomes =
    kOutcomeTable.Values();

// Stable names used in reports and machine-readable output.
constexpr absl::string_view OutcomeName(Outcome outcome) {
  return kOutcomeTable.Name(outcome);
}

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

#endif  // RACELAB_LOAD_OUTCOME_H_
