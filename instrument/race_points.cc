// instrument/race_points.cc

#include "instrument/race_points.h"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <thread>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "base/check.h"
#include "instrument/valgrind_visible_lock.h"

namespace racelab {
namespace {

using Clock = std::chrono::steady_clock;

// The active run. Published before the threads that follow it start (thread
// creation orders it), so relaxed loads see it.
std::atomic<ScheduleRun*> active_run{nullptr};

thread_local char this_thread_role = '\0';

// The trace ring. Every field is a relaxed atomic: recording must not add
// happens-before edges that would hide the race it is recording.
constexpr uint64_t kTraceSize = uint64_t{1} << 16;
std::atomic<bool> trace_on{false};
std::atomic<uint64_t> trace_next{0};
std::array<std::atomic<uint64_t>, kTraceSize> trace_ring;
std::atomic<int> next_thread_slot{0};
thread_local int this_thread_slot = -1;

// Entry layout: sequence (40 bits) | thread slot (16 bits) | point (8 bits).
uint64_t Pack(uint64_t sequence, int slot, RacePoint point) {
  return (sequence << 24) | (static_cast<uint64_t>(slot & 0xFFFF) << 8) |
         static_cast<uint64_t>(point);
}

int RoleIndex(char role) { return role - 'A'; }

}  // namespace

void HitRacePoint(RacePoint point) {
  ScheduleRun* run = active_run.load(std::memory_order_relaxed);
  const int step = run != nullptr && this_thread_role != '\0'
                       ? run->Await(this_thread_role, point)
                       : -1;
  // Traced after the schedule let this thread through but BEFORE the next
  // step may go: the trace is the order in which points were passed, which
  // is what a replay must force. (The next thread's trace_next increment
  // follows ours: both are locked instructions on x86, and in kMutex mode
  // the mutex orders them anyway.)
  if (trace_on.load(std::memory_order_relaxed)) {
    const uint64_t sequence =
        trace_next.fetch_add(1, std::memory_order_relaxed);
    trace_ring[sequence % kTraceSize].store(
        Pack(sequence, RaceTrace::ThisThreadSlot(), point),
        std::memory_order_relaxed);
  }
  if (step >= 0) run->Advance(this_thread_role, step);
}

absl::StatusOr<Schedule> Schedule::Parse(absl::string_view text) {
  std::vector<ScheduleStep> steps;
  for (absl::string_view token :
       absl::StrSplit(text, absl::ByAnyChar(" \t\n,"), absl::SkipEmpty())) {
    const size_t at = token.find('@');
    if (at != 1 || token[0] < 'A' || token[0] > 'Z') {
      return absl::InvalidArgumentError(
          absl::StrCat("bad schedule step \"", token,
                       "\": expected ROLE@POINT with ROLE a letter A-Z, e.g. "
                       "A@DeepCopy:iterating"));
    }
    absl::StatusOr<RacePoint> point = ParseRacePoint(token.substr(2));
    if (!point.ok()) {
      return absl::InvalidArgumentError(absl::StrCat(
          "bad schedule step \"", token, "\": ", point.status().message()));
    }
    steps.push_back({token[0], *point});
  }
  if (steps.empty()) return absl::InvalidArgumentError("empty schedule");
  return Schedule(std::move(steps));
}

Schedule Schedule::SeedInterleaving() {
  return Schedule({{'A', RacePoint::kDeepCopyCopied},
                   {'B', RacePoint::kSetParamsWriting},
                   {'B', RacePoint::kSetParamsWritten},
                   {'A', RacePoint::kDeepCopyIterating},
                   {'A', RacePoint::kRequestSending},
                   {'B', RacePoint::kDeepCopyEntering}});
}

Schedule Schedule::LockedFieldsInterleaving() {
  return Schedule({{'A', RacePoint::kSetParamsWritten},
                   {'B', RacePoint::kSetParamsWriting},
                   {'B', RacePoint::kSetParamsWritten},
                   {'A', RacePoint::kDeepCopyEntering},
                   {'A', RacePoint::kRequestSending},
                   {'B', RacePoint::kDeepCopyEntering}});
}

std::string Schedule::ToString() const {
  return absl::StrJoin(steps_, " ",
                       [](std::string* out, const ScheduleStep& step) {
                         absl::StrAppend(out, std::string(1, step.role), "@",
                                         RacePointName(step.point));
                       });
}

void BindRaceRole(char role) { this_thread_role = role; }

ScheduleRun::ScheduleRun(Schedule schedule, ForcingMode mode,
                         absl::Duration step_timeout)
    : schedule_(std::move(schedule)),
      mode_(mode),
      step_timeout_(step_timeout),
      advanced_(mode == ForcingMode::kMutex ? std::make_unique<StdCondVar>(&mu_)
                                            : nullptr) {
  for (size_t i = 0; i < schedule_.steps().size(); ++i) {
    steps_of_role_[RoleIndex(schedule_.steps()[i].role)].push_back(
        static_cast<int>(i));
  }
  // Valgrind's Helgrind and DRD do not model C++ atomics: to them the
  // relaxed spin on these words is itself a data race, reported before the
  // race the schedule forces (or, on a variant with no data race, instead
  // of silence). They are the schedule's synchronisation, not the program's
  // data: exclude them from checking without adding any happens-before, so
  // the forced accesses stay as unordered as TSan sees them. Outside
  // Valgrind these client requests do nothing.
  ValgrindRaceChecks(&cursor_, sizeof cursor_, false);
  ValgrindRaceChecks(&next_of_role_, sizeof next_of_role_, false);
  ValgrindRaceChecks(&abandoned_, sizeof abandoned_, false);
  ScheduleRun* expected = nullptr;
  RACELAB_CHECK(active_run.compare_exchange_strong(expected, this),
                "another ScheduleRun is already active (at most one alive)");
}

ScheduleRun::~ScheduleRun() {
  ValgrindRaceChecks(&cursor_, sizeof cursor_, true);
  ValgrindRaceChecks(&next_of_role_, sizeof next_of_role_, true);
  ValgrindRaceChecks(&abandoned_, sizeof abandoned_, true);
  active_run.store(nullptr);
}

absl::Status ScheduleRun::status() const {
  StdMutexLock lock(&mu_);
  if (failure_.empty()) return absl::OkStatus();
  return absl::FailedPreconditionError(failure_);
}

bool ScheduleRun::finished() const {
  return !abandoned_.load(std::memory_order_relaxed) &&
         cursor_.load(std::memory_order_relaxed) >=
             static_cast<int>(schedule_.steps().size());
}

std::string ScheduleRun::NextStep() const {
  const int next = cursor_.load(std::memory_order_relaxed);
  if (next >= static_cast<int>(schedule_.steps().size())) return "";
  const ScheduleStep& step = schedule_.steps()[next];
  return absl::StrCat("step ", next, " (", std::string(1, step.role), "@",
                      RacePointName(step.point), ")");
}

int ScheduleRun::Await(char role, RacePoint point) {
  const int r = RoleIndex(role);
  if (r < 0 || r >= 26) return -1;
  if (abandoned_.load(std::memory_order_relaxed)) return -1;  // given up
  const std::vector<int>& mine = steps_of_role_[r];
  const int next = next_of_role_[r].load(std::memory_order_relaxed);
  if (next >= static_cast<int>(mine.size())) return -1;
  const int step = mine[next];
  if (schedule_.steps()[step].point != point) return -1;  // not my next step
  const bool on_time =
      mode_ == ForcingMode::kMutex ? WaitMutex(step) : WaitRelaxed(step);
  if (!on_time) {
    Fail(step);
    return -1;
  }
  if (abandoned_.load(std::memory_order_relaxed)) return -1;
  return step;
}

void ScheduleRun::Advance(char role, int step) {
  const int r = RoleIndex(role);
  next_of_role_[r].fetch_add(1, std::memory_order_relaxed);
  if (mode_ == ForcingMode::kMutex) {
    StdMutexLock lock(&mu_);
    cursor_.store(step + 1, std::memory_order_relaxed);
    advanced_->SignalAll();
  } else {
    cursor_.store(step + 1, std::memory_order_relaxed);
  }
}

bool ScheduleRun::WaitRelaxed(int step) {
  const Clock::time_point deadline =
      Clock::now() + absl::ToChronoNanoseconds(step_timeout_);
  while (cursor_.load(std::memory_order_relaxed) != step) {
    if (abandoned_.load(std::memory_order_relaxed)) return true;
    if (Clock::now() > deadline) return false;
    std::this_thread::yield();
  }
  return true;
}

bool ScheduleRun::WaitMutex(int step) {
  const Clock::time_point deadline =
      Clock::now() + absl::ToChronoNanoseconds(step_timeout_);
  StdMutexLock lock(&mu_);
  while (cursor_.load(std::memory_order_relaxed) != step &&
         !abandoned_.load(std::memory_order_relaxed)) {
    if (Clock::now() > deadline) return false;
    // Bounded wait: the lock is re-taken at least every millisecond, so a
    // step that never comes is noticed at the deadline.
    advanced_->WaitFor(std::chrono::milliseconds(1));
  }
  return true;
}

void ScheduleRun::Fail(int waiting_step) {
  const auto describe = [this](int i) {
    const ScheduleStep& s = schedule_.steps()[i];
    return absl::StrCat("step ", i, " (", std::string(1, s.role), "@",
                        RacePointName(s.point), ")");
  };
  {
    StdMutexLock lock(&mu_);
    if (failure_.empty()) {
      failure_ = absl::StrCat(NextStep(), " never arrived within ",
                              absl::FormatDuration(step_timeout_), "; ",
                              describe(waiting_step), " was waiting for it");
    }
  }
  abandoned_.store(true, std::memory_order_relaxed);
  if (advanced_ == nullptr) return;  // spin mode: waiters poll abandoned_
  StdMutexLock lock(&mu_);
  advanced_->SignalAll();
}

void RaceTrace::Start() { trace_on.store(true, std::memory_order_relaxed); }
void RaceTrace::Stop() { trace_on.store(false, std::memory_order_relaxed); }
uint64_t RaceTrace::Now() { return trace_next.load(std::memory_order_relaxed); }

int RaceTrace::ThisThreadSlot() {
  if (this_thread_slot < 0) {
    this_thread_slot = next_thread_slot.fetch_add(1, std::memory_order_relaxed);
  }
  return this_thread_slot;
}

std::vector<RaceTrace::Hit> RaceTrace::Between(uint64_t from, uint64_t to) {
  std::vector<Hit> hits;
  if (to > from + kTraceSize) from = to - kTraceSize;
  for (uint64_t sequence = from; sequence < to; ++sequence) {
    const uint64_t entry =
        trace_ring[sequence % kTraceSize].load(std::memory_order_relaxed);
    if ((entry >> 24) != sequence) continue;  // overwritten or not yet written
    hits.push_back({sequence, static_cast<int>((entry >> 8) & 0xFFFF),
                    static_cast<RacePoint>(entry & 0xFF)});
  }
  return hits;
}

std::vector<RaceTrace::Hit> RaceTrace::CaptureRequests(uint64_t from,
                                                       absl::Duration timeout) {
  const Clock::time_point deadline =
      Clock::now() + absl::ToChronoNanoseconds(timeout);
  while (true) {
    std::vector<Hit> hits = Between(from, Now());
    absl::flat_hash_map<int, bool> sent;  // thread slot -> reached sending
    std::vector<Hit> kept;
    for (const Hit& hit : hits) {
      bool& done = sent[hit.thread_slot];
      if (done) continue;
      kept.push_back(hit);
      if (hit.point == RacePoint::kRequestSending) done = true;
    }
    bool all_sent = true;
    for (const auto& [slot, done] : sent) all_sent &= done;
    if (all_sent || Clock::now() > deadline) return kept;
    std::this_thread::yield();
  }
}

Schedule RaceTrace::ToSchedule(const std::vector<Hit>& hits, int focus_slot) {
  absl::flat_hash_map<int, char> roles = {{focus_slot, 'A'}};
  char next_role = 'B';
  std::vector<ScheduleStep> steps;
  for (const Hit& hit : hits) {
    auto it = roles.find(hit.thread_slot);
    if (it == roles.end()) {
      if (next_role > 'Z') continue;  // roles are letters: drop thread 27+
      it = roles.emplace(hit.thread_slot, next_role++).first;
    }
    steps.push_back({it->second, hit.point});
  }
  return Schedule(std::move(steps));
}

}  // namespace racelab
