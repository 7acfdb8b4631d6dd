// bench/allocation_counter.cc

#include "bench/allocation_counter.h"

#include <cstdlib>
#include <new>

namespace racelab::bench {
namespace {

// constinit: no dynamic initialisation, so operator new may use them at any
// time, even before main() or during thread start-up.
constinit thread_local int64_t allocation_count = 0;
constinit thread_local int64_t allocated_bytes = 0;

void* CountedAllocate(std::size_t size) {
  ++allocation_count;
  allocated_bytes += static_cast<int64_t>(size);
  void* memory = std::malloc(size == 0 ? 1 : size);
  if (memory == nullptr) throw std::bad_alloc();
  return memory;
}

}  // namespace

Allocations ThisThreadAllocations() {
  return {allocation_count, allocated_bytes};
}

}  // namespace racelab::bench

// The replaceable global allocation functions. libstdc++'s nothrow forms
// call these, and its default operator delete calls free().
void* operator new(std::size_t size) {
  return racelab::bench::CountedAllocate(size);
}
void* operator new[](std::size_t size) {
  return racelab::bench::CountedAllocate(size);
}
