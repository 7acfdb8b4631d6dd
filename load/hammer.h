// load/hammer.h
//
// Hammer: runs one operation from N threads, all released together by a
// start latch, for M iterations each or for a fixed duration, and tallies
// the Outcome of every request. It is the load that makes the shared-client
// race happen, and it must not add races of its own: it synchronises only
// with std::latch, std::atomic and thread join, which ThreadSanitizer and
// Valgrind both understand.

#ifndef RACELAB_LOAD_HAMMER_H_
#define RACELAB_LOAD_HAMMER_H_

#include <array>
#include <atomic>
#include <cstdint>
#include <functional>
#include <random>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "load/outcome.h"
#include "load/shared_tally.h"

namespace racelab {

struct HammerOptions {
  int threads = 2;            // REQUIRES: >= 1
  int64_t iterations = 1000;  // per thread; used when duration is zero
  absl::Duration duration = absl::ZeroDuration();  // if > 0: run this long
  uint64_t seed = 1;     // thread t's generator is seeded (seed, t)
  int max_examples = 5;  // non-ok requests kept verbatim
  // If set, advanced by the number of requests done (in batches of up to
  // 256 per thread, exact once RunHammer() returns), for progress display.
  std::atomic<int64_t>* progress = nullptr;
  // If set, every outcome is also counted there as it happens, so that a
  // run that crashes still leaves its counts behind (shared_tally.h).
  // REQUIRES: threads <= kSharedTallyThreads.
  SharedTally* shared_tally = nullptr;
};

// What the operation gets for one request. Owned by the calling thread.
struct RequestContext {
  int thread = 0;
  int64_t iteration = 0;
  std::mt19937_64* rng = nullptr;  // this thread's own generator
};

// Called concurrently from every hammer thread: that is the point.
using HammerOperation = std::function<RequestOutcome(RequestContext&)>;

struct HammerReport {
  std::array<int64_t, kOutcomeCount> counts = {};
  int64_t requests = 0;
  absl::Duration wall = absl::ZeroDuration();  // release to last join
  // From release to the first non-ok outcome; InfiniteDuration() if none.
  absl::Duration first_wrong_after = absl::InfiniteDuration();
  // "outcome: detail" for the first non-ok requests, at most max_examples.
  std::vector<std::string> examples;

  int64_t count(Outcome outcome) const {
    return counts[static_cast<int>(outcome)];
  }
  // Every request whose outcome is not kOk.
  int64_t wrong() const { return requests - count(Outcome::kOk); }
};

// ValidateHammerOptions() returns InvalidArgument naming the bad field.
absl::Status ValidateHammerOptions(const HammerOptions& options);

// RunHammer() runs `operation` as configured and returns the tally. An
// exception thrown by the operation is counted as Outcome::kException.
// REQUIRES: ValidateHammerOptions(options).ok().
HammerReport RunHammer(const HammerOptions& options,
                       const HammerOperation& operation);

}  // namespace racelab

#endif  // RACELAB_LOAD_HAMMER_H_
