// share/control/controlled_scheduler.h
//
// ControlledScheduler: runs the threads of one schedule ONE AT A TIME.
// Control passes only at scheduling points (loads, stores and function
// boundaries in the code under test, pthread and futex calls, yields and
// sleeps: interposers.cc), and which thread runs next is the policy's
// choice (schedule_policy.h). The interleaving is then a function of the
// policy's seed and of the program, not of the machine or its load.
//
// Blocking is modelled, never guessed: a thread that would wait for a lock,
// a condition, a semaphore or a futex word held by a thread that is not
// running says so (Block), and the turn goes to another; an unlock, a
// signal, a post or a futex wake by the running thread makes the waiters
// runnable again (Wake). Only when every unfinished thread waits (for
// something a thread outside the schedule holds, or a deadlock) does a
// thread wait for real, counted in Stats::real_waits: the one place where
// the machine may change a schedule.
//
// A thread that reaches kSpinLimit points in a row without giving the turn
// away is deemed spinning and gives way, as a yield does.
//
// Threading: Begin() and Stats() on a coordinating thread while no
// controlled thread runs (before the threads attach, after all finished:
// the caller orders those by its own synchronisation). Between Attach()
// and Detach(), the state below is touched only by the thread that holds
// the turn; a handoff is a release store that the next thread acquires.

#ifndef RACELAB_SHARE_CONTROL_CONTROLLED_SCHEDULER_H_
#define RACELAB_SHARE_CONTROL_CONTROLLED_SCHEDULER_H_

#include <array>
#include <atomic>
#include <cstdint>
#include <optional>

#include "share/control/schedule_policy.h"

namespace racelab::share_internal {

enum class PointKind { kLoad, kStore, kFunction, kSync, kYield };

// Which kinds of points a schedule switches at: a bit per PointKind. The
// history check uses every point; fewer are for measuring which points
// find what (share/history/history_phase_benchmark.cc). A point of a kind left out
// still counts towards the spin limit, and yields always give way.
using PointKinds = uint32_t;
constexpr PointKinds PointKindBit(PointKind kind) {
  return PointKinds{1} << static_cast<int>(kind);
}
inline constexpr PointKinds kEveryPoint =
    PointKindBit(PointKind::kLoad) | PointKindBit(PointKind::kStore) |
    PointKindBit(PointKind::kFunction) | PointKindBit(PointKind::kSync) |
    PointKindBit(PointKind::kYield);

class ControlledScheduler;

// The calling thread's place under control. `scheduler` is null when the
// thread is not controlled; `inside` is set while racelab's own code runs
// on it (a scheduler or an interposer), whose calls are never points;
// loads, stores and function boundaries are points only inside a user's
// operation (`user_calls` > 0), and not on the thread's own stack, which no
// other thread sees.
struct ControlledThread {
  ControlledScheduler* scheduler = nullptr;
  int index = -1;
  bool inside = false;
  int user_calls =
      0;  // UserCallScopes open (include/racelab/operations_internal.h)
  uintptr_t stack_low = 0;
  uintptr_t stack_high = 0;
  // Points ahead at which the policy is known to let this thread run on
  // (ControlledScheduler grants them): a load, store or function boundary
  // then only counts down here, without calling the scheduler.
  int64_t quiet_points = 0;
};
// Initial-exec: reachable from any callback at any point of a thread's life.
extern constinit thread_local ControlledThread this_controlled_thread
    __attribute__((tls_model("initial-exec")));

// A spinning thread gives way after this many points in one turn.
inline constexpr int64_t kSpinLimit = 4096;

// The points at which a schedule's policy cannot switch need not reach the
// scheduler: after a point at which PCT kept the running thread, the next
// QuietSteps() points (at most up to the spin limit) are granted to it as
// `quiet_points`, counted down by the interposers and added to the
// schedule's steps when the thread next enters the scheduler (any point
// past them, a block, a wake, a yield, its end). A wake ends the grant: the
// woken thread may have the higher priority. The steps, switches and
// interleavings are those of deciding at every point
// (controlled_scheduler_test.cc compares both on every seed).

class ControlledScheduler {
 public:
  struct Stats {
    int64_t steps = 0;       // points reached, all threads
    int64_t switches = 0;    // turns handed from one thread to another
    int64_t yields = 0;      // yields, sleeps and spins that gave way
    int64_t blocks = 0;      // waits modelled (Block that handed on)
    int64_t real_waits = 0;  // waits done for real: every thread waited
  };

  ControlledScheduler();
  ~ControlledScheduler();
  ControlledScheduler(const ControlledScheduler&) = delete;
  ControlledScheduler& operator=(const ControlledScheduler&) = delete;

  // A new schedule of `threads` threads under `policy`, switching at the
  // points of `kinds`. REQUIRES: no controlled thread is running;
  // threads == the policy's.
  void Begin(int threads, const SchedulePolicy& policy,
             PointKinds kinds = kEveryPoint);
  // The calling thread becomes thread `index` of the schedule and waits for
  // its turn; the first turn is given when all `threads` have attached.
  // REQUIRES: 0 <= index < threads, each index attached once.
  void Attach(int index);
  // The calling thread is done: it leaves control and hands the turn on.
  void Detach();
  // What the last schedule did. REQUIRES: every thread detached.
  Stats stats() const { return stats_; }
  // Whether quiet points skip the scheduler (the default) or each one is
  // decided, for comparing the two. REQUIRES: no controlled thread is
  // running.
  void set_skip_quiet_points(bool skip) { skip_quiet_points_ = skip; }

  // --- For the interposers, on the thread holding the turn. ---
  // A scheduling point: another thread may run before this one goes on.
  void Point(PointKind kind);
  // The calling thread waits for `key` (a lock, condition, semaphore or
  // futex word). True: woken by a Wake(key) (retry the acquisition). False:
  // no other thread could run, so nothing was modelled: wait for real.
  bool Block(const void* key);
  // Threads waiting for `key` may run again (at most `count` of them, in
  // thread order). Returns how many.
  int Wake(const void* key, int count);
  // The calling thread gives way (a yield, a sleep): others run first.
  void Yield();

 private:
  enum class State { kRunnable, kBlocked, kFinished };
  struct alignas(64) Slot {
    std::atomic<uint32_t> turn{0};  // futex word: 1 = this thread's turn
    State state = State::kRunnable;
    const void* blocked_on = nullptr;
    bool woken_for_real = false;  // given the turn while still blocked
    int64_t turn_points = 0;
  };

  ThreadMask Enabled() const;
  void HandTo(int next);  // the turn, then wait for it back
  void Give(int next);
  void WaitForTurn(int self);
  void GiveWay(bool lower);
  // The grant of quiet points: Settle() adds the ones the calling thread
  // used to the steps and ends the grant; Grant() gives the next ones.
  void Settle();
  void Grant(int self);

  // Set by Begin().
  int threads_ = 0;
  std::optional<SchedulePolicy> policy_;
  PointKinds kinds_ = kEveryPoint;
  bool skip_quiet_points_ = true;

  std::atomic<int> attached_{0};
  std::array<Slot, kMaxControlledThreads> slots_;
  int running_ = -1;
  int64_t granted_ = 0;  // quiet points granted to the running thread
  Stats stats_;
};

}  // namespace racelab::share_internal

#endif  // RACELAB_SHARE_CONTROL_CONTROLLED_SCHEDULER_H_
