// load/shared_tally.h
//
// SharedTally: the hammer's outcome counts in a file-backed shared memory
// mapping, updated as each request finishes. A child process that crashes,
// aborts or hangs still leaves behind everything it counted up to that
// moment, which the parent reads after the child is gone. This is how the
// corruption audit classifies every request of a run that ends in SIGSEGV.

#ifndef RACELAB_LOAD_SHARED_TALLY_H_
#define RACELAB_LOAD_SHARED_TALLY_H_

#include <array>
#include <atomic>
#include <cstdint>
#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "base/clock.h"
#include "load/outcome.h"

namespace racelab {

inline constexpr int kSharedTallyThreads = 64;

// The mapped layout. Each hammer thread writes only its own slot (one cache
// line each, so counting adds no contention); every field is a relaxed
// atomic, so a reader in another process sees no torn values.
struct SharedTallyLayout {
  std::atomic<int64_t> started_ns;      // CLOCK_MONOTONIC at release, or 0
  std::atomic<int64_t> first_wrong_ns;  // first non-ok outcome, or 0
  struct alignas(64) Slot {
    std::array<std::atomic<int64_t>, kOutcomeCount> counts;
  };
  std::array<Slot, kSharedTallyThreads> slots;
};

// Thread safety: Record*() may be called concurrently, each thread with its
// own `thread` index; Read() may run at any time, from any process.
class SharedTally {
 public:
  // Creates (or truncates) `path` and maps it, zeroed.
  static absl::StatusOr<std::unique_ptr<SharedTally>> Create(
      const std::string& path);
  // Maps an existing tally file created by Create().
  static absl::StatusOr<std::unique_ptr<SharedTally>> Open(
      const std::string& path);
  ~SharedTally();

  SharedTally(const SharedTally&) = delete;
  SharedTally& operator=(const SharedTally&) = delete;

  void RecordStart();  // first call wins
  // REQUIRES: 0 <= thread < kSharedTallyThreads.
  void Record(int thread, Outcome outcome);

  struct Totals {
    std::array<int64_t, kOutcomeCount> counts = {};
    int64_t requests = 0;
    // From release to the first non-ok outcome, if there was one.
    absl::Duration first_wrong_after = absl::InfiniteDuration();
    // MonotonicNanos() at release; 0 if the hammer never started.
    int64_t started_ns = 0;
  };
  Totals Read() const;

 private:
  explicit SharedTally(SharedTallyLayout* layout) : layout_(layout) {}
  SharedTallyLayout* const layout_;  // the mapping, owned
};

}  // namespace racelab

#endif  // RACELAB_LOAD_SHARED_TALLY_H_
