// share/control/controlled_scheduler.cc

#include "share/control/controlled_scheduler.h"

#include <pthread.h>

#include <algorithm>

#include "base/check.h"
#include "share/control/real_functions.h"

namespace racelab::share_internal {

constinit thread_local ControlledThread this_controlled_thread
    __attribute__((tls_model("initial-exec")));

namespace {

// Marks the calling thread as inside racelab's own code for a scope.
class Inside {
 public:
  Inside() : was_(this_controlled_thread.inside) {
    this_controlled_thread.inside = true;
  }
  ~Inside() { this_controlled_thread.inside = was_; }

 private:
  const bool was_;
};

}  // namespace

// interposers.cc and wait_interposers.cc: referencing them links the
// interposers with the scheduler out of a static library.
void LinkInterposers();
void LinkWaitInterposers();

ControlledScheduler::ControlledScheduler() {
  LinkInterposers();
  LinkWaitInterposers();
}

ControlledScheduler::~ControlledScheduler() = default;

void ControlledScheduler::Begin(int threads, const SchedulePolicy& policy,
                                PointKinds kinds) {
  RACELAB_CHECK(threads >= 1 && threads <= kMaxControlledThreads,
                "a controlled schedule has 1 to 8 threads");
  threads_ = threads;
  policy_.emplace(policy);
  kinds_ = kinds | PointKindBit(PointKind::kYield);
  attached_.store(0, std::memory_order_relaxed);
  for (int t = 0; t < threads_; ++t) {
    Slot& slot = slots_[t];
    slot.turn.store(0, std::memory_order_relaxed);
    slot.state = State::kRunnable;
    slot.blocked_on = nullptr;
    slot.woken_for_real = false;
    slot.turn_points = 0;
  }
  running_ = -1;
  granted_ = 0;
  stats_ = Stats();
}

void ControlledScheduler::Attach(int index) {
  RACELAB_CHECK(index >= 0 && index < threads_,
                "a thread attached with an index outside the schedule");
  ControlledThread& self = this_controlled_thread;
  RACELAB_CHECK(self.scheduler == nullptr,
                "a thread attached to a schedule twice");
  if (self.stack_high == 0) {
    // Once per thread: for the main thread pthread_getattr_np reads
    // /proc/self/maps (most of a schedule's time when done every time).
    Inside inside;
    pthread_attr_t attr;
    void* stack = nullptr;
    size_t size = 0;
    if (pthread_getattr_np(pthread_self(), &attr) == 0) {
      pthread_attr_getstack(&attr, &stack, &size);
      pthread_attr_destroy(&attr);
    }
    self.stack_low = reinterpret_cast<uintptr_t>(stack);
    self.stack_high = self.stack_low + size;
  }
  self.index = index;
  self.scheduler = this;
  self.quiet_points = 0;
  Inside inside;
  if (attached_.fetch_add(1, std::memory_order_acq_rel) + 1 == threads_) {
    // The last to arrive starts the schedule: the policy's choice, not the
    // order of arrival.
    const int first = policy_->First(Enabled());
    running_ = first;
    if (first == index) return;
    Give(first);
  }
  WaitForTurn(index);
}

void ControlledScheduler::Detach() {
  ControlledThread& self = this_controlled_thread;
  RACELAB_CHECK(self.scheduler == this,
                "a thread detached that never attached");
  const int index = self.index;
  Inside inside;
  Settle();
  self.scheduler = nullptr;
  self.index = -1;
  slots_[index].state = State::kFinished;
  const ThreadMask enabled = Enabled();
  if (enabled != 0) {
    Give(policy_->GiveWay(index, enabled, /*lower=*/false));
    return;
  }
  // Nobody runnable: wake the first waiter (by the policy) for real.
  ThreadMask blocked = 0;
  for (int t = 0; t < threads_; ++t) {
    if (slots_[t].state == State::kBlocked) blocked |= ThreadMask{1} << t;
  }
  if (blocked == 0) return;  // the schedule is over
  const int next = policy_->GiveWay(index, blocked, /*lower=*/false);
  slots_[next].state = State::kRunnable;
  slots_[next].woken_for_real = true;
  Give(next);
}

ThreadMask ControlledScheduler::Enabled() const {
  ThreadMask mask = 0;
  for (int t = 0; t < threads_; ++t) {
    if (slots_[t].state == State::kRunnable) mask |= ThreadMask{1} << t;
  }
  return mask;
}

void ControlledScheduler::Give(int next) {
  running_ = next;
  Slot& slot = slots_[next];
  slot.turn_points = 0;
  slot.turn.store(1, std::memory_order_release);
  real::FutexWake(slot.turn, 1);
}

// No spinning: the threads of a schedule share one CPU (the runner pins
// them), where a spin only delays the thread that would hand the turn back.
void ControlledScheduler::WaitForTurn(int self) {
  std::atomic<uint32_t>& turn = slots_[self].turn;
  while (turn.load(std::memory_order_acquire) == 0) {
    real::FutexWait(turn, 0, nullptr);
  }
  turn.store(0, std::memory_order_relaxed);
}

void ControlledScheduler::HandTo(int next) {
  const int self = this_controlled_thread.index;
  if (next == self) return;
  ++stats_.switches;
  Give(next);
  WaitForTurn(self);
}

void ControlledScheduler::Settle() {
  ControlledThread& self = this_controlled_thread;
  const int64_t used = granted_ - self.quiet_points;
  stats_.steps += used;
  slots_[self.index].turn_points += used;
  granted_ = 0;
  self.quiet_points = 0;
}

// REQUIRES: the policy just let `self` run on at a point.
void ControlledScheduler::Grant(int self) {
  if (!skip_quiet_points_ || kinds_ != kEveryPoint) return;
  granted_ = std::min(policy_->QuietSteps(stats_.steps),
                      kSpinLimit - slots_[self].turn_points);
  this_controlled_thread.quiet_points = granted_;
}

void ControlledScheduler::Point(PointKind kind) {
  Inside inside;
  Settle();
  const int self = this_controlled_thread.index;
  const bool switches = (kinds_ & PointKindBit(kind)) != 0;
  if (switches) ++stats_.steps;
  if (kind == PointKind::kYield || ++slots_[self].turn_points > kSpinLimit) {
    GiveWay(/*lower=*/true);
    return;
  }
  if (!switches) return;
  const int next = policy_->AtPoint(stats_.steps, self, Enabled());
  if (next == self) {
    Grant(self);
    return;
  }
  HandTo(next);
}

void ControlledScheduler::Yield() { Point(PointKind::kYield); }

void ControlledScheduler::GiveWay(bool lower) {
  const int self = this_controlled_thread.index;
  ++stats_.yields;
  HandTo(policy_->GiveWay(self, Enabled(), lower));
}

bool ControlledScheduler::Block(const void* key) {
  Inside inside;
  Settle();
  const int self = this_controlled_thread.index;
  Slot& slot = slots_[self];
  slot.state = State::kBlocked;
  slot.blocked_on = key;
  const ThreadMask enabled = Enabled();
  if (enabled == 0) {
    // Every thread waits: what this one waits for is held outside the
    // schedule (or it is a deadlock). Wait for real.
    slot.state = State::kRunnable;
    slot.blocked_on = nullptr;
    ++stats_.real_waits;
    return false;
  }
  ++stats_.blocks;
  HandTo(policy_->GiveWay(self, enabled, /*lower=*/false));
  // Runnable again: woken by a Wake, or by a thread that finished with
  // nobody else to run.
  slot.blocked_on = nullptr;
  if (slot.woken_for_real) {
    slot.woken_for_real = false;
    ++stats_.real_waits;
    return false;
  }
  return true;
}

int ControlledScheduler::Wake(const void* key, int count) {
  Inside inside;
  Settle();
  int woken = 0;
  for (int t = 0; t < threads_ && woken < count; ++t) {
    Slot& slot = slots_[t];
    if (slot.state != State::kBlocked || slot.blocked_on != key) continue;
    slot.state = State::kRunnable;
    ++woken;
  }
  return woken;
}

}  // namespace racelab::share_internal
