// share/history/throw_tally.cc

#include "share/history/throw_tally.h"

#include "absl/strings/str_cat.h"
#include "base/check.h"

namespace racelab::share_internal {

ThrowTally::ThrowTally(const std::vector<RecordedOperation>& operations)
    : operations_(operations),
      calls_(operations.size(), 0),
      throws_(operations.size(), 0),
      last_thrown_(operations.size()) {}

void ThrowTally::Count(int op, const Result& result) {
  RACELAB_CHECK(op >= 0 && static_cast<size_t>(op) < calls_.size(),
                "ThrowTally::Count: no such operation");
  ++calls_[op];
  if (dynamic_cast<const ThrownResult*>(result.get()) != nullptr) {
    ++throws_[op];
    last_thrown_[op] = result->Print();
  }
}

std::string ThrowTally::AlwaysThrowing() const {
  for (size_t op = 0; op < calls_.size(); ++op) {
    if (calls_[op] < 2 || throws_[op] != calls_[op]) continue;
    return absl::StrCat(
        operations_[op].name, " threw on every one of its ", calls_[op],
        " calls replayed alone on a fresh instance (last: ", last_thrown_[op],
        ")");
  }
  return "";
}

}  // namespace racelab::share_internal
