// share/control/schedule_policy.cc

#include "share/control/schedule_policy.h"

#include <algorithm>
#include <bit>
#include <limits>

#include "absl/strings/str_cat.h"
#include "base/check.h"

namespace racelab::share_internal {

absl::string_view PolicyName(PolicyKind kind) {
  return kind == PolicyKind::kPct ? "pct" : "random";
}

uint64_t ScheduleSeed(uint64_t seed, int scenario, int64_t schedule) {
  return seed ^ (uint64_t(scenario + 1) * 0x9E3779B97F4A7C15ULL) ^
         (uint64_t(schedule) * 0xC2B2AE3D27D4EB4FULL);
}

absl::StatusOr<PolicyKind> ParsePolicy(absl::string_view name) {
  if (name == "pct") return PolicyKind::kPct;
  if (name == "random") return PolicyKind::kRandomWalk;
  return absl::InvalidArgumentError(
      absl::StrCat("unknown schedule policy '", name, "': give pct or random"));
}

SchedulePolicy::SchedulePolicy(PolicyKind kind, int threads, uint64_t seed,
                               int depth, int64_t expected_steps)
    : kind_(kind), threads_(threads), random_(seed), lowest_(depth - 1) {
  RACELAB_CHECK(threads >= 1 && threads <= kMaxControlledThreads,
                "a controlled schedule has 1 to 8 threads");
  RACELAB_CHECK(depth >= 1, "a PCT depth is at least 1");
  RACELAB_CHECK(expected_steps >= 1, "a schedule has at least one step");
  if (kind_ != PolicyKind::kPct) return;
  // Priorities depth .. depth + threads - 1 in a random order (a
  // Fisher-Yates shuffle), change points uniformly among the steps.
  for (int t = 0; t < threads_; ++t) priority_[t] = depth + t;
  for (int t = threads_ - 1; t > 0; --t) {
    std::swap(priority_[t],
              priority_[random_() % static_cast<uint64_t>(t + 1)]);
  }
  for (int i = 0; i < depth - 1; ++i) {
    change_points_.push_back(
        1 + static_cast<int64_t>(random_() %
                                 static_cast<uint64_t>(expected_steps)));
  }
  std::sort(change_points_.begin(), change_points_.end());
}

int SchedulePolicy::Highest(ThreadMask enabled) const {
  int best = -1;
  for (int t = 0; t < threads_; ++t) {
    if ((enabled >> t & 1) == 0) continue;
    if (best < 0 || priority_[t] > priority_[best]) best = t;
  }
  RACELAB_CHECK(best >= 0, "no enabled thread to choose from");
  return best;
}

int SchedulePolicy::Uniform(ThreadMask enabled) {
  const int count = std::popcount(enabled);
  RACELAB_CHECK(count > 0, "no enabled thread to choose from");
  int pick = static_cast<int>(random_() % static_cast<uint64_t>(count));
  for (int t = 0; t < threads_; ++t) {
    if ((enabled >> t & 1) != 0 && pick-- == 0) return t;
  }
  return -1;  // not reached: `count` bits are set below threads_
}

int SchedulePolicy::First(ThreadMask enabled) {
  return kind_ == PolicyKind::kPct ? Highest(enabled) : Uniform(enabled);
}

int SchedulePolicy::AtPoint(int64_t step, int running, ThreadMask enabled) {
  RACELAB_CHECK((enabled >> running & 1) != 0,
                "the running thread reached a point while not enabled");
  if (kind_ == PolicyKind::kRandomWalk) return Uniform(enabled);
  while (next_change_ < change_points_.size() &&
         change_points_[next_change_] <= step) {
    // The i-th change point: the running thread drops to depth - i, below
    // every initial priority and every earlier change.
    priority_[running] = lowest_--;
    ++next_change_;
  }
  return Highest(enabled);
}

int64_t SchedulePolicy::QuietSteps(int64_t step) const {
  if (kind_ == PolicyKind::kRandomWalk) return 0;
  if (next_change_ == change_points_.size()) {
    return std::numeric_limits<int64_t>::max();
  }
  return std::max<int64_t>(0, change_points_[next_change_] - step - 1);
}

int SchedulePolicy::GiveWay(int running, ThreadMask enabled, bool lower) {
  RACELAB_CHECK(enabled != 0, "no enabled thread to give way to");
  const ThreadMask others = enabled & ~(ThreadMask{1} << running);
  if (others == 0) return running;
  if (kind_ == PolicyKind::kRandomWalk) return Uniform(others);
  if (lower) priority_[running] = lowest_--;
  return Highest(lower ? enabled : others);
}

}  // namespace racelab::share_internal
