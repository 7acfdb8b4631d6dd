// bench/allocation_counter.h
//
// Counts what the calling thread allocates through operator new, so a
// benchmark can report bytes and allocations per request. Linking
// allocation_counter.cc into a binary replaces the global operator new
// (non-aligned forms) with one that counts in thread-local variables and
// then calls malloc; the default operator delete frees it. Memory
// allocated with malloc directly (e.g. inside OpenSSL) is not counted.

#ifndef RACELAB_BENCH_ALLOCATION_COUNTER_H_
#define RACELAB_BENCH_ALLOCATION_COUNTER_H_

#include <cstdint>

namespace racelab::bench {

// Totals since the thread started. Plain value type.
struct Allocations {
  int64_t count = 0;
  int64_t bytes = 0;

  Allocations operator-(const Allocations& other) const {
    return {count - other.count, bytes - other.bytes};
  }
};

// The calling thread's totals so far. Thread-safe (reads thread-local
// state only).
Allocations ThisThreadAllocations();

}  // namespace racelab::bench

#endif  // RACELAB_BENCH_ALLOCATION_COUNTER_H_
