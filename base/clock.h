// base/clock.h
//
// MonotonicNanos(): CLOCK_MONOTONIC in nanoseconds. The same clock in every
// process of the machine, so a parent and its child can compare instants
// (the hammer's release, a report's first line on stderr). Thread-safe.

#ifndef RACELAB_BASE_CLOCK_H_
#define RACELAB_BASE_CLOCK_H_

#include <cstdint>

namespace racelab {

int64_t MonotonicNanos();

}  // namespace racelab

#endif  // RACELAB_BASE_CLOCK_H_
