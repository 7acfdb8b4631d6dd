// share/history/throw_tally.h
//
// Per operation of the class under test: how many of its calls, replayed
// alone on a fresh instance, threw. An operation that threw on every one of
// them is a mistake in the test (arguments out of range, an instance not
// set up), not something histories can judge, and the history phase says
// so instead of a verdict.
//
// Thread-compatible: the history phase's main thread owns one.

#ifndef RACELAB_SHARE_HISTORY_THROW_TALLY_H_
#define RACELAB_SHARE_HISTORY_THROW_TALLY_H_

#include <cstdint>
#include <string>
#include <vector>

#include "racelab/operations_internal.h"

namespace racelab::share_internal {

class ThrowTally {
 public:
  // `operations` must outlive the tally.
  explicit ThrowTally(const std::vector<RecordedOperation>& operations);

  // One call of operation `op` replayed alone, and its result.
  // REQUIRES: 0 <= op < operations.size().
  void Count(int op, const Result& result);

  // "Take threw on every one of its 3 calls replayed alone on a fresh
  // instance (last: std::out_of_range: slot)" for the first operation that
  // threw on each of at least two calls; empty if none did.
  std::string AlwaysThrowing() const;

 private:
  // Constant after construction.
  const std::vector<RecordedOperation>& operations_;

  // Per operation.
  std::vector<int64_t> calls_;
  std::vector<int64_t> throws_;
  std::vector<std::string> last_thrown_;
};

}  // namespace racelab::share_internal

#endif  // RACELAB_SHARE_HISTORY_THROW_TALLY_H_
