// base/cpu_affinity.h
//
// Which CPUs a thread may run on. OneCpu pins the calling thread to a
// single CPU for its lifetime and gives the CPU it chose, so that other
// threads can join it there (RunOnCpu); the thread's former set comes back
// when it ends. Two uses: TSan's hammer on one CPU (no simultaneity to
// crash the object before the report is out), and the controlled
// scheduler's threads, which run one at a time anyway: on one CPU a
// handoff is a direct switch, not a wake-up across CPUs that, beside busy
// processes, waits for the other CPU's time slice to end.
//
// Thread-compatible: a OneCpu is made and destroyed on the thread it pins.
// Pinning is a hint: a refused sched_setaffinity (a cpuset forbids it)
// leaves the thread where it was, and nothing else changes.

#ifndef RACELAB_BASE_CPU_AFFINITY_H_
#define RACELAB_BASE_CPU_AFFINITY_H_

#include <sched.h>

namespace racelab {

class OneCpu {
 public:
  // Pins the calling thread to the CPU it runs on now (if it may run
  // there; else the first CPU it may run on). Two processes pinning side
  // by side (ctest -j2) then land on different CPUs rather than both on
  // the first.
  OneCpu();
  // Restores the calling thread's former CPU set.
  // REQUIRES: called on the thread that made this OneCpu.
  ~OneCpu();
  OneCpu(const OneCpu&) = delete;
  OneCpu& operator=(const OneCpu&) = delete;

  // The CPU chosen, or -1 if the thread could not be pinned.
  int cpu() const { return cpu_; }
  // Whether the thread was pinned (cpu() >= 0).
  bool pinned() const { return cpu_ >= 0; }

 private:
  // Constant after construction.
  cpu_set_t former_;
  bool have_former_ = false;
  int cpu_ = -1;
};

// Pins the calling thread to `cpu` (a OneCpu's choice) for the rest of its
// life. Returns false, leaving it where it was, if `cpu` < 0 or refused.
bool RunOnCpu(int cpu);

}  // namespace racelab

#endif  // RACELAB_BASE_CPU_AFFINITY_H_
