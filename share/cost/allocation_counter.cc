// share/cost/allocation_counter.cc
//
// racelab::cost_allocations: linked into a benchmark binary (normal build
// only), it replaces the global operator new (the non-aligned forms) with
// one that counts calls and bytes in thread-local variables and then calls
// malloc (the default operator delete frees it), and installs the reader
// racelab::Costs uses for its allocs_per_call and alloc_bytes_per_call
// counters (include/racelab/cost.h). Memory allocated with malloc directly
// (e.g. inside OpenSSL) is not counted. An object library, so this file is
// always linked, whether or not the binary names anything in it.

#include <cstdint>
#include <cstdlib>
#include <new>

#include "racelab/cost_internal.h"

namespace racelab::share_internal {
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

Allocations ThisThreadAllocations() {
  return {allocation_count, allocated_bytes};
}

const bool kInstalled = [] {
  CountAllocationsWith(&ThisThreadAllocations);
  return true;
}();

}  // namespace
}  // namespace racelab::share_internal

// The replaceable global allocation functions. libstdc++'s nothrow forms
// call these, and its default operator delete calls free().
void* operator new(std::size_t size) {
  return racelab::share_internal::CountedAllocate(size);
}
void* operator new[](std::size_t size) {
  return racelab::share_internal::CountedAllocate(size);
}
