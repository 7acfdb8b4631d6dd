// base/cpu_affinity.cc

#include "base/cpu_affinity.h"

#include <pthread.h>

namespace racelab {

OneCpu::OneCpu() {
  CPU_ZERO(&former_);
  if (pthread_getaffinity_np(pthread_self(), sizeof(former_), &former_) != 0) {
    return;
  }
  have_former_ = true;
  int chosen = sched_getcpu();
  if (chosen < 0 || chosen >= CPU_SETSIZE || !CPU_ISSET(chosen, &former_)) {
    chosen = -1;
    for (int cpu = 0; cpu < CPU_SETSIZE && chosen < 0; ++cpu) {
      if (CPU_ISSET(cpu, &former_)) chosen = cpu;
    }
  }
  if (RunOnCpu(chosen)) cpu_ = chosen;
}

OneCpu::~OneCpu() {
  if (have_former_ && cpu_ >= 0) {
    pthread_setaffinity_np(pthread_self(), sizeof(former_), &former_);
  }
}

bool RunOnCpu(int cpu) {
  if (cpu < 0 || cpu >= CPU_SETSIZE) return false;
  cpu_set_t one;
  CPU_ZERO(&one);
  CPU_SET(cpu, &one);
  return pthread_setaffinity_np(pthread_self(), sizeof(one), &one) == 0;
}

}  // namespace racelab
