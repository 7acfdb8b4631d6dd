// share/control/schedule_policy.h
//
// SchedulePolicy: which thread runs next when threads run one at a time
// (controlled_scheduler.h). Pure decisions: no threads, no clock, no
// addresses; what it decides is a function of its seed and of the points it
// is shown, so a schedule replays exactly.
//
//   kPct         Probabilistic Concurrency Testing (Burckhardt et al.,
//                ASPLOS 2010): each thread gets a random priority above
//                `depth`; `depth` - 1 change points are drawn among the
//                `expected_steps` points of the schedule, and at the i-th
//                the running thread drops to priority depth - i. The
//                enabled thread with the highest priority runs. A bug that
//                needs d ordering constraints is found with probability at
//                least 1 / (threads * steps^(d-1)) per schedule.
//   kRandomWalk  at every point, any enabled thread, uniformly.
//
// A thread that gives way (yields, sleeps, or spins past the scheduler's
// limit) drops below every other thread under PCT, as CHESS's fair
// scheduler lowers a thread that yields: a spin lock cannot livelock a
// schedule.
//
// Thread-compatible: one schedule's policy is used by whichever controlled
// thread holds the turn, handed on with the turn.

#ifndef RACELAB_SHARE_CONTROL_SCHEDULE_POLICY_H_
#define RACELAB_SHARE_CONTROL_SCHEDULE_POLICY_H_

#include <array>
#include <cstdint>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "base/split_mix64.h"

namespace racelab::share_internal {

// Threads one controlled schedule may have.
inline constexpr int kMaxControlledThreads = 8;

// Bit i set: thread i may run now.
using ThreadMask = uint32_t;

enum class PolicyKind { kPct, kRandomWalk };

absl::string_view PolicyName(PolicyKind kind);

// The seed of schedule `schedule` of scenario `scenario` under the check's
// `seed`: one derivation for the history check and its benchmarks.
uint64_t ScheduleSeed(uint64_t seed, int scenario, int64_t schedule);
absl::StatusOr<PolicyKind> ParsePolicy(absl::string_view name);

class SchedulePolicy {
 public:
  // REQUIRES: 1 <= threads <= kMaxControlledThreads, depth >= 1,
  // expected_steps >= 1.
  SchedulePolicy(PolicyKind kind, int threads, uint64_t seed, int depth,
                 int64_t expected_steps);

  // The thread to run first. REQUIRES: enabled != 0.
  int First(ThreadMask enabled);
  // `running` reached its `step`-th point (counted over all threads, from
  // 1): the thread that runs on. REQUIRES: `running` is in `enabled`.
  int AtPoint(int64_t step, int running, ThreadMask enabled);
  // `running` gave way: it blocked or finished (and is not in `enabled`),
  // or it yielded (`lower`: it drops below every other thread). The thread
  // that runs on; `running` itself only if no other is enabled.
  // REQUIRES: enabled != 0.
  int GiveWay(int running, ThreadMask enabled, bool lower);
  // How many points after `step` AtPoint is known to let the running
  // thread run on, as long as no thread becomes enabled: under PCT the
  // running thread is the highest enabled one until the next change point;
  // a random walk decides at every point (0).
  int64_t QuietSteps(int64_t step) const;

  PolicyKind kind() const { return kind_; }
  // PCT's change points, in step order (empty for a random walk).
  const std::vector<int64_t>& change_points() const { return change_points_; }

 private:
  int Highest(ThreadMask enabled) const;
  int Uniform(ThreadMask enabled);

  // Constant after construction.
  PolicyKind kind_;
  int threads_;

  SplitMix64 random_;
  std::array<int64_t, kMaxControlledThreads> priority_{};
  std::vector<int64_t> change_points_;  // sorted
  size_t next_change_ = 0;
  int64_t lowest_;  // below every priority given so far
};

}  // namespace racelab::share_internal

#endif  // RACELAB_SHARE_CONTROL_SCHEDULE_POLICY_H_
