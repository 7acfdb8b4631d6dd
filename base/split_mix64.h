// base/split_mix64.h
//
// SplitMix64 (Steele, Lea and Flood, "Fast splittable pseudorandom number
// generators", OOPSLA 2014): one 64-bit word of state, a handful of
// instructions a number, and well-mixed output even from seeds that differ
// in one bit, so a seed built as `seed ^ round * K ^ thread << 48` gives
// unrelated streams. For choices a seed must decide (schedules, switch
// points, the hammer's mixes), where std::mt19937_64's 2.5 KB of state
// would cost more to seed than the numbers it then gives (312 words
// written per seeding, each one checked under ThreadSanitizer).
//
// Thread-compatible: one generator per thread.

#ifndef RACELAB_BASE_SPLIT_MIX64_H_
#define RACELAB_BASE_SPLIT_MIX64_H_

#include <cstdint>

namespace racelab {

class SplitMix64 {
 public:
  explicit constexpr SplitMix64(uint64_t seed = 0) : state_(seed) {}

  constexpr uint64_t operator()() {
    uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }

 private:
  uint64_t state_;
};

}  // namespace racelab

#endif  // RACELAB_BASE_SPLIT_MIX64_H_
